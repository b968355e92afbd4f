import type { Role } from './auth.ts';

// The users register: who may log in, with which role and over which area. District admins manage
// everyone; a street admin the community admins and grid managers of their street; a community
// admin the grid managers of their community (server/users/user-rules.ts).

/** The roles that manage users, and the roles each may manage (grant). */
export const MANAGEABLE: Partial<Record<Role, readonly Role[]>> = {
  district_admin: [
    'operator',
    'planner',
    'district_admin',
    'street_admin',
    'community_admin',
    'grid_manager',
    'enterprise',
  ],
  street_admin: ['community_admin', 'grid_manager'],
  community_admin: ['grid_manager'],
};

/** The units a user is assigned to; district-wide roles (operator, planner, district_admin) have none. */
export type UserScope = {
  streets: string[];
  communities: string[];
  grids: string[];
  /** the enterprise role's one enterprise; absent for every other role */
  enterpriseId?: number;
};

/** GET /api/users → UserRecord[]; never carries a password or its hash. */
export type UserRecord = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  scope: UserScope;
  /** a deactivated user cannot log in and has no session */
  active: boolean;
  /** bumped by every change; a change names the version it saw (409 when stale) */
  version: number;
};

/** POST /api/users */
export type CreateUserInput = {
  username: string;
  displayName: string;
  role: Role;
  scope: UserScope;
  password: string;
};

/** PATCH /api/users/{id} */
export type EditUserInput = {
  version: number;
  displayName?: string;
  role?: Role;
  scope?: UserScope;
  active?: boolean;
};

/** POST /api/users/{id}/password: an admin sets a new password; the user's sessions end. */
export type PasswordResetInput = { version: number; password: string };
