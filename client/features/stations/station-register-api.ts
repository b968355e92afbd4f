import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LAYER_FIELDS, StationRecord } from '../../../common/api.ts';
import type { RegisterAuditEntry } from '../../../common/register-audit.ts';
import { apiGet, apiRequest } from '../../lib/api-client.ts';
import { unwrap, type ApiFailure } from '../../lib/query-client.ts';
import { useApiQuery, type ApiState } from '../../lib/use-api-query.ts';
import type { StationCollection } from './stations-api.ts';

// The station register over the API: the live stations with what the table shows, one station
// with its version, its audit trail, and its changes as one mutation.

export const STATION_REGISTER_FIELDS = [
  'kind',
  'services',
  'streetCode',
  'communityCode',
] as const satisfies readonly (typeof LAYER_FIELDS)['stations'][number][];

export function useStationRegister(): ApiState<StationCollection> {
  return useApiQuery({
    queryKey: ['layers', 'stations', 'register'],
    fetch: (signal) =>
      apiGet<StationCollection>(
        '/api/layers/stations',
        { fields: STATION_REGISTER_FIELDS },
        signal,
      ),
  });
}

export function useStation(token: string, id: number | null): ApiState<StationRecord> {
  return useApiQuery({
    queryKey: ['stations', id],
    fetch: (signal) => apiRequest<StationRecord>(`/api/stations/${id}`, { token, signal }),
    enabled: id !== null,
  });
}

export function useStationHistory(
  token: string,
  id: number | null,
): ApiState<RegisterAuditEntry[]> {
  return useApiQuery({
    queryKey: ['station-history', id],
    fetch: (signal) =>
      apiRequest<RegisterAuditEntry[]>(`/api/stations/${id}/history`, { token, signal }),
    enabled: id !== null,
  });
}

export type StationChange =
  | { kind: 'create'; body: Record<string, unknown> }
  | { kind: 'edit' | 'retire'; id: number; body: Record<string, unknown> };

/** Registers, corrects or retires a station; every station read refreshes. */
export function useStationChange(token: string) {
  const queryClient = useQueryClient();
  return useMutation<StationRecord | undefined, ApiFailure, StationChange>({
    mutationFn: async (c) => {
      const path =
        c.kind === 'create'
          ? '/api/stations'
          : c.kind === 'edit'
            ? `/api/stations/${c.id}`
            : `/api/stations/${c.id}/retire`;
      return unwrap(
        await apiRequest<StationRecord | undefined>(path, {
          method: c.kind === 'edit' ? 'PATCH' : 'POST',
          token,
          body: c.body,
        }),
      );
    },
    onSuccess: () => {
      for (const key of ['layers', 'stations', 'station-history', 'compounds']) {
        void queryClient.invalidateQueries({ queryKey: [key] });
      }
    },
  });
}
