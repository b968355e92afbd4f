import type { Role, SessionUser } from '../../../common/auth.ts';
import {
  LEVELS,
  type EventAction,
  type EventState,
  type GrievanceEvent,
  type Level,
} from '../../../common/grievances.ts';

// a mirror of the server's workflow rules (server/grievances/workflow.ts, TRANSITIONS and canAct),
// only to decide which buttons to show: the server checks every action again and has the last word.

/** Actions legal in each state, in the order the buttons appear (the usual next step first). */
const ACTIONS_BY_STATE: Record<EventState, readonly EventAction[]> = {
  reported: ['accept', 'return', 'escalate'],
  accepted: ['dispatch', 'return', 'escalate'],
  dispatched: ['start', 'dispatch', 'escalate'], // dispatch again = hand to another handler
  in_progress: ['resolve', 'escalate'],
  resolved: ['close', 'reopen'], // the citizen's feedback: satisfied / unsatisfied
  closed: [],
  returned: ['reroute'],
};

/** The handling level each handler role works at; other roles only read. */
const HANDLER_LEVEL: Partial<Record<Role, Level>> = {
  grid_manager: 'grid',
  community_admin: 'community',
  street_admin: 'street',
  district_admin: 'district',
};

/**
 * The workflow actions legal in a state; escalation is dropped at the district level, the top of the
 * ladder.
 * @example allowedActions('accepted', 'grid') // ['dispatch', 'return', 'escalate']
 */
export function allowedActions(state: EventState, level: Level = 'grid'): EventAction[] {
  const actions = ACTIONS_BY_STATE[state];
  return level === 'district' ? actions.filter((a) => a !== 'escalate') : [...actions];
}

/** The level a role handles events at, or null for read-only roles (operator, planner). */
export function handlerLevelOf(role: Role): Level | null {
  return HANDLER_LEVEL[role] ?? null;
}

/**
 * Whether a user may act on an event: a handler whose scope covers the event's place, at or above
 * the event's handling level (a grid manager works grid-level events).
 */
export function canActOn(
  user: Pick<SessionUser, 'role' | 'scope'>,
  event: Pick<GrievanceEvent, 'level' | 'gridCode' | 'communityCode' | 'streetCode'>,
): boolean {
  const mine = handlerLevelOf(user.role);
  if (!mine) return false;
  const { scope } = user;
  const inScope =
    scope.district ||
    scope.streets.includes(event.streetCode) ||
    scope.communities.includes(event.communityCode) ||
    scope.grids.includes(event.gridCode);
  return inScope && LEVELS.indexOf(mine) >= LEVELS.indexOf(event.level);
}

/** Whether an event is still being handled: its deadline runs (resolved waits for feedback). */
export function isOpenState(state: EventState): boolean {
  return state !== 'resolved' && state !== 'closed';
}
