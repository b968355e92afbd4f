import { useCallback, useEffect, useRef, useState } from 'react';
import { EVENT_STATES, type GrievanceEvent } from '../../../common/grievances.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { catchUp, connectSocket, type GrievanceSocket } from '../../lib/socket.ts';
import { markBatchStart } from './batch-timing.ts';
import { LiveEventBuffer, type LiveEventData } from './live-events.ts';

// The wall's live stream: the open events at start, then every broadcast, written into a bounded
// LiveEventBuffer in batches (one per animation frame), with the same resync as the dispatch
// console (grievance:sync from the highest seq seen, once per connection). The wall keeps no
// growing cache: a week on the wall costs the memory of its first minute.

export type WallConnection = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** One batch as the page sees it: the events, and which of them the wall held before. */
export type WallBatch = { events: GrievanceEvent[]; known: ReadonlySet<number> };

export type WallStream = {
  data: LiveEventData;
  version: number;
  /** the open events have arrived (the wall knows what was already there) */
  ready: boolean;
  connection: WallConnection;
  staleSince: number | null;
  reconnect: () => void;
};

const OPEN_STATES = EVENT_STATES.filter((s) => s !== 'resolved' && s !== 'closed');
const LIST_LIMIT = 1000; // the server's maximum

/**
 * Live events for the wall. `onBatch` runs once per batch, after the buffer took it (alarms,
 * figures to refresh); `onUnauthorized` when the session is refused.
 */
export function useWallStream(
  token: string,
  onBatch: (batch: WallBatch) => void,
  onUnauthorized: () => void,
): WallStream {
  const buffer = useRef<LiveEventBuffer | null>(null);
  buffer.current ??= new LiveEventBuffer();
  const [view, setView] = useState(() => ({
    data: buffer.current!.toLayerData(),
    version: buffer.current!.version,
  }));
  const [ready, setReady] = useState(false);
  const [connection, setConnection] = useState<WallConnection>('connecting');
  const [staleSince, setStaleSince] = useState<number | null>(null);
  const socketRef = useRef<GrievanceSocket | null>(null);
  const callbacks = useRef({ onBatch, onUnauthorized });
  useEffect(() => {
    callbacks.current = { onBatch, onUnauthorized };
  });

  useEffect(() => {
    const live = buffer.current!;
    let lastSeq = 0;
    let listed = false;
    let synced = false;
    let pending: GrievanceEvent[] = [];
    let frame: number | null = null;
    let alive = true;

    const flush = () => {
      frame = null;
      markBatchStart();
      const events = pending;
      pending = [];
      const known = new Set(events.filter((e) => live.has(e.id)).map((e) => e.id));
      if (!live.upsert(events)) return;
      setView({ data: live.toLayerData(), version: live.version });
      callbacks.current.onBatch({ events, known });
    };
    // live events do not move the resync cursor: they may arrive out of seq order (two requests
    // broadcasting, two processes), and a reconnect between them would skip the earlier one; only
    // the list and each resync's head do (the server makes seqs visible in their order)
    const take = (events: readonly GrievanceEvent[]) => {
      if (!alive || events.length === 0) return;
      pending.push(...events);
      frame ??= requestAnimationFrame(flush);
    };

    const socket = connectSocket(token);
    socketRef.current = socket;
    const sync = () => {
      if (!socket.connected || !listed || synced) return;
      synced = true;
      void catchUp(socket, lastSeq, take).then((head) => {
        if (head === null)
          synced = false; // the next connect catches up again
        else lastSeq = Math.max(lastSeq, head);
      });
    };
    const goneStale = (status: WallConnection) => {
      setConnection(status);
      setStaleSince((since) => since ?? Date.now());
    };
    socket.on('connect', () => {
      setConnection('live');
      setStaleSince(null);
      synced = false;
      sync();
    });
    socket.on('disconnect', (reason) => {
      // the server drops a socket whose session ended (logout elsewhere, or expiry)
      if (reason === 'io server disconnect') callbacks.current.onUnauthorized();
      goneStale(socket.active ? 'reconnecting' : 'offline');
    });
    socket.on('connect_error', (error) => {
      if (error.message === 'unauthorized') callbacks.current.onUnauthorized();
      goneStale(socket.active ? 'reconnecting' : 'offline');
    });
    socket.io.on('reconnect_failed', () => goneStale('offline'));
    socket.on('grievance:reported', (event) => take([event]));
    socket.on('grievance:updated', (event) => take([event]));

    const controller = new AbortController();
    apiRequest<GrievanceEvent[]>('/api/events', {
      params: { state: OPEN_STATES, limit: LIST_LIMIT },
      token,
      signal: controller.signal,
    }).then(
      (result) => {
        if (!alive) return;
        if ('error' in result) {
          if (result.error.code === 'unauthorized') callbacks.current.onUnauthorized();
          return;
        }
        // the open events at start are not news: straight into the buffer, no batch callback
        for (const e of result.data) lastSeq = Math.max(lastSeq, e.seq);
        live.upsert(result.data);
        setView({ data: live.toLayerData(), version: live.version });
        listed = true;
        setReady(true);
        sync();
      },
      () => undefined, // aborted
    );

    return () => {
      alive = false;
      controller.abort();
      if (frame !== null) cancelAnimationFrame(frame);
      socket.disconnect();
      socketRef.current = null;
    };
  }, [token]);

  const reconnect = useCallback(() => {
    const socket = socketRef.current;
    if (socket && !socket.connected) {
      setConnection('reconnecting');
      socket.connect();
    }
  }, []);

  return { ...view, ready, connection, staleSince, reconnect };
}
