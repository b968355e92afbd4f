import { useEffect, useState } from 'react';
import type { GrievanceEvent } from '../../../common/grievances.ts';
import { readSnapshot, writeSnapshot } from '../../lib/device-store.ts';
import type { ConnectionStatus } from '../../lib/use-grievance-stream.ts';
import type { ListStatus } from './use-grievance-events.ts';

const SAVE_AFTER_MS = 1000; // a burst of live updates is saved once

type Snapshot = { at: string; events: GrievanceEvent[] };

/** The device key of a user's last known queue (removed at logout). */
export const queueSnapshotKey = (username: string) => `queue:${username}`;

/**
 * Keeps the user's queue on the device while it is live, and brings it back when the list cannot
 * be loaded (no network). Answers when that copy was taken while the data are not live (the queue
 * is then marked "last known, at …"), else null.
 */
export function useQueueSnapshot(
  username: string,
  events: ReadonlyMap<number, GrievanceEvent>,
  connection: ConnectionStatus,
  list: ListStatus,
  merge: (events: readonly GrievanceEvent[]) => void,
): string | null {
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const live = connection === 'live';

  useEffect(() => {
    if (!live || events.size === 0) return;
    const timer = setTimeout(() => {
      const at = new Date().toISOString();
      const snapshot: Snapshot = { at, events: [...events.values()] };
      void writeSnapshot(queueSnapshotKey(username), snapshot).then(() => setSavedAt(at));
    }, SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [live, events, username]);

  const failed = list.status === 'error';
  const empty = events.size === 0;
  useEffect(() => {
    if (!failed || !empty) return;
    void readSnapshot<Snapshot>(queueSnapshotKey(username)).then((snapshot) => {
      if (!snapshot) return;
      merge(snapshot.events);
      setSavedAt(snapshot.at);
    });
  }, [failed, empty, username, merge]);

  return live ? null : savedAt;
}
