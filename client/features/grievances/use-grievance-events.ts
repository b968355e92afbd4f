import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../common/errors.ts';
import type { GrievanceEvent } from '../../../common/grievances.ts';
import { catchUp, connectSocket, type GrievanceSocket } from '../../lib/socket.ts';
import { getEvents } from './grievances-api.ts';
import type { EventFilter } from './event-filter.ts';
import { mergeEvents } from './merge-events.ts';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

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

/**
 * The events of the user's area, kept live: the list for the filters (GET /api/events), then
 * `grievance:reported` / `grievance:updated` broadcasts. Once per connection, after the list has
 * arrived, it asks `grievance:sync` for everything changed since the highest seq seen: that closes
 * the gap between the list and the socket joining its rooms, and replays what a reconnect missed.
 * Versions are merged by seq, so order of arrival never matters.
 */
export function useGrievanceEvents(
  token: string,
  filter: EventFilter,
  onUnauthorized: () => void,
): GrievanceEventsState {
  const [events, setEvents] = useState(EMPTY);
  const [list, setList] = useState<ListStatus>({ status: 'loading' });
  const [connection, setConnection] = useState<ConnectionStatus>('connecting');
  const [staleSince, setStaleSince] = useState<number | null>(null);
  const lastSeq = useRef(0);
  const socketRef = useRef<GrievanceSocket | null>(null);
  const listArrived = useRef(false);
  const synced = useRef(false); // for the current connection
  const unauthorizedRef = useRef(onUnauthorized);
  useEffect(() => {
    unauthorizedRef.current = onUnauthorized;
  });

  const merge = useCallback((incoming: readonly GrievanceEvent[]) => {
    if (incoming.length === 0) return;
    setEvents((current) => mergeEvents(current, incoming));
  }, []);

  const syncOnce = useCallback(() => {
    const socket = socketRef.current;
    if (!socket?.connected || !listArrived.current || synced.current) return;
    synced.current = true;
    void catchUp(socket, lastSeq.current, merge).then((head) => {
      if (head === null)
        synced.current = false; // the next connect catches up again
      else lastSeq.current = Math.max(lastSeq.current, head);
    });
  }, [merge]);

  // the filters by value: a new object with the same filters fetches nothing
  const filterKey = JSON.stringify(filter);
  useEffect(() => {
    const controller = new AbortController();
    setList({ status: 'loading' });
    getEvents(token, JSON.parse(filterKey) as EventFilter, controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        if ('error' in result) {
          if (result.error.code === 'unauthorized') unauthorizedRef.current();
          setList({ status: 'error', error: result.error });
          return;
        }
        merge(result.data);
        // the resync cursor moves with the list and each resync's head, never with live events:
        // they may arrive out of seq order, and a reconnect between two would skip the earlier
        for (const event of result.data) lastSeq.current = Math.max(lastSeq.current, event.seq);
        listArrived.current = true;
        setList({ status: 'ready' });
        syncOnce();
      },
      () => undefined, // aborted
    );
    return () => controller.abort();
  }, [token, filterKey, merge, syncOnce]);

  useEffect(() => {
    const socket = connectSocket(token);
    socketRef.current = socket;
    const goneStale = (status: ConnectionStatus) => {
      setConnection(status);
      setStaleSince((since) => since ?? Date.now());
    };
    socket.on('connect', () => {
      setConnection('live');
      setStaleSince(null);
      synced.current = false;
      syncOnce();
    });
    socket.on('disconnect', (reason) => {
      // the server drops a socket whose session ended (logout elsewhere, or expiry)
      if (reason === 'io server disconnect') unauthorizedRef.current();
      goneStale(socket.active ? 'reconnecting' : 'offline');
    });
    socket.on('connect_error', (error) => {
      // the handshake refuses an expired token; retrying cannot help
      if (error.message === 'unauthorized') unauthorizedRef.current();
      goneStale(socket.active ? 'reconnecting' : 'offline');
    });
    socket.io.on('reconnect_failed', () => goneStale('offline'));
    socket.on('grievance:reported', (event) => merge([event]));
    socket.on('grievance:updated', (event) => merge([event]));
    const onOffline = () => goneStale('offline');
    const onOnline = () => {
      if (!socket.connected) socket.connect();
    };
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      socket.disconnect();
      socketRef.current = null;
    };
  }, [token, merge, syncOnce]);

  const reconnect = useCallback(() => {
    const socket = socketRef.current;
    if (socket && !socket.connected) {
      setConnection('reconnecting');
      socket.connect();
    }
  }, []);

  return { events, list, connection, staleSince, merge, reconnect };
}
