import { QueryClient } from '@tanstack/react-query';
import type { ApiError, ApiResult } from '../../common/errors.ts';

/** A query's error: the API's error body (code, message, field), thrown so TanStack Query sees it. */
export class ApiFailure extends Error {
  readonly body: ApiError['error'];

  constructor(body: ApiError['error']) {
    super(body.message);
    this.name = 'ApiFailure';
    this.body = body;
  }
}

/**
 * The data of an ApiResult, or an ApiFailure thrown: how a query function hands an answer to
 * TanStack Query.
 * @example queryFn: async ({ signal }) => unwrap(await getCoverageSummary(signal))
 */
export function unwrap<T>(result: ApiResult<T>): T {
  if ('error' in result) throw new ApiFailure(result.error);
  return result.data;
}

/**
 * The one cache of server state, shared by every page. An answer stays fresh until a socket event
 * or the user's own change invalidates it (nothing refetches on focus or a timer by default), and a
 * failed request is not retried: the page shows the error, as the API gave it.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
