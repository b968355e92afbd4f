import { keepPreviousData, useQuery, type QueryKey } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ApiError, ApiResult } from '../../common/errors.ts';
import { unwrap, type ApiFailure } from './query-client.ts';

/** A query as panels read it: loading, the data, or the API's error. */
export type ApiState<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: ApiError['error'] };

const LOADING: ApiState<never> = { status: 'loading' }; // one object, so memos keyed on a state hold

export type ApiQueryOptions<T> = {
  queryKey: QueryKey;
  /** one request; aborted when nobody needs its answer any more */
  fetch: (signal: AbortSignal) => Promise<ApiResult<T>>;
  /** false: nothing is fetched and the state stays loading */
  enabled?: boolean;
  /**
   * keep showing the previous key's answer while the next one loads (a street changed); a function
   * decides by the previous key (only another version of the same event)
   */
  keepPrevious?: boolean | ((previousKey: QueryKey) => boolean);
  /** refetch on a timer (ms), e.g. hourly history */
  refetchInterval?: number;
};

/**
 * A TanStack query over an ApiResult fetcher, read as an ApiState. A refetch after an
 * invalidation keeps the current answer on screen; only a first load is loading, and a failed
 * request shows its error.
 * @example const state = useApiQuery({ queryKey: ['coverage'], fetch: getCoverageSummary });
 */
export function useApiQuery<T>(options: ApiQueryOptions<T>): ApiState<T> {
  const { queryKey, fetch, enabled = true, keepPrevious = false, refetchInterval } = options;
  const query = useQuery<T, ApiFailure>({
    queryKey,
    queryFn: async ({ signal }) => unwrap(await fetch(signal)),
    enabled,
    placeholderData: (previous, previousQuery) => {
      if (keepPrevious === false || !previousQuery) return undefined;
      if (keepPrevious === true || keepPrevious(previousQuery.queryKey)) {
        return keepPreviousData(previous);
      }
      return undefined;
    },
    refetchInterval,
  });
  const { data, error, status } = query;
  return useMemo<ApiState<T>>(() => {
    if (!enabled) return LOADING;
    if (status === 'error') return { status: 'error', error: error.body };
    if (data !== undefined) return { status: 'ready', data };
    return LOADING;
  }, [enabled, data, error, status]);
}
