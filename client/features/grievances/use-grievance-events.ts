import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { ApiError } from '../../../common/errors.ts';
import type { GrievanceEvent } from '../../../common/grievances.ts';
import { unwrap, type ApiFailure } from '../../lib/query-client.ts';
import { useGrievanceStream, type ConnectionStatus } from '../../lib/use-grievance-stream.ts';
import { getEvents } from './grievances-api.ts';
import type { EventFilter } from './event-filter.ts';
import { mergeEvents } from './merge-events.ts';

export type ListStatus =
  { status: 'loading' } | { status: 'ready' } | { status: 'error'; error: ApiError['error'] };

export type GrievanceEventsState = {
  /** every event known, each in its newest version (highest seq) */
  events: ReadonlyMap<number, GrievanceEvent>;
  /** the list request for the current filters */
  list: ListStatus;
  connection: ConnectionStatus;
  /** when the data stopped being live (ms since epoch); null while live or still connecting */
  staleSince: number | null;
  /** merges events from elsewhere, e.g. the answer to the user's own action */
  merge: (events: readonly GrievanceEvent[]) => void;
  /** reconnects after the client gave up (offline) */
  reconnect: () => void;
};

type LiveEvents = ReadonlyMap<number, GrievanceEvent>;
const EMPTY: LiveEvents = new Map();

/** Query keys of the dispatch console's events. */
export const grievanceEventKeys = {
  /** every event known to this session, merged by seq: lists, broadcasts, resyncs, own actions */
  live: (token: string) => ['events', 'live', token] as const,
  /** the list request for one set of filters (its answer goes into `live`) */
  list: (token: string, filterKey: string) => ['events', 'list', filterKey, token] as const,
};

/**
 * The events of the user's area, kept live in the query cache: the list for the filters
 * (GET /api/events), then the grievance stream (broadcasts, and a resync from the list per
 * connection), all merged by seq into one map, so order of arrival never matters.
 */
export function useGrievanceEvents(
  token: string,
  filter: EventFilter,
  onUnauthorized: () => void,
): GrievanceEventsState {
  const queryClient = useQueryClient();
  const liveKey = useMemo(() => grievanceEventKeys.live(token), [token]);
  // the cache is the store: nothing fetches this key, the writers below fill it
  const { data: events = EMPTY } = useQuery<LiveEvents>({
    queryKey: liveKey,
    queryFn: () => queryClient.getQueryData<LiveEvents>(liveKey) ?? EMPTY,
    initialData: EMPTY,
  });
  const merge = useCallback(
    (incoming: readonly GrievanceEvent[]) => {
      if (incoming.length === 0) return;
      queryClient.setQueryData<LiveEvents>(liveKey, (current) =>
        mergeEvents(current ?? EMPTY, incoming),
      );
    },
    [queryClient, liveKey],
  );
  const { listed, ...stream } = useGrievanceStream(token, merge, onUnauthorized);

  // the filters by value: a new object with the same filters fetches nothing
  const filterKey = JSON.stringify(filter);
  const list = useQuery<number, ApiFailure>({
    queryKey: grievanceEventKeys.list(token, filterKey),
    queryFn: async ({ signal }) => {
      const found = unwrap(await getEvents(token, JSON.parse(filterKey) as EventFilter, signal));
      merge(found);
      listed(found);
      return found.length;
    },
    gcTime: 0, // filters left behind are asked again when they come back
  });
  const unauthorizedRef = useRef(onUnauthorized);
  useLayoutEffect(() => {
    unauthorizedRef.current = onUnauthorized;
  });
  const unauthorized = list.error?.body.code === 'unauthorized';
  useEffect(() => {
    if (unauthorized) unauthorizedRef.current();
  }, [unauthorized]);

  const listStatus = useMemo<ListStatus>(
    () =>
      list.status === 'error'
        ? { status: 'error', error: list.error.body }
        : list.status === 'success'
          ? { status: 'ready' }
          : { status: 'loading' },
    [list.status, list.error],
  );
  return { events, list: listStatus, ...stream, merge };
}
