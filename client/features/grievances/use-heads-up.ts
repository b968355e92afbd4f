import { useEffect, useRef, useState } from 'react';
import type { SessionUser } from '../../../common/auth.ts';
import type { GrievanceEvent } from '../../../common/grievances.ts';
import type { Translate } from '../../lib/i18n.ts';
import { canActOn } from './allowed-actions.ts';

const VIBRATION_MS = [200, 100, 200]; // buzz, pause, buzz: felt in a pocket

/**
 * A new event the user is to handle (reported, at their level, in their area) vibrates the phone
 * and, when the user allowed it, shows a notification: while the app is open or installed. The
 * events there were when the list first loaded are not new.
 */
export function useHeadsUp(
  events: ReadonlyMap<number, GrievanceEvent>,
  listReady: boolean,
  user: Pick<SessionUser, 'role' | 'scope'>,
  t: Translate,
): void {
  const seen = useRef<Set<number> | null>(null);
  useEffect(() => {
    if (!listReady) return;
    if (seen.current === null) {
      seen.current = new Set(events.keys());
      return;
    }
    const known = seen.current;
    const fresh = [...events.values()].filter((event) => !known.has(event.id));
    for (const event of fresh) known.add(event.id);
    const mine = fresh.filter((event) => event.state === 'reported' && canActOn(user, event));
    if (mine.length === 0) return;
    navigator.vibrate?.(VIBRATION_MS);
    for (const event of mine) notify(event, t);
  }, [events, listReady, user, t]);
}

function notify(event: GrievanceEvent, t: Translate): void {
  if (!('Notification' in window) || Notification.permission !== 'granted') return;
  const title = t('headsUp.title', { id: String(event.id) });
  const options = {
    body: `${t(`category.${event.category}`)}：${event.description}`,
    tag: `event-${event.id}`,
    icon: '/icons/emblem-192.png',
  };
  // Android's Chrome shows notifications only through the service worker
  const worker = navigator.serviceWorker?.controller ? navigator.serviceWorker.ready : null;
  if (worker) void worker.then((registration) => registration.showNotification(title, options));
  else new Notification(title, options);
}

/** Whether to offer the "alert me" button: notifications exist and were neither allowed nor refused. */
export function useNotificationPermission(): { askable: boolean; ask: () => void } {
  const [permission, setPermission] = useState(() =>
    'Notification' in window ? Notification.permission : 'denied',
  );
  return {
    askable: permission === 'default',
    ask: () => void Notification.requestPermission().then(setPermission),
  };
}
