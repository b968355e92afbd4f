import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRecord } from '../../common/users.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/test-server.ts';

// The users register on a real database: district admins manage everyone, a street admin the
// community admins and grid managers of their street, a community admin the grid managers of their
// community; scopes fit roles and name real units; versions, audit, deactivation ending sessions
// and blocking login; nothing half-written on a refusal.

let server: TestServer;
const tokens: Record<string, string> = {};
// the demo community admin's community and its street (开元), another community of that street,
// and a community of another street, each with its first grid
type Unit = { code: string; street: string; grid: string };
let home: Unit;
let sibling: Unit;
let elsewhere: Unit;

type Reply<T> = {
  status: number;
  body: T & { error?: { code: string; message: string; field?: string } };
};

async function call<T>(
  method: string,
  path: string,
  as: string | { token: string },
  body?: unknown,
): Promise<Reply<T>> {
  const token = typeof as === 'string' ? tokens[as] : as.token;
  const res = await fetch(server.url + path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Reply<T>['body'] };
}

async function login(username: string, password: string) {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, body: (await res.json()) as { token: string } };
}

const scope = (s: Partial<UserRecord['scope']> = {}) => ({
  streets: [],
  communities: [],
  grids: [],
  ...s,
});
const PASSWORD = 'a-long-password-2026';

const counts = async () =>
  (
    await server.db.query<{ users: number; audit: number }>(
      'SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM user_audit) AS audit',
    )
  )[0]!;

async function unitOf(where: string, params: unknown[]): Promise<Unit> {
  const [row] = await server.db.query<Unit>(
    `SELECT m.code, m.street_code AS street,
            (SELECT g.code FROM grids g WHERE g.community_code = m.code ORDER BY g.code LIMIT 1) AS grid
     FROM communities m WHERE ${where} ORDER BY m.code LIMIT 1`,
    params,
  );
  return row!;
}

beforeAll(async () => {
  server = await startTestServer();
  for (const u of ['district', 'kaiyuan', 'community', 'operator', 'grid1']) {
    tokens[u] = await loginAs(server, u);
  }
  home = await unitOf(
    `m.code = (SELECT scope_communities[1] FROM users WHERE username = 'community')`,
    [],
  );
  sibling = await unitOf('m.street_code = $1 AND m.code <> $2', [home.street, home.code]);
  elsewhere = await unitOf('m.street_code <> $1', [home.street]);
});
afterAll(async () => {
  await server?.close();
});

describe('creating users', () => {
  it('lets the district admin create a street admin, audited without the password', async () => {
    const before = await counts();
    const reply = await call<UserRecord>('POST', '/api/users', 'district', {
      username: 'street_b',
      displayName: '另一街道管理员',
      role: 'street_admin',
      scope: scope({ streets: [elsewhere.street] }),
      password: PASSWORD,
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({
      id: reply.body.id,
      username: 'street_b',
      displayName: '另一街道管理员',
      role: 'street_admin',
      scope: scope({ streets: [elsewhere.street] }),
      active: true,
      version: 1,
    });
    expect(await counts()).toEqual({ users: before.users + 1, audit: before.audit + 1 });
    const audit = await server.db.query<{
      action: string;
      actor: string;
      before: null;
      after: object;
    }>('SELECT action, actor, before, after FROM user_audit WHERE user_id = $1', [reply.body.id]);
    expect(audit).toEqual([
      { action: 'create', actor: 'district', before: null, after: reply.body },
    ]);
    expect((await login('street_b', PASSWORD)).status).toBe(200);
  });

  it('lets a street admin create a community admin in their street, nowhere else, no higher role', async () => {
    const before = await counts();
    const ok = await call<UserRecord>('POST', '/api/users', 'kaiyuan', {
      username: 'sibling_admin',
      displayName: '邻社区管理员',
      role: 'community_admin',
      scope: scope({ communities: [sibling.code] }),
      password: PASSWORD,
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      role: 'community_admin',
      scope: scope({ communities: [sibling.code] }),
    });
    const outside = await call('POST', '/api/users', 'kaiyuan', {
      username: 'far_admin',
      displayName: '外街道社区管理员',
      role: 'community_admin',
      scope: scope({ communities: [elsewhere.code] }),
      password: PASSWORD,
    });
    expect(outside.status).toBe(403);
    expect(outside.body.error).toMatchObject({
      code: 'forbidden',
      message:
        'A street_admin may not give a user the role community_admin with this scope: outside your area or above your role',
    });
    const higher = await call('POST', '/api/users', 'kaiyuan', {
      username: 'usurper',
      displayName: '越权',
      role: 'district_admin',
      scope: scope(),
      password: PASSWORD,
    });
    expect(higher.status).toBe(403);
    const peer = await call('POST', '/api/users', 'kaiyuan', {
      username: 'peer_street',
      displayName: '同级',
      role: 'street_admin',
      scope: scope({ streets: [home.street] }),
      password: PASSWORD,
    });
    expect(peer.status).toBe(403);
    expect(await counts()).toEqual({ users: before.users + 1, audit: before.audit + 1 });
  });

  it('lets a community admin create a grid manager of their community only', async () => {
    const ok = await call<UserRecord>('POST', '/api/users', 'community', {
      username: 'grid_new',
      displayName: '新网格员',
      role: 'grid_manager',
      scope: scope({ grids: [home.grid] }),
      password: PASSWORD,
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ username: 'grid_new', role: 'grid_manager', version: 1 });
    const before = await counts();
    const neighbour = await call('POST', '/api/users', 'community', {
      username: 'grid_far',
      displayName: '邻社区网格员',
      role: 'grid_manager',
      scope: scope({ grids: [home.grid, sibling.grid] }),
      password: PASSWORD,
    });
    expect(neighbour.status).toBe(403);
    const admin = await call('POST', '/api/users', 'community', {
      username: 'peer_admin',
      displayName: '同级',
      role: 'community_admin',
      scope: scope({ communities: [home.code] }),
      password: PASSWORD,
    });
    expect(admin.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('refuses scopes that do not fit the role, naming the field', async () => {
    const before = await counts();
    const attempt = (role: string, s: object) =>
      call('POST', '/api/users', 'district', {
        username: 'misfit',
        displayName: '不合规',
        role,
        scope: scope(s),
        password: PASSWORD,
      });
    const cases: [string, object, string, string][] = [
      [
        'street_admin',
        {},
        'scope.streets',
        'scope.streets: a street_admin has exactly 1 street, got 0',
      ],
      [
        'community_admin',
        { communities: [home.code, sibling.code] },
        'scope.communities',
        'scope.communities: a community_admin has exactly 1 community, got 2',
      ],
      ['grid_manager', {}, 'scope.grids', 'scope.grids: a grid_manager has at least 1 grid, got 0'],
      [
        'grid_manager',
        { streets: [home.street], grids: [home.grid] },
        'scope.streets',
        'scope.streets: a grid_manager has no streets, got 1',
      ],
      [
        'planner',
        { grids: [home.grid] },
        'scope.grids',
        'scope.grids: a planner is district-wide and has no grids, got 1',
      ],
      [
        'grid_manager',
        { grids: [home.grid, '350502999999999'] },
        'scope.grids.1',
        'scope.grids.1: unknown grid 350502999999999',
      ],
      [
        'community_admin',
        { communities: ['350502999999'] },
        'scope.communities.0',
        'scope.communities.0: unknown community 350502999999',
      ],
      [
        'grid_manager',
        { grids: [home.grid, home.grid] },
        'scope.grids.1',
        `scope.grids.1: ${home.grid} is listed twice`,
      ],
      [
        'grid_manager',
        { grids: ['12'] },
        'scope.grids.0',
        'scope.grids.0: expected a 15-digit code',
      ],
    ];
    for (const [role, s, field, message] of cases) {
      const reply = await attempt(role, s);
      expect(reply.status, message).toBe(400);
      expect(reply.body.error).toEqual({ code: 'bad_request', field, message });
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a bad username, a short password, a taken username', async () => {
    const base = {
      username: 'fine_name',
      displayName: '用户',
      role: 'planner',
      scope: scope(),
      password: PASSWORD,
    };
    const before = await counts();
    const bad = await call('POST', '/api/users', 'district', { ...base, username: 'Bad Name' });
    expect(bad.body.error).toEqual({
      code: 'bad_request',
      field: 'username',
      message: 'username: expected a username of 3–32 characters a–z, 0–9, _',
    });
    const short = await call('POST', '/api/users', 'district', { ...base, password: 'short' });
    expect(short.body.error).toEqual({
      code: 'bad_request',
      field: 'password',
      message: 'password: expected a password of 12–200 characters',
    });
    const taken = await call('POST', '/api/users', 'district', { ...base, username: 'kaiyuan' });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toEqual({
      code: 'conflict',
      field: 'username',
      message: 'username: kaiyuan is taken',
    });
    expect(await counts()).toEqual(before);
  });

  it('is for user managers only', async () => {
    for (const who of ['operator', 'grid1']) {
      const reply = await call('GET', '/api/users', who);
      expect(reply.status).toBe(403);
      expect(reply.body.error!.message).toBe(
        'Users are managed by district_admin, street_admin, community_admin',
      );
    }
  });
});

describe('listing users', () => {
  const names = async (who: string) =>
    (await call<UserRecord[]>('GET', '/api/users', who)).body.map((u) => u.username).sort();

  it('shows each manager those they may manage, never a password hash', async () => {
    expect(await names('community')).toEqual(['grid1', 'grid2', 'grid_new']);
    expect(await names('kaiyuan')).toEqual([
      'community',
      'grid1',
      'grid2',
      'grid_new',
      'sibling_admin',
    ]);
    const all = await call<UserRecord[]>('GET', '/api/users', 'district');
    expect(all.body.map((u) => u.username)).toEqual([
      'operator',
      'district',
      'planner',
      'kaiyuan',
      'community',
      'grid1',
      'grid2',
      'ent1',
      'street_b',
      'sibling_admin',
      'grid_new',
    ]);
    expect(JSON.stringify(all.body)).not.toMatch(/scrypt|password/i);
  });
});

describe('changing users', () => {
  const find = async (username: string) =>
    (await call<UserRecord[]>('GET', '/api/users', 'district')).body.find(
      (u) => u.username === username,
    )!;

  it('renames and moves a user within the manager’s area; a stale version is 409', async () => {
    const u = await find('grid_new');
    const moved = await call<UserRecord>('PATCH', `/api/users/${u.id}`, 'kaiyuan', {
      version: 1,
      displayName: '调岗网格员',
      scope: scope({ grids: [sibling.grid] }),
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({
      ...u,
      displayName: '调岗网格员',
      scope: scope({ grids: [sibling.grid] }),
      version: 2,
    });
    const stale = await call('PATCH', `/api/users/${u.id}`, 'kaiyuan', {
      version: 1,
      displayName: '再改',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'conflict',
      message: 'Stale version 1: the user is at version 2; reload and retry',
    });
    // the home community admin no longer manages them
    const away = await call('PATCH', `/api/users/${u.id}`, 'community', {
      version: 2,
      displayName: '再改',
    });
    expect(away.status).toBe(403);
    expect(away.body.error!.message).toBe(`User ${u.id} is outside what you may manage`);
  });

  it('refuses moving a user outside the area or above the manager, writing nothing', async () => {
    const u = await find('sibling_admin');
    const before = await counts();
    const out = await call('PATCH', `/api/users/${u.id}`, 'kaiyuan', {
      version: u.version,
      scope: scope({ communities: [elsewhere.code] }),
    });
    expect(out.status).toBe(403);
    const up = await call('PATCH', `/api/users/${u.id}`, 'kaiyuan', {
      version: u.version,
      role: 'street_admin',
      scope: scope({ streets: [home.street] }),
    });
    expect(up.status).toBe(403);
    const misfit = await call('PATCH', `/api/users/${u.id}`, 'kaiyuan', {
      version: u.version,
      role: 'grid_manager',
    });
    expect(misfit.body.error).toEqual({
      code: 'bad_request',
      field: 'scope.communities',
      message: 'scope.communities: a grid_manager has no communities, got 1',
    });
    expect(await counts()).toEqual(before);
    expect(await find('sibling_admin')).toEqual(u);
  });

  it('refuses deactivating oneself or changing one’s own role', async () => {
    const me = await find('district');
    const off = await call('PATCH', `/api/users/${me.id}`, 'district', {
      version: me.version,
      active: false,
    });
    expect(off.status).toBe(403);
    expect(off.body.error!.message).toBe('You cannot deactivate yourself');
    const demote = await call('PATCH', `/api/users/${me.id}`, 'district', {
      version: me.version,
      role: 'planner',
    });
    expect(demote.status).toBe(403);
    expect(demote.body.error!.message).toBe('You cannot change your own role');
    expect(await find('district')).toEqual(me);
  });

  it('deactivation ends the user’s sessions, drops their sockets and blocks their login; reactivation lets them in', async () => {
    const u = await find('grid1');
    expect((await call('GET', '/api/auth/me', 'grid1')).status).toBe(200);
    const socket = await new Promise<Socket>((resolve, reject) => {
      const opened = connect(server.url, {
        auth: { token: tokens.grid1 },
        transports: ['websocket'],
      });
      opened.once('connect', () => resolve(opened));
      opened.once('connect_error', reject);
    });
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const off = await call<UserRecord>('PATCH', `/api/users/${u.id}`, 'community', {
      version: u.version,
      active: false,
    });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ ...u, active: false, version: u.version + 1 });
    expect((await call('GET', '/api/auth/me', 'grid1')).status).toBe(401);
    expect(await dropped).toBe('io server disconnect');
    socket.close();
    const refused = await login('grid1', 'licheng2024');
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({
      error: { code: 'unauthorized', message: 'Wrong username or password' },
    });
    const [audit] = await server.db.query<{
      action: string;
      actor: string;
      before: object;
      after: object;
    }>(
      `SELECT action, actor, before, after FROM user_audit WHERE user_id = $1 ORDER BY id DESC LIMIT 1`,
      [u.id],
    );
    expect(audit).toEqual({ action: 'edit', actor: 'community', before: u, after: off.body });
    const on = await call<UserRecord>('PATCH', `/api/users/${u.id}`, 'community', {
      version: u.version + 1,
      active: true,
    });
    expect(on.body.active).toBe(true);
    expect((await login('grid1', 'licheng2024')).status).toBe(200);
  });

  it('an admin’s password reset ends the user’s sessions; only the new password logs in', async () => {
    const u = await find('grid2');
    const token = await loginAs(server, 'grid2');
    const reset = await call<UserRecord>('POST', `/api/users/${u.id}/password`, 'kaiyuan', {
      version: u.version,
      password: 'brand-new-password-1',
    });
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ ...u, version: u.version + 1 });
    expect((await call('GET', '/api/auth/me', { token })).status).toBe(401);
    expect((await login('grid2', 'licheng2024')).status).toBe(401);
    expect((await login('grid2', 'brand-new-password-1')).status).toBe(200);
    const [audit] = await server.db.query<{ action: string; before: object; after: object }>(
      `SELECT action, before, after FROM user_audit WHERE user_id = $1 ORDER BY id DESC LIMIT 1`,
      [u.id],
    );
    expect(audit).toEqual({
      action: 'password',
      before: { version: u.version },
      after: { version: u.version + 1, passwordReset: true },
    });
    const stale = await call('POST', `/api/users/${u.id}/password`, 'kaiyuan', {
      version: u.version,
      password: 'another-password-22',
    });
    expect(stale.status).toBe(409);
    const hashes = await server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM user_audit WHERE before::text ~ 'scrypt' OR after::text ~ 'scrypt'`,
    );
    expect(hashes).toEqual([{ n: 0 }]);
  });

  it('refuses a change that changes nothing', async () => {
    const u = await find('planner');
    const reply = await call('PATCH', `/api/users/${u.id}`, 'district', { version: u.version });
    expect(reply.body.error).toEqual({
      code: 'bad_request',
      field: 'body',
      message: 'body: expected a change: at least one of displayName, role, scope, active',
    });
  });

  it('answers 404 for an unknown user', async () => {
    const reply = await call('PATCH', '/api/users/999999', 'district', {
      version: 1,
      displayName: '无此人',
    });
    expect(reply.status).toBe(404);
    expect(reply.body.error!.message).toBe('Unknown user id: 999999');
  });
});
