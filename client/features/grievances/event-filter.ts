import {
  EVENT_STATES,
  type Category,
  type EventState,
  type Grade,
  type GrievanceEvent,
} from '../../../common/grievances.ts';
import type { Scope } from '../../../common/auth.ts';
import type { QueryParams } from '../../lib/api-client.ts';
import { isOpenState } from './allowed-actions.ts';

/** The queue's filters. An empty list means "any". */
export type EventFilter = {
  states: EventState[];
  grades: Grade[];
  category: Category | null;
  overdue: 'any' | 'yes' | 'no';
};

/** What a handler works on: everything but closed cases. */
export const DEFAULT_FILTER: EventFilter = {
  states: EVENT_STATES.filter((state) => state !== 'closed'),
  grades: [],
  category: null,
  overdue: 'any',
};

/** Queue size asked of the server (its maximum); live events add to it. */
export const EVENTS_LIMIT = 1000;

/**
 * Whether an open event is past its deadline at `now`: flagged by the server's overdue job, or due
 * since its last run.
 */
export function isOverdue(event: GrievanceEvent, now: number): boolean {
  if (!isOpenState(event.state)) return false;
  return event.overdue || Date.parse(event.deadline) <= now;
}

/**
 * Whether an event lies in the user's area (the server's rule, principal.ts inScope): a rerouted
 * event's last update reaches the grid it left, and must leave that grid's queue.
 */
export function inUserScope(scope: Scope, event: GrievanceEvent): boolean {
  return (
    scope.district ||
    scope.streets.includes(event.streetCode) ||
    scope.communities.includes(event.communityCode) ||
    scope.grids.includes(event.gridCode)
  );
}

/** Whether an event passes the filters (the same rules as the server's GET /api/events query). */
export function matchesFilter(event: GrievanceEvent, filter: EventFilter, now: number): boolean {
  if (filter.states.length > 0 && !filter.states.includes(event.state)) return false;
  if (filter.grades.length > 0 && !filter.grades.includes(event.grade)) return false;
  if (filter.category !== null && event.category !== filter.category) return false;
  if (filter.overdue !== 'any' && isOverdue(event, now) !== (filter.overdue === 'yes')) {
    return false;
  }
  return true;
}

/** The GET /api/events query for the filters, so the server sends what the queue will show. */
export function toEventQuery(filter: EventFilter): QueryParams {
  return {
    state: filter.states.length > 0 ? filter.states : undefined,
    grade: filter.grades.length > 0 ? filter.grades : undefined,
    category: filter.category ?? undefined,
    overdue: filter.overdue === 'any' ? undefined : String(filter.overdue === 'yes'),
    limit: EVENTS_LIMIT,
  };
}

/** A copy sorted as the server sorts: soonest deadline first, then by id. */
export function sortByDeadline(events: Iterable<GrievanceEvent>): GrievanceEvent[] {
  return [...events].sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline) || a.id - b.id);
}
