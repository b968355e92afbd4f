import { describe, expect, it } from 'vitest';
import type { Role, Scope } from '../../common/auth.ts';
import type { UserScope } from '../../common/users.ts';
import {
  codesOf,
  mayManage,
  scopeProblem,
  selfChangeProblem,
  unknownCode,
  type Places,
} from '../../server/users/user-rules.ts';

// Who may manage whom, and what scope each role takes: the pure rules of the users register.

const S1 = '350502001000';
const S2 = '350502002000';
const C11 = '350502001001';
const C12 = '350502001002';
const C21 = '350502002001';
const G111 = '350502001001001';
const G121 = '350502001002001';
const G211 = '350502002001001';

const places: Places = {
  streets: { [S1]: { name: '一街道' }, [S2]: { name: '二街道' } },
  communities: { [C11]: { street: S1 }, [C12]: { street: S1 }, [C21]: { street: S2 } },
  grids: {
    [G111]: { community: C11, street: S1 },
    [G121]: { community: C12, street: S1 },
    [G211]: { community: C21, street: S2 },
  },
};

const scope = (s: Partial<UserScope> = {}): UserScope => ({
  streets: [],
  communities: [],
  grids: [],
  ...s,
});
const manager = (role: Role, s: Partial<UserScope> = {}) => ({
  id: 1,
  role,
  scope: { district: role === 'district_admin', ...scope(s) } as Scope,
});

describe('scopeProblem', () => {
  it('accepts the scope each role takes', () => {
    expect(scopeProblem('grid_manager', scope({ grids: [G111, G121] }))).toBeNull();
    expect(scopeProblem('community_admin', scope({ communities: [C11] }))).toBeNull();
    expect(scopeProblem('street_admin', scope({ streets: [S1] }))).toBeNull();
    for (const role of ['operator', 'planner', 'district_admin'] as const) {
      expect(scopeProblem(role, scope())).toBeNull();
    }
  });

  it('names the first list that does not fit', () => {
    expect(scopeProblem('street_admin', scope({ streets: [S1, S2] }))).toEqual({
      field: 'scope.streets',
      message: 'scope.streets: a street_admin has exactly 1 street, got 2',
    });
    expect(scopeProblem('community_admin', scope({ communities: [C11], grids: [G111] }))).toEqual({
      field: 'scope.grids',
      message: 'scope.grids: a community_admin has no grids, got 1',
    });
    expect(scopeProblem('operator', scope({ streets: [S1] }))).toEqual({
      field: 'scope.streets',
      message: 'scope.streets: an operator is district-wide and has no streets, got 1',
    });
    expect(scopeProblem('grid_manager', scope({ grids: [G111, G121, G111] }))).toEqual({
      field: 'scope.grids.2',
      message: `scope.grids.2: ${G111} is listed twice`,
    });
  });
});

describe('unknownCode', () => {
  it('names the first code that is no unit', () => {
    expect(unknownCode(scope({ grids: [G111, G121] }), places)).toBeNull();
    expect(unknownCode(scope({ grids: [G111, '350502009009009'] }), places)).toEqual({
      field: 'scope.grids.1',
      message: 'scope.grids.1: unknown grid 350502009009009',
    });
    expect(unknownCode(scope({ streets: ['350502009000'] }), places)).toEqual({
      field: 'scope.streets.0',
      message: 'scope.streets.0: unknown street 350502009000',
    });
  });
});

describe('mayManage', () => {
  it('lets a district admin manage every role', () => {
    const d = manager('district_admin');
    expect(mayManage(d, { role: 'district_admin', scope: scope() }, places)).toBe(true);
    expect(mayManage(d, { role: 'street_admin', scope: scope({ streets: [S2] }) }, places)).toBe(
      true,
    );
  });

  it('lets a street admin manage community admins and grid managers wholly in their street', () => {
    const s = manager('street_admin', { streets: [S1] });
    const ok = (role: Role, sc: Partial<UserScope>) =>
      mayManage(s, { role, scope: scope(sc) }, places);
    expect(ok('community_admin', { communities: [C12] })).toBe(true);
    expect(ok('grid_manager', { grids: [G111, G121] })).toBe(true);
    expect(ok('community_admin', { communities: [C21] })).toBe(false);
    expect(ok('grid_manager', { grids: [G111, G211] })).toBe(false);
    expect(ok('street_admin', { streets: [S1] })).toBe(false);
    expect(ok('district_admin', {})).toBe(false);
    expect(ok('operator', {})).toBe(false);
    expect(ok('grid_manager', { grids: ['350502009009009'] })).toBe(false);
  });

  it('lets a community admin manage grid managers of their community only', () => {
    const c = manager('community_admin', { communities: [C11] });
    const ok = (role: Role, sc: Partial<UserScope>) =>
      mayManage(c, { role, scope: scope(sc) }, places);
    expect(ok('grid_manager', { grids: [G111] })).toBe(true);
    expect(ok('grid_manager', { grids: [G111, G121] })).toBe(false);
    expect(ok('community_admin', { communities: [C11] })).toBe(false);
  });

  it('lets nobody else manage anyone', () => {
    for (const role of ['operator', 'planner', 'grid_manager'] as const) {
      const m = manager(role, role === 'grid_manager' ? { grids: [G111] } : {});
      expect(mayManage(m, { role: 'grid_manager', scope: scope({ grids: [G111] }) }, places)).toBe(
        false,
      );
    }
  });
});

describe('selfChangeProblem', () => {
  it('refuses deactivating oneself and changing one’s own role, not others’', () => {
    const current = { role: 'district_admin' as const };
    expect(selfChangeProblem(1, 1, { active: false }, current)).toBe(
      'You cannot deactivate yourself',
    );
    expect(selfChangeProblem(1, 1, { role: 'planner' }, current)).toBe(
      'You cannot change your own role',
    );
    expect(selfChangeProblem(1, 1, { role: 'district_admin', active: true }, current)).toBeNull();
    expect(selfChangeProblem(1, 2, { role: 'planner', active: false }, current)).toBeNull();
  });
});

describe('codesOf', () => {
  it('collects each code once', () => {
    expect(
      codesOf([scope({ grids: [G111, G121] }), scope({ grids: [G111], communities: [C11] })]),
    ).toEqual({ streets: [], communities: [C11], grids: [G111, G121] });
  });
});
