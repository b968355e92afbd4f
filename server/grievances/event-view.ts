import type { GrievanceEvent } from '../../common/grievances.ts';
import { maskReporter, withReadableDuplicate, type Principal } from '../auth/principal.ts';
import { duplicatePlaceOf } from './grievances-read-queries.ts';

/**
 * An event as a reader may see it over HTTP: the reporter masked unless they handle it, and the
 * duplicate link only when they may read that event too.
 */
export function eventFor(p: Principal, event: GrievanceEvent): GrievanceEvent {
  return maskReporter(p, withReadableDuplicate(p, event, duplicatePlaceOf(event)));
}
