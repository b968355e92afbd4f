import type { CoverageProgress, UnmanagedCompound } from '../../../common/api.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { useApiQuery, type ApiState } from '../../lib/use-api-query.ts';

/** Query keys of coverage progress: a contract invalidates `all`. */
export const coverageProgressKeys = {
  all: ['coverage', 'progress'] as const,
  progress: (token: string, streetCode: string | null) =>
    [...coverageProgressKeys.all, streetCode ?? 'district', token] as const,
};

/** Query keys of the unmanaged compounds: any proposal change invalidates `all`. */
export const unmanagedKeys = {
  all: ['coverage', 'unmanaged'] as const,
  list: (token: string, streetCode: string | null) =>
    [...unmanagedKeys.all, streetCode ?? 'district', token] as const,
};

/**
 * GET /api/coverage/progress: the district's progress (streetCode null) or one street's; nothing
 * while `scope` is null. The previous answer stays on screen while the next loads.
 */
export function useCoverageProgress(
  token: string,
  scope: { streetCode: string | null } | null,
): ApiState<CoverageProgress> {
  const streetCode = scope?.streetCode ?? null;
  return useApiQuery({
    queryKey: coverageProgressKeys.progress(token, streetCode),
    fetch: (signal) =>
      apiRequest<CoverageProgress>('/api/coverage/progress', {
        params: { streetCode: streetCode ?? undefined },
        token,
        signal,
      }),
    enabled: scope !== null,
    keepPrevious: true,
  });
}

/**
 * GET /api/coverage/unmanaged: the compounds still without property service; another street's
 * answer stays on screen while this one's loads.
 */
export function useUnmanagedCompounds(
  token: string,
  streetCode: string | null,
): ApiState<UnmanagedCompound[]> {
  return useApiQuery({
    queryKey: unmanagedKeys.list(token, streetCode),
    fetch: (signal) =>
      apiRequest<UnmanagedCompound[]>('/api/coverage/unmanaged', {
        params: { streetCode: streetCode ?? undefined },
        token,
        signal,
      }),
    keepPrevious: true,
  });
}
