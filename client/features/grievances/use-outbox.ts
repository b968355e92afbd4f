import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiResult } from '../../../common/errors.ts';
import type { GrievanceEvent, PhotoStage } from '../../../common/grievances.ts';
import { deleteOutbox, putOutbox, randomKey, readOutbox } from '../../lib/device-store.ts';
import { postEventAction, type EventActionInput } from './grievances-api.ts';
import { uploadEventPhoto } from './photos-api.ts';

export const OUTBOX_DEFAULTS = {
  retryMs: 10_000, // while items wait, try again this often (and at once when the network returns)
};

// answers that mean "not now": no answer at all, the server or its database down, rate limited,
// or a failure of ours; the item waits and is sent again with the same key
const RETRY_CODES: ReadonlySet<string> = new Set(['unavailable', 'rate_limited', 'internal']);

type Common = {
  /** the Idempotency-Key it is sent with, every time: the server applies it once */
  key: string;
  username: string;
  eventId: number;
  queuedAt: string;
  /** conflict: the server refused it (the event moved on); shown until the user dismisses it */
  status: 'pending' | 'conflict';
  message?: string;
};

/** An action or photo taken while offline, kept on the device until the server has it. */
export type OutboxItem =
  | (Common & { kind: 'action'; input: EventActionInput })
  | (Common & { kind: 'photo'; stage: PhotoStage; photo: Blob });

export type Outbox = {
  /** the user's items, oldest first */
  items: OutboxItem[];
  /** sends an action now (its answer merged into the live events), or keeps it for later when there is no network ('queued') */
  submitAction: (
    eventId: number,
    input: EventActionInput,
  ) => Promise<ApiResult<GrievanceEvent> | 'queued'>;
  /** uploads a photo now, or keeps it for later ('queued') */
  submitPhoto: (eventId: number, photo: Blob, stage: PhotoStage) => Promise<string | 'queued'>;
  dismiss: (key: string) => void;
  /** counts photos the server took, so photo lists know to fetch again */
  uploads: number;
};

/**
 * The device's outbox (IndexedDB): actions and photos taken offline are kept, sent in order when
 * the network returns, each with its own Idempotency-Key so a retry never applies twice; a refusal
 * (409: the event moved on, 403, 404, 413, 415) stays in the outbox as a conflict for the user.
 */
export function useOutbox(
  token: string,
  username: string,
  merge: (events: readonly GrievanceEvent[]) => void,
  onUnauthorized: () => void,
): Outbox {
  const [items, setItems] = useState<OutboxItem[]>([]);
  const [uploads, setUploads] = useState(0);
  const flushing = useRef(false);

  const reload = useCallback(async () => {
    const all = await readOutbox<OutboxItem>();
    setItems(
      all
        .filter((i) => i.username === username)
        .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt)),
    );
  }, [username]);

  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      const waiting = (await readOutbox<OutboxItem>())
        .filter((i) => i.username === username && i.status === 'pending')
        .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
      for (const item of waiting) {
        const result = await send(token, item);
        if ('data' in result) {
          if (item.kind === 'action') merge([result.data as GrievanceEvent]);
          else setUploads((n) => n + 1);
          await deleteOutbox(item.key);
        } else if (result.error.code === 'unauthorized') {
          onUnauthorized();
          break;
        } else if (RETRY_CODES.has(result.error.code)) {
          break; // still offline: keep the order, try again later
        } else {
          await putOutbox(item.key, { ...item, status: 'conflict', message: result.error.message });
        }
      }
    } finally {
      flushing.current = false;
      await reload();
    }
  }, [token, username, merge, onUnauthorized, reload]);

  useEffect(() => {
    const first = setTimeout(() => void flush(), 0); // what an earlier visit left waiting
    const onOnline = () => void flush();
    window.addEventListener('online', onOnline);
    const timer = setInterval(() => {
      if (navigator.onLine) void flush();
    }, OUTBOX_DEFAULTS.retryMs);
    return () => {
      clearTimeout(first);
      window.removeEventListener('online', onOnline);
      clearInterval(timer);
    };
  }, [flush]);

  const keep = useCallback(
    async (item: OutboxItem) => {
      await putOutbox(item.key, item);
      await reload();
    },
    [reload],
  );

  const submitAction = useCallback<Outbox['submitAction']>(
    async (eventId, input) => {
      const item: OutboxItem = { kind: 'action', ...common(username, eventId), input };
      if (navigator.onLine) {
        const result = await postEventAction(token, eventId, input, item.key);
        if ('data' in result) merge([result.data]);
        if ('data' in result || !RETRY_CODES.has(result.error.code)) return result;
      }
      await keep(item);
      return 'queued';
    },
    [token, username, merge, keep],
  );

  const submitPhoto = useCallback<Outbox['submitPhoto']>(
    async (eventId, photo, stage) => {
      const item: OutboxItem = { kind: 'photo', ...common(username, eventId), stage, photo };
      if (navigator.onLine) {
        const result = await send(token, item);
        if ('data' in result) {
          setUploads((n) => n + 1);
          return 'sent';
        }
        if (!RETRY_CODES.has(result.error.code)) return result.error.message;
      }
      await keep(item);
      return 'queued';
    },
    [token, username, keep],
  );

  const dismiss = useCallback((key: string) => void deleteOutbox(key).then(reload), [reload]);
  return { items, submitAction, submitPhoto, dismiss, uploads };
}

function common(username: string, eventId: number) {
  const queuedAt = new Date().toISOString();
  return { key: randomKey(), username, eventId, queuedAt, status: 'pending' as const };
}

function send(token: string, item: OutboxItem): Promise<ApiResult<unknown>> {
  return item.kind === 'action'
    ? postEventAction(token, item.eventId, item.input, item.key)
    : uploadEventPhoto(token, item.eventId, item.photo, item.stage);
}
