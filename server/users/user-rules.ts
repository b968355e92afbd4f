import type { Role, Scope } from '../../common/auth.ts';
import { MANAGEABLE, type UserScope } from '../../common/users.ts';

// Who may manage whom in the users register, and what scope each role takes. Pure: the places of
// the codes (which street a community lies in, which community and street a grid) come resolved.

export const USER_MANAGERS = Object.keys(MANAGEABLE) as Role[];

/** Where the communities and grids named in scopes lie (codes not found are absent). */
export type Places = {
  streets: Record<string, { name: string }>;
  communities: Record<string, { street: string }>;
  grids: Record<string, { community: string; street: string }>;
};

export type Manager = { id: number; role: Role; scope: Scope };
export type ManagedUser = { role: Role; scope: UserScope };
export type Problem = { field: string; message: string };

const DISTRICT_WIDE: readonly Role[] = ['operator', 'planner', 'district_admin'];

/**
 * What is wrong with a scope for a role, or null: a grid manager has ≥1 grid and nothing else; a
 * community admin exactly one community; a street admin exactly one street; the district-wide
 * roles (operator, planner, district_admin) none; an enterprise user one enterprise and no unit. No
 * code repeats.
 * @example scopeProblem('street_admin', { streets: [], communities: [], grids: [] })
 *   // { field: 'scope.streets', message: 'scope.streets: a street_admin has exactly 1 street, got 0' }
 */
export function scopeProblem(role: Role, scope: UserScope): Problem | null {
  const want: Record<'streets' | 'communities' | 'grids', [number, number]> = {
    streets: role === 'street_admin' ? [1, 1] : [0, 0],
    communities: role === 'community_admin' ? [1, 1] : [0, 0],
    grids: role === 'grid_manager' ? [1, Infinity] : [0, 0],
  };
  if ((role === 'enterprise') !== (scope.enterpriseId !== undefined)) {
    const message =
      role === 'enterprise'
        ? 'scope.enterpriseId: an enterprise user has exactly 1 enterprise, got none'
        : `scope.enterpriseId: only an enterprise user has an enterprise, not ${a(role)}`;
    return { field: 'scope.enterpriseId', message };
  }
  const noun = { streets: 'street', communities: 'community', grids: 'grid' } as const;
  for (const key of ['streets', 'communities', 'grids'] as const) {
    const codes = scope[key];
    const [min, max] = want[key];
    const field = `scope.${key}`;
    if (codes.length < min || codes.length > max) {
      const expected =
        max === 0
          ? DISTRICT_WIDE.includes(role)
            ? `${a(role)} is district-wide and has no ${key}`
            : `${a(role)} has no ${key}`
          : max === Infinity
            ? `${a(role)} has at least ${min} ${noun[key]}`
            : `${a(role)} has exactly ${min} ${noun[key]}`;
      return { field, message: `${field}: ${expected}, got ${codes.length}` };
    }
    const repeated = codes.findIndex((c, i) => codes.indexOf(c) !== i);
    if (repeated >= 0) {
      return {
        field: `${field}.${repeated}`,
        message: `${field}.${repeated}: ${codes[repeated]} is listed twice`,
      };
    }
  }
  return null;
}

const a = (role: Role) => (/^[aeiou]/.test(role) ? `an ${role}` : `a ${role}`);

/**
 * The first code of a scope that names no unit (not in places), as a 400 problem, or null.
 * @example unknownCode({ streets: [], communities: [], grids: ['1', '9'] }, places)
 *   // { field: 'scope.grids.1', message: 'scope.grids.1: unknown grid 9' } when only grid 1 exists
 */
export function unknownCode(scope: UserScope, places: Places): Problem | null {
  const checks = [
    ['streets', 'street', (c: string) => c in places.streets],
    ['communities', 'community', (c: string) => c in places.communities],
    ['grids', 'grid', (c: string) => c in places.grids],
  ] as const;
  for (const [key, noun, known] of checks) {
    const i = scope[key].findIndex((c) => !known(c));
    if (i >= 0) {
      const field = `scope.${key}.${i}`;
      return { field, message: `${field}: unknown ${noun} ${scope[key][i]}` };
    }
  }
  return null;
}

/**
 * Whether a manager may manage a user with this role and scope (the user as they are, and as a
 * change would leave them): a district admin everyone; a street admin community admins and grid
 * managers wholly inside their street; a community admin grid managers wholly inside their
 * community; nobody else anyone.
 */
export function mayManage(manager: Manager, user: ManagedUser, places: Places): boolean {
  const roles = MANAGEABLE[manager.role];
  if (!roles?.includes(user.role)) return false;
  if (manager.role === 'district_admin') return true;
  const { streets, communities, grids } = user.scope;
  if (manager.role === 'street_admin') {
    const mine = manager.scope.streets;
    return (
      streets.length === 0 &&
      communities.length + grids.length > 0 &&
      communities.every((c) => mine.includes(places.communities[c]?.street ?? '')) &&
      grids.every((g) => mine.includes(places.grids[g]?.street ?? ''))
    );
  }
  const mine = manager.scope.communities;
  return (
    streets.length === 0 &&
    communities.length === 0 &&
    grids.length > 0 &&
    grids.every((g) => mine.includes(places.grids[g]?.community ?? ''))
  );
}

/** Why a change of one's own user is refused (deactivating oneself, changing one's own role), or null. */
export function selfChangeProblem(
  managerId: number,
  userId: number,
  change: { role?: Role; active?: boolean },
  current: { role: Role },
): string | null {
  if (managerId !== userId) return null;
  if (change.active === false) return 'You cannot deactivate yourself';
  if (change.role !== undefined && change.role !== current.role) {
    return 'You cannot change your own role';
  }
  return null;
}

/** The community and grid codes named by some scopes (to look their places up). */
export function codesOf(scopes: UserScope[]): UserScope {
  return {
    streets: [...new Set(scopes.flatMap((s) => s.streets))],
    communities: [...new Set(scopes.flatMap((s) => s.communities))],
    grids: [...new Set(scopes.flatMap((s) => s.grids))],
  };
}
