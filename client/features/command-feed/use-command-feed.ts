import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { FeedStatus } from '../../../common/command-feed.ts';
import type { ApiError, ApiResult } from '../../../common/errors.ts';
import { fetchFeedStatus, retryDeadLetter, type RetriedMessage } from './command-feed-api.ts';

export const FEED_POLL_MS = 5000;

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
 * Polls GET /api/command-feed/status every `intervalMs` (the next poll starts when the last one
 * has answered, so a slow server is never asked twice at once).
 */
export function useCommandFeed(
  token: string,
  {
    intervalMs = FEED_POLL_MS,
    onUnauthorized,
  }: { intervalMs?: number; onUnauthorized?: () => void } = {},
): CommandFeedState {
  const [status, setStatus] = useState<FeedStatus | null>(null);
  const [error, setError] = useState<ApiError['error'] | null>(null);
  const [round, setRound] = useState(0);
  const onUnauthorizedRef = useRef(onUnauthorized);
  useLayoutEffect(() => {
    onUnauthorizedRef.current = onUnauthorized;
  });

  useEffect(() => {
    const controller = new AbortController();
    let timer: number | undefined;
    const poll = async () => {
      const result = await fetchFeedStatus(token, controller.signal).catch(() => null);
      if (controller.signal.aborted || !result) return;
      if ('data' in result) {
        setStatus(result.data);
        setError(null);
      } else {
        setError(result.error);
        if (result.error.code === 'unauthorized') return onUnauthorizedRef.current?.();
      }
      timer = window.setTimeout(() => void poll(), intervalMs);
    };
    void poll();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [token, intervalMs, round]);

  const refresh = useCallback(() => setRound((n) => n + 1), []);
  const retry = useCallback(
    async (id: number) => {
      const result = await retryDeadLetter(token, id);
      if ('data' in result) refresh();
      else if (result.error.code === 'unauthorized') onUnauthorizedRef.current?.();
      return result;
    },
    [token, refresh],
  );
  return { status, error, refresh, retry };
}
