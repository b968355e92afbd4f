import type { LAYER_FIELDS, LayerCollections } from '../../../common/api.ts';
import type {
  BundleEvaluation,
  BundleProposal,
  BundlingOptions,
  BundlingResult,
  ProposalState,
  ProviderInput,
} from '../../../common/bundling.ts';
import { apiGet, apiRequest } from '../../lib/api-client.ts';
import type { ApiResult } from '../../../common/errors.ts';
import { useApiQuery, type ApiState } from '../../lib/use-api-query.ts';

/** What the planner's map needs per compound: the fill, the street picker and the labels. */
export const PLAN_COMPOUND_FIELDS = [
  'coverageMode',
  'households',
  'buildings',
  'streetCode',
  'communityCode',
] as const satisfies readonly (typeof LAYER_FIELDS)['compounds'][number][];

export type PlanCompounds = LayerCollections['compounds'];

/** An enterprise for the provider picker (GET /api/enterprises). */
export type EnterpriseOption = { id: number; name: string; compounds: number };

export type SuggestInput = {
  streetCode?: string;
  options?: Partial<Omit<BundlingOptions, 'restarts' | 'seed'>>;
  /** joined with 'bundling:watch' first, so progress events reach this client */
  progressId?: string;
};

/** A proposal action and what it takes besides the version it saw. */
export type ProposalActionInput =
  | { action: 'approve'; note?: string }
  | { action: 'assign'; provider: ProviderInput; note?: string }
  | { action: 'contract'; contractedOn?: string; note?: string }
  | { action: 'withdraw'; note?: string };

/** The query key of the planner's compounds: a contract changes coverage modes, and invalidates it. */
export const PLAN_COMPOUNDS_KEY = ['layers', 'compounds', 'plan'] as const;

/** GET /api/layers/compounds with the planning fields. */
export function usePlanCompounds(): ApiState<PlanCompounds> {
  return useApiQuery({
    queryKey: PLAN_COMPOUNDS_KEY,
    fetch: (signal) =>
      apiGet<PlanCompounds>('/api/layers/compounds', { fields: PLAN_COMPOUND_FIELDS }, signal),
  });
}

/** POST /api/bundles/suggest: bundles of the street's (or the district's) unmanaged compounds. */
export function suggestBundles(
  token: string,
  input: SuggestInput,
  signal?: AbortSignal,
): Promise<ApiResult<BundlingResult>> {
  return apiRequest<BundlingResult>('/api/bundles/suggest', {
    method: 'POST',
    body: input,
    token,
    signal,
  });
}

/** POST /api/bundles/evaluate: the metrics and broken rules of a hand-made selection. */
export function evaluateBundle(
  token: string,
  compoundIds: readonly number[],
  signal?: AbortSignal,
): Promise<ApiResult<BundleEvaluation>> {
  return apiRequest<BundleEvaluation>('/api/bundles/evaluate', {
    method: 'POST',
    body: { compoundIds },
    token,
    signal,
  });
}

/** GET /api/bundles/proposals, newest first. */
export function getProposals(
  token: string,
  filter: { streetCode?: string; state?: ProposalState } = {},
  signal?: AbortSignal,
): Promise<ApiResult<BundleProposal[]>> {
  return apiRequest<BundleProposal[]>('/api/bundles/proposals', {
    params: filter,
    token,
    signal,
  });
}

/**
 * POST /api/bundles/proposals: a draft; 400 naming the broken rule (field compoundIds), 409 when a
 * compound is already in another open proposal.
 */
export function createProposal(
  token: string,
  input: { name: string; compoundIds: readonly number[] },
): Promise<ApiResult<BundleProposal>> {
  return apiRequest<BundleProposal>('/api/bundles/proposals', {
    method: 'POST',
    body: input,
    token,
  });
}

/** PATCH /api/bundles/proposals/{id}: a draft's new name or compounds. */
export function editProposal(
  token: string,
  proposal: Pick<BundleProposal, 'id' | 'version'>,
  changes: { name?: string; compoundIds?: readonly number[] },
): Promise<ApiResult<BundleProposal>> {
  return apiRequest<BundleProposal>(`/api/bundles/proposals/${proposal.id}`, {
    method: 'PATCH',
    body: { version: proposal.version, ...changes },
    token,
  });
}

/** POST /api/bundles/proposals/{id}/{action}; a stale version answers 409. */
export function postProposalAction(
  token: string,
  proposal: Pick<BundleProposal, 'id' | 'version'>,
  { action, ...body }: ProposalActionInput,
): Promise<ApiResult<BundleProposal>> {
  return apiRequest<BundleProposal>(`/api/bundles/proposals/${proposal.id}/${action}`, {
    method: 'POST',
    body: { version: proposal.version, ...body },
    token,
  });
}

/** GET /api/enterprises, for the provider picker. */
export function useEnterprises(token: string): ApiState<EnterpriseOption[]> {
  return useApiQuery({
    queryKey: ['enterprises', token],
    fetch: (signal) => apiRequest<EnterpriseOption[]>('/api/enterprises', { token, signal }),
  });
}
