import { useCallback, useMemo, useState } from 'react';
import { deleteSnapshot } from '../lib/device-store.ts';
import type { SessionEndReason } from '../lib/use-session.tsx';
import { usePhone } from '../lib/use-phone.ts';
import type { PhoneView } from './phone-view-switch.tsx';
import type { GrievanceEventsState } from '../features/grievances/use-grievance-events.ts';
import { useOutbox, type Outbox } from '../features/grievances/use-outbox.ts';
import { queueSnapshotKey, useQueueSnapshot } from '../features/grievances/use-queue-snapshot.ts';

export type FieldWork = {
  outbox: Outbox;
  /** when the queue shown was last live (the data are the device's copy); null while live */
  lastKnownAt: string | null;
  /** events with an action waiting in the outbox */
  pendingIds: ReadonlySet<number>;
  /** a phone-sized screen, and which of the queue or the map it shows */
  phone: boolean;
  phoneView: PhoneView;
  setPhoneView: (view: PhoneView) => void;
  /** signs out, leaving no copy of the user's queue on the device */
  logout: () => void;
};

/** What working in the field adds to the console: the outbox, the last known queue, the phone's view. */
export function useFieldWork(
  token: string,
  username: string,
  live: GrievanceEventsState,
  onUnauthorized: () => void,
  onSignOut: (reason?: SessionEndReason) => void,
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
  const phone = usePhone();
  const [phoneView, setPhoneView] = useState<PhoneView>('queue'); // a grid manager's first view
  const logout = useCallback(() => {
    void deleteSnapshot(queueSnapshotKey(username));
    onSignOut('logout');
  }, [username, onSignOut]);
  return { outbox, lastKnownAt, pendingIds, phone, phoneView, setPhoneView, logout };
}
