import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../common/errors.ts';
import type { GrievanceEvent } from '../../../common/grievances.ts';
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

const EMPTY: ReadonlyMap<number, GrievanceEvent> = new Map();
const LIST_LOADING: ListStatus = { status: 'loading' };

/**
 * The events of the user's area, kept live: the list for the filters (GET /api/events), then the
 * grievance stream (broadcasts, and a resync from the list per connection). Versions are merged by
 * seq, so order of arrival never matters.
 */
export function useGrievanceEvents(
  token: string,
  filter: EventFilter,
  onUnauthorized: () => void,
): GrievanceEventsState {
  const [events, setEvents] = useState(EMPTY);
  // the answer to the list request of one filter key; another key's is still loading
  const [list, setList] = useState<{ key: string; status: ListStatus } | null>(null);
  const unauthorizedRef = useRef(onUnauthorized);
  useLayoutEffect(() => {
    unauthorizedRef.current = onUnauthorized;
  });

  const merge = useCallback((incoming: readonly GrievanceEvent[]) => {
    if (incoming.length === 0) return;
    setEvents((current) => mergeEvents(current, incoming));
  }, []);
  const { listed, ...stream } = useGrievanceStream(token, merge, onUnauthorized);

  // the filters by value: a new object with the same filters fetches nothing
  const filterKey = JSON.stringify(filter);
  useEffect(() => {
    const controller = new AbortController();
    getEvents(token, JSON.parse(filterKey) as EventFilter, controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        if ('error' in result) {
          if (result.error.code === 'unauthorized') unauthorizedRef.current();
          setList({ key: filterKey, status: { status: 'error', error: result.error } });
          return;
        }
        merge(result.data);
        setList({ key: filterKey, status: { status: 'ready' } });
        listed(result.data);
      },
      () => undefined, // aborted
    );
    return () => controller.abort();
  }, [token, filterKey, merge, listed]);

  const listStatus = list?.key === filterKey ? list.status : LIST_LOADING;
  return { events, list: listStatus, ...stream, merge };
}
