import type { GrievanceEvent } from '../../../common/grievances.ts';

/**
 * The cache with the incoming events merged in, keeping the newest version of each event (highest
 * `seq`), so a late list response never overwrites a live update. Returns the same map when nothing
 * is newer, so React skips the render.
 * @example mergeEvents(new Map(), [event]) // Map { event.id => event }
 */
export function mergeEvents(
  cache: ReadonlyMap<number, GrievanceEvent>,
  incoming: readonly GrievanceEvent[],
): ReadonlyMap<number, GrievanceEvent> {
  let next: Map<number, GrievanceEvent> | null = null;
  for (const event of incoming) {
    const known = (next ?? cache).get(event.id);
    if (known && known.seq >= event.seq) continue;
    next ??= new Map(cache);
    next.set(event.id, event);
  }
  return next ?? cache;
}
