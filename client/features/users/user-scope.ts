import type { Role } from '../../../common/auth.ts';
import { MANAGEABLE, type UserScope } from '../../../common/users.ts';

/** The units a manager may assign, already limited to their area. */
export type ScopeUnits = {
  streets: { code: string; name: string }[];
  communities: { code: string; name: string; streetCode?: string }[];
  grids: { code: string; name: string; communityCode?: string }[];
};

export const EMPTY_SCOPE: UserScope = { streets: [], communities: [], grids: [] };

/**
 * The roles a manager may give (server/users/user-rules.ts decides; this only offers them).
 * @example grantableRoles('community_admin') // ['grid_manager']
 */
export function grantableRoles(manager: Role): readonly Role[] {
  return MANAGEABLE[manager] ?? [];
}

/**
 * The scope a role takes, kept from `scope` where it fits: a street admin one street, a community
 * admin one community, a grid manager grids, district-wide roles nothing.
 * @example scopeForRole('street_admin', { streets: ['350502001000'], communities: ['x'], grids: [] }) // { streets: ['350502001000'], communities: [], grids: [] }
 */
export function scopeForRole(role: Role, scope: UserScope): UserScope {
  if (role === 'street_admin') return { ...EMPTY_SCOPE, streets: scope.streets.slice(0, 1) };
  if (role === 'community_admin') {
    return { ...EMPTY_SCOPE, communities: scope.communities.slice(0, 1) };
  }
  if (role === 'grid_manager') return { ...EMPTY_SCOPE, grids: scope.grids };
  return EMPTY_SCOPE;
}

/**
 * The scope written out with the units' names, for the table.
 * @example scopeLabel({ streets: [], communities: ['350502001001'], grids: [] }, names) // '海滨社区'
 */
export function scopeLabel(scope: UserScope, names: ReadonlyMap<string, string>): string {
  return [...scope.streets, ...scope.communities, ...scope.grids]
    .map((code) => names.get(code) ?? code)
    .join('、');
}
