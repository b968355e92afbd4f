import type { Role, Scope, SessionUser } from '../../common/auth.ts';
import type { GrievanceEvent, Level } from '../../common/grievances.ts';

// Who is asking, and the pure rules of what they may see and do. No I/O.

export type Principal = ({ kind: 'user' } & SessionUser) | { kind: 'integration'; name: string }; // machine intake with X-API-Key

/** Roles that handle events (and so may see the reporter's personal data within their scope). */
const HANDLER_LEVEL: Partial<Record<Role, Level>> = {
  grid_manager: 'grid',
  community_admin: 'community',
  street_admin: 'street',
  district_admin: 'district',
};
const LADDER: Level[] = ['grid', 'community', 'street', 'district'];

export function scopeFor(
  role: Role,
  units: { streets: string[]; communities: string[]; grids: string[] },
  enterpriseId: number | null = null,
): Scope {
  const district = role === 'operator' || role === 'district_admin' || role === 'planner';
  if (role === 'enterprise' && enterpriseId !== null) return { district, ...units, enterpriseId };
  return { district, ...units };
}

type Located = Pick<GrievanceEvent, 'gridCode' | 'communityCode' | 'streetCode'>;

/** Whether the scope covers a place (an event's grid/community/street). */
export function inScope(scope: Scope, at: Located): boolean {
  return (
    scope.district ||
    scope.streets.includes(at.streetCode) ||
    scope.communities.includes(at.communityCode) ||
    scope.grids.includes(at.gridCode)
  );
}

/** Whether the principal may read an event. Integration keys only report. */
export function canRead(p: Principal, event: Located): boolean {
  return p.kind === 'user' && inScope(p.scope, event);
}

/**
 * Whether the principal may act on an event: in scope, and a handler at or above the event's
 * handling level (a grid manager works grid-level events; a community-level one is the community's).
 */
export function canAct(p: Principal, event: Located & { level: Level }): boolean {
  if (p.kind !== 'user') return false;
  const mine = HANDLER_LEVEL[p.role];
  if (!mine || !inScope(p.scope, event)) return false;
  return LADDER.indexOf(mine) >= LADDER.indexOf(event.level);
}

/** Whether the principal may report events (machines and handlers; not operators or planners). */
export function canReport(p: Principal): boolean {
  return p.kind === 'integration' || HANDLER_LEVEL[p.role] !== undefined;
}

/** Whether the principal may bundle compounds (suggest, evaluate): planners, district and street admins. */
export function canPlan(p: Principal): boolean {
  return (
    p.kind === 'user' &&
    (p.role === 'planner' || p.role === 'district_admin' || p.role === 'street_admin')
  );
}

/**
 * The event with its duplicate link only when the principal may read the duplicate too (its place
 * given); an unknown place hides it.
 */
export function withReadableDuplicate<E extends Pick<GrievanceEvent, 'duplicateOf'>>(
  p: Principal,
  event: E,
  duplicatePlace: Located | undefined,
): E {
  if (event.duplicateOf === null) return event;
  if (duplicatePlace && canRead(p, duplicatePlace)) return event;
  return { ...event, duplicateOf: null };
}

/** The reporter's personal data is shown only to handlers in scope; everyone else gets it masked. */
export function maskReporter<E extends Pick<GrievanceEvent, 'reporter'> & Located>(
  p: Principal,
  event: E,
): E {
  if (!event.reporter) return event;
  if (p.kind === 'user' && HANDLER_LEVEL[p.role] && inScope(p.scope, event)) return event;
  return {
    ...event,
    reporter: {
      name: event.reporter.name ? `${[...event.reporter.name][0]}*` : null,
      phone: event.reporter.phone ? maskPhone(event.reporter.phone) : null,
    },
  };
}

/**
 * A phone number with most of it hidden, whatever its length (spaces and dashes dropped): from 11
 * digits (a mobile, 138****5678; +86 and an area code count) the first 3 and last 4 characters
 * show; 7–10 digits (a landline) only the last 2; 6 digits or fewer nothing. The hidden part is
 * always `****`, so the length does not show either.
 * @example maskPhone('+86 138 1234 5678') // '+86****5678'
 */
export function maskPhone(phone: string): string {
  const compact = phone.replace(/[\s-]/g, '');
  const digits = compact.replace(/\D/g, '').length;
  if (digits >= 11) return `${compact.slice(0, 3)}****${compact.slice(-4)}`;
  if (digits >= 7) return `****${compact.slice(-2)}`;
  return '****';
}

/** Socket.IO rooms a principal joins: the broadcast of an event goes to the rooms of its place. */
export function roomsFor(scope: Scope): string[] {
  if (scope.district) return ['district'];
  return [
    ...scope.streets.map((c) => `street:${c}`),
    ...scope.communities.map((c) => `community:${c}`),
    ...scope.grids.map((c) => `grid:${c}`),
  ];
}

/** The room of one user's sockets, so the end of their session can drop them all. */
export const userRoom = (userId: number) => `user:${userId}`;

/** The rooms an event's change is broadcast to. */
export function roomsOf(event: Located): string[] {
  return [
    'district',
    `street:${event.streetCode}`,
    `community:${event.communityCode}`,
    `grid:${event.gridCode}`,
  ];
}
