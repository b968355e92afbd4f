import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { EVENT_STATES, type GrievanceEvent } from '../../../common/grievances.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { useGrievanceStream, type ConnectionStatus } from '../../lib/use-grievance-stream.ts';
import { markBatchStart } from './batch-timing.ts';
import { LiveEventBuffer, type LiveEventData } from './live-events.ts';

// The wall's live stream: the open events at start, then the grievance stream (broadcasts and
// resyncs), written into a bounded LiveEventBuffer in batches (one per animation frame). The wall
// keeps no growing cache: a week on the wall costs the memory of its first minute.

export type WallConnection = ConnectionStatus;

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
  const [live] = useState(() => new LiveEventBuffer());
  const [view, setView] = useState(() => ({ data: live.toLayerData(), version: live.version }));
  const [ready, setReady] = useState(false);
  const callbacks = useRef({ onBatch, onUnauthorized });
  useLayoutEffect(() => {
    callbacks.current = { onBatch, onUnauthorized };
  });

  // events wait for the next animation frame, so a burst becomes one batch
  const pending = useRef<GrievanceEvent[]>([]);
  const frame = useRef<number | null>(null);
  const take = useCallback(
    (events: readonly GrievanceEvent[]) => {
      if (events.length === 0) return;
      pending.current.push(...events);
      frame.current ??= requestAnimationFrame(() => {
        frame.current = null;
        markBatchStart();
        const batch = pending.current;
        pending.current = [];
        const known = new Set(batch.filter((e) => live.has(e.id)).map((e) => e.id));
        if (!live.upsert(batch)) return;
        setView({ data: live.toLayerData(), version: live.version });
        callbacks.current.onBatch({ events: batch, known });
      });
    },
    [live],
  );
  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
      pending.current = [];
    },
    [],
  );
  const { listed, ...stream } = useGrievanceStream(token, take, onUnauthorized);

  useEffect(() => {
    const controller = new AbortController();
    apiRequest<GrievanceEvent[]>('/api/events', {
      params: { state: OPEN_STATES, limit: LIST_LIMIT },
      token,
      signal: controller.signal,
    }).then(
      (result) => {
        if (controller.signal.aborted) return;
        if ('error' in result) {
          if (result.error.code === 'unauthorized') callbacks.current.onUnauthorized();
          return;
        }
        // the open events at start are not news: straight into the buffer, no batch callback
        live.upsert(result.data);
        setView({ data: live.toLayerData(), version: live.version });
        setReady(true);
        listed(result.data);
      },
      () => undefined, // aborted
    );
    return () => controller.abort();
  }, [token, live, listed]);

  return { ...view, ready, ...stream };
}
