import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Position } from '../../../common/geo.ts';
import type { GrievanceEvent } from '../../../common/grievances.ts';

export type EventFocus = {
  /** the event open in the drawer */
  focusedId: number | null;
  /** where the map should fly: set by a pick in the queue, not by a click on the map */
  focusTarget: Position | null;
  focusFromMap: (id: number) => void;
  focusFromQueue: (id: number) => void;
  close: () => void;
};

/**
 * The event open in the drawer. Escape closes it, unless `escapeTaken` (the lasso or a dialog
 * has the key).
 */
export function useEventFocus(
  events: ReadonlyMap<number, GrievanceEvent>,
  escapeTaken: boolean,
): EventFocus {
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const [focusTarget, setFocusTarget] = useState<Position | null>(null);
  // through a ref, so the callback (a prop of every memoised queue item) survives live updates
  const eventsRef = useRef(events);
  useLayoutEffect(() => {
    eventsRef.current = events;
  }, [events]);

  const focusFromMap = useCallback((id: number) => setFocusedId(id), []);
  const focusFromQueue = useCallback((id: number) => {
    setFocusedId(id);
    const event = eventsRef.current.get(id);
    if (event) setFocusTarget([...event.location]);
  }, []);
  const close = useCallback(() => setFocusedId(null), []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !escapeTaken) setFocusedId(null);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [escapeTaken]);

  return { focusedId, focusTarget, focusFromMap, focusFromQueue, close };
}
