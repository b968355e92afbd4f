import { useMemo } from 'react';
import type { GrievanceEventsState } from '../features/grievances/use-grievance-events.ts';
import { useOutbox, type Outbox } from '../features/grievances/use-outbox.ts';
import { useQueueSnapshot } from '../features/grievances/use-queue-snapshot.ts';

export type FieldWork = {
  outbox: Outbox;
  /** when the queue shown was last live (the data are the device's copy); null while live */
  lastKnownAt: string | null;
  /** events with an action waiting in the outbox */
  pendingIds: ReadonlySet<number>;
};

/** What working in the field adds to the console: the outbox and the last known queue. */
export function useFieldWork(
  token: string,
  username: string,
  live: GrievanceEventsState,
  onUnauthorized: () => void,
): FieldWork {
  const outbox = useOutbox(token, username, live.merge, onUnauthorized);
  const lastKnownAt = useQueueSnapshot(
    username,
    live.events,
    live.connection,
    live.list,
    live.merge,
  );
  const pendingIds = useMemo(
    () =>
      new Set(
        outbox.items
          .filter((item) => item.kind === 'action' && item.status === 'pending')
          .map((item) => item.eventId),
      ),
    [outbox.items],
  );
  return { outbox, lastKnownAt, pendingIds };
}
