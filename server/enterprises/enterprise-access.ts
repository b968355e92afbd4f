import type { Request } from 'express';
import type { Role } from '../../common/auth.ts';
import type { RecordKind } from '../../common/enterprises.ts';
import { forbidden } from '../auth/auth-routes.ts';
import type { Principal } from '../auth/principal.ts';
import type { ScoreRule } from './credit-score.ts';

// Who may read and write what of the enterprises' files. The housing bureau is the district
// admin; streets and communities read and evaluate the enterprises serving their compounds; an
// enterprise's own user reads its own file and answers its interviews. No I/O.

export type User = Extract<Principal, { kind: 'user' }>;

export type EnterprisesOptions = { rule: ScoreRule; today: () => string };

/** Roles that read every enterprise's file (the enterprise role reads its own). */
export const FILE_READERS: readonly Role[] = [
  'district_admin',
  'operator',
  'street_admin',
  'community_admin',
];

/** The principal as a user of one of the roles, else a 403 naming them. */
export function userOf(req: Request, roles: readonly Role[], what: string): User {
  const p = req.principal!;
  if (p.kind !== 'user' || !roles.includes(p.role)) {
    throw forbidden(`${what} is for ${roles.join(', ')}`);
  }
  return p;
}

/** Whether a user may read this enterprise's file. */
export function mayReadFile(p: User, enterpriseId: number): boolean {
  if (p.role === 'enterprise') return p.scope.enterpriseId === enterpriseId;
  return FILE_READERS.includes(p.role);
}

/** The roles that may add a record of this kind (their area checked by mayRecordIn). */
export const RECORD_WRITERS: Record<Exclude<RecordKind, 'inspection_failure'>, readonly Role[]> = {
  bad_conduct: ['district_admin'],
  evaluation: ['district_admin', 'street_admin', 'community_admin'],
  party_building: ['district_admin', 'community_admin'],
};

/**
 * Whether a user may add a record about an enterprise serving compounds in these streets and
 * communities, evaluating as `unitCode` (evaluations only): the district everywhere; a street or
 * community admin as their own unit, for an enterprise serving a compound there.
 */
export function mayRecordIn(
  p: User,
  served: { streets: readonly string[]; communities: readonly string[] },
  unitCode: string | null,
): boolean {
  if (p.scope.district) return true;
  const mine =
    p.role === 'street_admin'
      ? p.scope.streets.filter((s) => served.streets.includes(s))
      : p.scope.communities.filter((c) => served.communities.includes(c));
  if (mine.length === 0) return false;
  return unitCode === null || mine.includes(unitCode);
}
