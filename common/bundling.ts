import type { CoverageMode } from './domain.ts';

// Bundling unmanaged compounds (三(二)): the solver's contract (server/bundling/) and the wire
// format of POST /api/bundles/suggest and /api/bundles/evaluate.

/**
 * The solver's default neighbour distance (edge to edge, metres): compounds this close may share a
 * bundle. Roads separate compounds, so touching is too strict. The plan page draws its links with it.
 */
export const NEIGHBOUR_DISTANCE_M = 150;

/** The unit a bundle must stay inside: a community (社区) or a street (街道). */
export type BundlingUnit = 'community' | 'street';

/** One compound as the solver sees it: attributes plus its centroid in a metric plane. */
export type BundlingCompound = {
  id: number;
  households: number;
  buildings: number;
  communityCode: string;
  streetCode: string;
  coverageMode: CoverageMode;
  /** centroid easting in metres (EPSG:4549 from PostGIS, or any local metric plane) */
  x: number;
  /** centroid northing in metres */
  y: number;
};

/** Two compounds within reach of each other; `distanceM` is edge-to-edge (0 when touching). */
export type NeighbourEdge = { a: number; b: number; distanceM: number };

/**
 * The solver's whole input besides options. Edges may be listed once in either direction, may
 * cross units and may be longer than the neighbour distance: the solver filters them.
 */
export type NeighbourGraph = { compounds: BundlingCompound[]; edges: NeighbourEdge[] };

export type BundlingOptions = {
  /** compounds at most this far apart edge-to-edge are neighbours */
  neighbourDistanceM: number;
  /** households a bundle needs to be viable, unless a managed anchor serves it */
  minHouseholds: number;
  /** households one bundle may hold at most, anchor included */
  maxHouseholds: number;
  /** compounds one bundle may hold at most, anchor included */
  maxCompounds: number;
  unit: BundlingUnit;
  /** a managed neighbour may absorb unmanaged compounds (its provider extends service) */
  allowManagedAnchor: boolean;
  /** randomised constructions per component, besides the fixed strategies */
  restarts: number;
  /** seeds the restarts; the same input and seed give the same output */
  seed: number;
};

/** Compactness of a bundle, from its compounds' centroids. */
export type BundleCompactness = {
  /** sum of the distances from each centroid to the centroids' mean */
  sumDistanceToCentreM: number;
  /** area of the convex hull of the centroids (a cheap proxy for the footprint's hull) */
  hullAreaM2: number;
  /** largest distance between two centroids */
  spanM: number;
};

export type Bundle = {
  unitCode: string;
  /** ascending */
  compoundIds: number[];
  /** the managed compound whose provider extends service, or null for an all-unmanaged bundle */
  anchorId: number | null;
  households: number;
  unmanagedHouseholds: number;
  unmanagedCompounds: number;
  buildings: number;
  compactness: BundleCompactness;
};

/**
 * Why an unmanaged compound is in no bundle:
 * - `isolated`: no compound of its unit lies within the neighbour distance;
 * - `too_few_households`: its connected unmanaged group, with every managed anchor it may reach,
 *   cannot reach the minimum;
 * - `unplaced`: a bundle was possible in principle, but none within the maxima could take it
 *   beside the chosen bundles (or the compound alone exceeds the maxima).
 */
export type LeftoverReason = 'isolated' | 'too_few_households' | 'unplaced';

export type Leftover = {
  compoundId: number;
  unitCode: string;
  households: number;
  reason: LeftoverReason;
};

export type BundlingSummary = {
  unmanagedCompounds: number;
  unmanagedHouseholds: number;
  coveredCompounds: number;
  coveredHouseholds: number;
  bundles: number;
  anchoredBundles: number;
  sumDistanceToCentreM: number;
};

export type BundlingResult = {
  options: BundlingOptions;
  /** sorted by unit code, then by first compound id */
  bundles: Bundle[];
  /** sorted by unit code, then compound id */
  leftovers: Leftover[];
  summary: BundlingSummary;
};

/** A broken rule, named by code, with a message naming the value and the accepted range. */
export type BundleViolationCode =
  | 'empty'
  | 'unknown_compound'
  | 'duplicate_compound'
  | 'mixed_units'
  | 'not_connected'
  | 'no_unmanaged'
  | 'several_managed'
  | 'managed_not_allowed'
  | 'below_minimum_households'
  | 'above_maximum_households'
  | 'above_maximum_compounds';

export type BundleViolation = { code: BundleViolationCode; message: string };

export type BundleEvaluation = {
  /** null when the compounds are unknown or span several units */
  unitCode: string | null;
  compoundIds: number[];
  anchorId: number | null;
  households: number;
  unmanagedHouseholds: number;
  unmanagedCompounds: number;
  buildings: number;
  compactness: BundleCompactness;
  viable: boolean;
  violations: BundleViolation[];
};

/** A problem `checkBundles` found in a whole result. */
export type ResultViolation = {
  /** index into result.bundles, or null for a problem outside any one bundle */
  bundleIndex: number | null;
  code:
    | BundleViolationCode
    | 'overlapping'
    | 'leftover_in_bundle'
    | 'unaccounted'
    | 'wrong_anchor'
    | 'wrong_figures'
    | 'wrong_reason';
  message: string;
};

// Bundle proposals (三(二)): a planner saves a bundle as a draft, edits it, approves it, assigns the
// provider that will serve it, and marks it contracted. Contracting gives every unmanaged compound
// of the bundle the provider's coverage mode and writes the coverage history, so progress moves.

/** draft → approved → contracted; a draft or approved proposal may be withdrawn */
export const PROPOSAL_STATES = ['draft', 'approved', 'contracted', 'withdrawn'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export const PROPOSAL_ACTIONS = [
  'create',
  'edit',
  'approve',
  'assign',
  'contract',
  'withdraw',
] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

/**
 * Who will serve the bundle: a professional enterprise (企业), the street/community property
 * company (街道社区物业公司), or the residents themselves (居民自我管理). With a managed anchor the
 * anchor's provider is the natural choice, but the planner decides.
 */
export type ProposalProvider =
  | { mode: 'professional'; enterpriseId: number; enterpriseName: string }
  | { mode: 'street_company' }
  | { mode: 'self_managed' };

/** What POST /api/bundles/proposals/{id}/assign takes. */
export type ProviderInput =
  | { mode: 'professional'; enterpriseId: number }
  | { mode: 'street_company' }
  | { mode: 'self_managed' };

export type BundleProposal = {
  id: number;
  name: string;
  state: ProposalState;
  unitCode: string;
  streetCode: string;
  /** ascending */
  compoundIds: number[];
  anchorId: number | null;
  households: number;
  unmanagedHouseholds: number;
  unmanagedCompounds: number;
  provider: ProposalProvider | null;
  /** ISO date the contract took effect, once contracted */
  contractedOn: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** optimistic concurrency: an edit or action names the version it saw; a stale one gets 409 */
  version: number;
};

export type ProposalAuditEntry = {
  at: string;
  actor: string;
  action: ProposalAction;
  fromState: ProposalState | null;
  toState: ProposalState;
  note: string | null;
};

/** GET /api/bundles/proposals/{id} */
export type BundleProposalDetail = BundleProposal & { audit: ProposalAuditEntry[] };

/**
 * Socket.IO: progress of a long POST /api/bundles/suggest. The client picks a `progressId`,
 * joins it with 'bundling:watch', and sends it in the request body.
 */
export type BundlingProgress = {
  progressId: string;
  /** units (communities or streets) solved so far, of `total` */
  done: number;
  total: number;
};
