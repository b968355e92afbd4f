import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CompoundDetail, LAYER_FIELDS } from '../../../common/api.ts';
import type { RegisterAuditEntry } from '../../../common/register-audit.ts';
import { apiGet, apiRequest } from '../../lib/api-client.ts';
import { unwrap, type ApiFailure } from '../../lib/query-client.ts';
import { useApiQuery, type ApiState } from '../../lib/use-api-query.ts';
import type { CompoundCollection } from './compounds-api.ts';

// The compound register over the API: the live register (the compounds layer with the fields the
// table filters by), a compound's audit trail, and its changes as one mutation that refreshes
// every compound read (the map's layer, coverage, a compound's detail and history).

export const COMPOUND_REGISTER_FIELDS = [
  'coverageMode',
  'households',
  'buildings',
  'yearBuilt',
  'streetCode',
  'communityCode',
] as const satisfies readonly (typeof LAYER_FIELDS)['compounds'][number][];

/** Every live compound with what the register's table shows and filters by. */
export function useCompoundRegister(): ApiState<CompoundCollection> {
  return useApiQuery({
    queryKey: ['layers', 'compounds', 'register'],
    fetch: (signal) =>
      apiGet<CompoundCollection>(
        '/api/layers/compounds',
        { fields: COMPOUND_REGISTER_FIELDS },
        signal,
      ),
  });
}

/** GET /api/compounds/{id}/history; loading while id is null. */
export function useCompoundHistory(
  token: string,
  id: number | null,
): ApiState<RegisterAuditEntry[]> {
  return useApiQuery({
    queryKey: ['compound-history', id],
    fetch: (signal) =>
      apiRequest<RegisterAuditEntry[]>(`/api/compounds/${id}/history`, { token, signal }),
    enabled: id !== null,
  });
}

/** A change of the register: a new compound, a correction, a change of mode, a retirement. */
export type CompoundChange =
  | { kind: 'create'; body: Record<string, unknown> }
  | { kind: 'edit' | 'mode' | 'retire'; id: number; body: Record<string, unknown> };

const PATH = {
  create: () => '/api/compounds',
  edit: (id: number) => `/api/compounds/${id}`,
  mode: (id: number) => `/api/compounds/${id}/mode`,
  retire: (id: number) => `/api/compounds/${id}/retire`,
};

/** Sends a change; answers the compound after it (undefined for a retirement). */
export function useCompoundChange(token: string) {
  const queryClient = useQueryClient();
  return useMutation<CompoundDetail | undefined, ApiFailure, CompoundChange>({
    mutationFn: async (change) => {
      const path = change.kind === 'create' ? PATH.create() : PATH[change.kind](change.id);
      return unwrap(
        await apiRequest<CompoundDetail | undefined>(path, {
          method: change.kind === 'edit' ? 'PATCH' : 'POST',
          token,
          body: change.body,
        }),
      );
    },
    onSuccess: () => {
      for (const key of ['layers', 'compounds', 'compound-history', 'coverage', 'committees']) {
        void queryClient.invalidateQueries({ queryKey: [key] });
      }
    },
  });
}
