import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { FeedStatus } from '../../../common/command-feed.ts';
import type { ApiError, ApiResult } from '../../../common/errors.ts';
import { unwrap, type ApiFailure } from '../../lib/query-client.ts';
import { fetchFeedStatus, retryDeadLetter, type RetriedMessage } from './command-feed-api.ts';

export const FEED_POLL_MS = 5000;

/** The query key of the feed's status. */
export const feedStatusKey = (token: string) => ['command-feed', 'status', token] as const;

export type CommandFeedState = {
  /** the latest status; kept while a later poll fails, so the panel shows its age */
  status: FeedStatus | null;
  /** the last poll's error, null once a poll succeeds again */
  error: ApiError['error'] | null;
  /** polls again now (after a retry) */
  refresh: () => void;
  /** puts a dead letter back to pending, then polls */
  retry: (id: number) => Promise<ApiResult<RetriedMessage>>;
};

/**
 * Polls GET /api/command-feed/status every `intervalMs` (a poll still running is never started
 * twice); a refused session stops the polling.
 */
export function useCommandFeed(
  token: string,
  {
    intervalMs = FEED_POLL_MS,
    onUnauthorized,
  }: { intervalMs?: number; onUnauthorized?: () => void } = {},
): CommandFeedState {
  const queryClient = useQueryClient();
  const key = useMemo(() => feedStatusKey(token), [token]);
  const query = useQuery<FeedStatus, ApiFailure>({
    queryKey: key,
    queryFn: async ({ signal }) => unwrap(await fetchFeedStatus(token, signal)),
    refetchInterval: (current) =>
      current.state.error?.body.code === 'unauthorized' ? false : intervalMs,
    refetchIntervalInBackground: true, // a wall or console tab may be in the background
  });
  const onUnauthorizedRef = useRef(onUnauthorized);
  useLayoutEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
  });
  const unauthorized = query.error?.body.code === 'unauthorized';
  useEffect(() => {
    if (unauthorized) onUnauthorizedRef.current?.();
  }, [unauthorized]);

  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: key }),
    [queryClient, key],
  );
  const retry = useCallback(
    async (id: number) => {
      const result = await retryDeadLetter(token, id);
      if ('data' in result) refresh();
      else if (result.error.code === 'unauthorized') onUnauthorizedRef.current?.();
      return result;
    },
    [token, refresh],
  );
  return {
    status: query.data ?? null,
    error: query.error?.body ?? null,
    refresh,
    retry,
  };
}
