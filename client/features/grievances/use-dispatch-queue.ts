import { useMemo } from 'react';
import type { Scope } from '../../../common/auth.ts';
import type { GrievanceEvent } from '../../../common/grievances.ts';
import { isOpenState } from './allowed-actions.ts';
import type { QueueCounts } from './dispatch-panel.tsx';
import {
  inUserScope,
  isOverdue,
  matchesFilter,
  sortByDeadline,
  type EventFilter,
} from './event-filter.ts';
import { toPulseMarkers } from './grievances-layer.ts';

/**
 * The dispatch queue: the user's events soonest deadline first (`known`), those the filters show
 * at `now` (`shown`), the counts over the queue and the markers that pulse (overdue or near it).
 */
export function useDispatchQueue(
  events: ReadonlyMap<number, GrievanceEvent>,
  scope: Scope,
  filter: EventFilter,
  now: number,
) {
  const known = useMemo(
    () => sortByDeadline(events.values()).filter((e) => inUserScope(scope, e)),
    [events, scope],
  );
  const shown = useMemo(
    () => known.filter((event) => matchesFilter(event, filter, now)),
    [known, filter, now],
  );
  const counts = useMemo<QueueCounts>(() => {
    const open = known.filter((event) => isOpenState(event.state));
    return {
      open: open.length,
      toAccept: open.filter((event) => event.state === 'reported').length,
      overdue: open.filter((event) => isOverdue(event, now)).length,
    };
  }, [known, now]);
  const pulseMarkers = useMemo(() => toPulseMarkers(shown, now), [shown, now]);
  return { known, shown, counts, pulseMarkers };
}
