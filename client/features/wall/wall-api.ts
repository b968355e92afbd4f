import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, ApiResult } from '../../../common/errors.ts';
import type { WallHistory, WallSummary } from '../../../common/wall.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../lib/query-client.ts';

/** GET /api/wall/summary: every figure of the wall, for the district or one street. */
export function getWallSummary(
  token: string,
  streetCode: string | null,
  signal?: AbortSignal,
): Promise<ApiResult<WallSummary>> {
  return apiRequest<WallSummary>('/api/wall/summary', {
    params: { streetCode: streetCode ?? undefined },
    token,
    signal,
  });
}

export const WALL_REFRESH = {
  coalesceMs: 250, // live events arriving together cost one request
  minGapMs: 1000, // at most one request a second, however fast events arrive
  periodMs: 60_000, // and one a minute anyway: deadlines pass without any event
};

export type WallSummaryState = {
  /** the last figures received (kept on screen while the next ones load, or after a failure) */
  data: WallSummary | null;
  error: ApiError['error'] | null;
  /** asks for fresh figures: coalesced and throttled (WALL_REFRESH) */
  refresh: () => void;
};

/**
 * The wall's figures for a street (null = district), refetched on demand, throttled so a burst of
 * live events costs one request a second. A new street fetches at once; the old figures stay up
 * until the new ones arrive, so panels never blank.
 */
export function useWallSummary(
  token: string,
  streetCode: string | null,
  onUnauthorized: () => void,
): WallSummaryState {
  const [data, setData] = useState<WallSummary | null>(null);
  const [error, setError] = useState<ApiError['error'] | null>(null);
  const inFlight = useRef<AbortController | null>(null);
  const timer = useRef<number | null>(null);
  const lastStart = useRef(0);
  const dirty = useRef(false);
  const fetchRef = useRef<() => void>(() => undefined);
  const unauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    unauthorizedRef.current = onUnauthorized;
  });

  useEffect(() => {
    let alive = true;
    const run = () => {
      timer.current = null;
      if (inFlight.current) {
        dirty.current = true; // one more after this one
        return;
      }
      dirty.current = false;
      lastStart.current = Date.now();
      const controller = new AbortController();
      inFlight.current = controller;
      getWallSummary(token, streetCode, controller.signal).then(
        (result) => {
          inFlight.current = null;
          if (!alive) return;
          if ('data' in result) {
            setData(result.data);
            setError(null);
          } else {
            if (result.error.code === 'unauthorized') unauthorizedRef.current();
            setError(result.error);
          }
          if (dirty.current) fetchRef.current();
        },
        () => {
          inFlight.current = null; // aborted
        },
      );
    };
    fetchRef.current = () => {
      if (timer.current !== null) return;
      const wait = Math.max(
        WALL_REFRESH.coalesceMs,
        lastStart.current + WALL_REFRESH.minGapMs - Date.now(),
      );
      timer.current = window.setTimeout(run, wait);
    };
    run();
    const periodic = window.setInterval(() => fetchRef.current(), WALL_REFRESH.periodMs);
    return () => {
      alive = false;
      window.clearInterval(periodic);
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
      inFlight.current?.abort();
      inFlight.current = null;
    };
  }, [token, streetCode]);

  const refresh = useCallback(() => fetchRef.current(), []);
  return { data, error, refresh };
}

const HISTORY_REFRESH_MS = 3_600_000; // the heat layer is history: hourly is fresh enough

/** GET /api/wall/history?days=: where events came from, for the heat layer. */
export function getWallHistory(
  token: string,
  days: number,
  signal?: AbortSignal,
): Promise<ApiResult<WallHistory>> {
  return apiRequest<WallHistory>('/api/wall/history', { params: { days }, token, signal });
}

/** The history points, fetched at start and hourly; null until they arrive (or on failure). */
export function useWallHistory(token: string, days: number): WallHistory | null {
  const query = useQuery({
    queryKey: ['wall', 'history', days, token],
    queryFn: async ({ signal }) => unwrap(await getWallHistory(token, days, signal)),
    refetchInterval: HISTORY_REFRESH_MS,
  });
  return query.data ?? null; // a failed hourly refetch keeps the last points
}
