// Users, roles and what a logged-in client learns about itself.

export const ROLES = [
  'operator', // command centre: reads everything, never personal data
  'grid_manager', // scoped to one or more grids
  'community_admin', // scoped to one community
  'street_admin', // scoped to one street
  'district_admin', // everything
  'planner', // bundling (coverage planning); reads events without personal data
  'enterprise', // a property enterprise's own user: its file, compounds and interviews only
] as const;
export type Role = (typeof ROLES)[number];

/** The units a user may see and act on; empty lists with district scope mean everything. */
export type Scope = {
  district: boolean;
  streets: string[];
  communities: string[];
  grids: string[];
  /** the enterprise role's one enterprise (no street, community or grid) */
  enterpriseId?: number;
};

export type SessionUser = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
};

/** POST /api/auth/login → */
export type LoginResult = { token: string; expiresAt: string; user: SessionUser };
