import type { CoverageProgress, UnmanagedCompound } from '../../../common/api.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { useApi, type ApiState } from '../../lib/use-api.ts';

/**
 * GET /api/coverage/progress: the district's progress (streetCode null) or one street's; nothing
 * while `scope` is null. `revision` is part of the key, so a contract elsewhere on the page fetches
 * it again.
 */
export function useCoverageProgress(
  token: string,
  scope: { streetCode: string | null } | null,
  revision: number,
): ApiState<CoverageProgress> {
  const streetCode = scope?.streetCode ?? undefined;
  return useApi(
    scope === null
      ? null
      : {
          key: `coverage/progress/${streetCode ?? 'district'}@${revision}`,
          fetch: (signal) =>
            apiRequest<CoverageProgress>('/api/coverage/progress', {
              params: { streetCode },
              token,
              signal,
            }),
        },
  );
}

/** GET /api/coverage/unmanaged: the compounds still without property service. */
export function useUnmanagedCompounds(
  token: string,
  streetCode: string | null,
  revision: number,
): ApiState<UnmanagedCompound[]> {
  return useApi({
    key: `coverage/unmanaged/${streetCode ?? 'district'}@${revision}`,
    fetch: (signal) =>
      apiRequest<UnmanagedCompound[]>('/api/coverage/unmanaged', {
        params: { streetCode: streetCode ?? undefined },
        token,
        signal,
      }),
  });
}
