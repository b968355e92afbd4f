import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { GrievanceEvent } from '../../common/grievances.ts';
import { ResyncCursor } from './resync-cursor.ts';
import { catchUp, connectSocket, type GrievanceSocket } from './socket.ts';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

export type GrievanceStream = {
  connection: ConnectionStatus;
  /** when the data stopped being live (ms since epoch); null while live or still connecting */
  staleSince: number | null;
  /**
   * The page's list (GET /api/events) arrived: the cursor moves to its highest seq, and the
   * connection catches up from there. Call it again for every list the page loads.
   */
  listed: (events: readonly GrievanceEvent[]) => void;
  /** reconnects after the client gave up (offline) */
  reconnect: () => void;
};

/**
 * The live grievance stream shared by the dispatch console and the wall: connects with the
 * session token, hands every `grievance:reported` / `grievance:updated` broadcast and every resync
 * page to `take`, and once per connection (after the page's list arrived) asks `grievance:sync` for
 * everything since the cursor, which then moves to the resync's head (see ResyncCursor). Reconnects
 * on `online`; `onUnauthorized` runs when the server refuses or drops the session.
 */
export function useGrievanceStream(
  token: string,
  take: (events: readonly GrievanceEvent[]) => void,
  onUnauthorized: () => void,
): GrievanceStream {
  const [connection, setConnection] = useState<ConnectionStatus>('connecting');
  const [staleSince, setStaleSince] = useState<number | null>(null);
  const socketRef = useRef<GrievanceSocket | null>(null);
  const cursorRef = useRef(new ResyncCursor());
  const callbacks = useRef({ take, onUnauthorized });
  useLayoutEffect(() => {
    callbacks.current = { take, onUnauthorized };
  });

  const sync = useCallback(() => {
    const socket = socketRef.current;
    const cursor = cursorRef.current;
    const from = cursor.begin(socket?.connected ?? false);
    if (socket === null || from === null) return;
    void catchUp(socket, from, (events) => callbacks.current.take(events)).then((head) =>
      cursor.end(head),
    );
  }, []);

  useEffect(() => {
    const socket = connectSocket(token);
    socketRef.current = socket;
    cursorRef.current = new ResyncCursor(); // a new session starts from its own list
    const goneStale = (status: ConnectionStatus) => {
      setConnection(status);
      setStaleSince((since) => since ?? Date.now());
    };
    socket.on('connect', () => {
      setConnection('live');
      setStaleSince(null);
      cursorRef.current.connected();
      sync();
    });
    socket.on('disconnect', (reason) => {
      // the server drops a socket whose session ended (logout elsewhere, or expiry)
      if (reason === 'io server disconnect') callbacks.current.onUnauthorized();
      goneStale(socket.active ? 'reconnecting' : 'offline');
    });
    socket.on('connect_error', (error) => {
      // the handshake refuses an expired token; retrying cannot help
      if (error.message === 'unauthorized') callbacks.current.onUnauthorized();
      goneStale(socket.active ? 'reconnecting' : 'offline');
    });
    socket.io.on('reconnect_failed', () => goneStale('offline'));
    socket.on('grievance:reported', (event) => callbacks.current.take([event]));
    socket.on('grievance:updated', (event) => callbacks.current.take([event]));
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
  }, [token, sync]);

  const listed = useCallback(
    (events: readonly GrievanceEvent[]) => {
      cursorRef.current.listed(events);
      sync();
    },
    [sync],
  );

  const reconnect = useCallback(() => {
    const socket = socketRef.current;
    if (socket && !socket.connected) {
      setConnection('reconnecting');
      socket.connect();
    }
  }, []);

  return { connection, staleSince, listed, reconnect };
}
