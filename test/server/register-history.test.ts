import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompoundDetail, StationRecord } from '../../common/api.ts';
import type { RegisterAuditEntry } from '../../common/register-audit.ts';
import type { Polygon } from '../../common/geo.ts';
import type { UserRecord } from '../../common/users.ts';
import { DEMO_PASSWORD } from '../../server/auth/auth-queries.ts';
import { loginAs, pointInGrid, startTestServer, type TestServer } from '../helpers/test-server.ts';

// The registers' audit trails as the UI reads them (a compound's, a station's, a user's: who,
// when, before → after, why), scoped like the writes; and a user changing their own password.

const TODAY = '2026-12-04';
let server: TestServer;
const tokens: Record<string, string> = {};
let grid: string;
let communityCode: string;

type Reply<T> = {
  status: number;
  body: T & { error?: { code: string; message: string; field?: string } };
};

async function call<T>(
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<Reply<T>> {
  const res = await fetch(server.url + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Reply<T>['body'] };
}

function square({ lng, lat }: { lng: number; lat: number }, half = 0.00006): Polygon {
  const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
  const ring: [number, number][] = [
    [lng - half, lat - half],
    [lng + half, lat - half],
    [lng + half, lat + half],
    [lng - half, lat + half],
    [lng - half, lat - half],
  ];
  return { type: 'Polygon', coordinates: [ring.map(([x, y]) => [r6(x), r6(y)])] };
}

// the trail without its timestamps (checked apart)
const withoutAt = (entries: RegisterAuditEntry[]) => entries.map(({ at: _at, ...rest }) => rest);

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date(`${TODAY}T08:00:00Z`) });
  for (const u of ['community', 'kaiyuan', 'district', 'operator']) {
    tokens[u] = await loginAs(server, u);
  }
  const [row] = await server.db.query<{ grid: string; community: string }>(
    `SELECT (SELECT g.code FROM grids g WHERE g.community_code = u.scope_communities[1]
               ORDER BY g.code LIMIT 1) AS grid,
            u.scope_communities[1] AS community
     FROM users u WHERE u.username = 'community'`,
  );
  grid = row!.grid;
  communityCode = row!.community;
});
afterAll(async () => {
  await server?.close();
});

describe("a compound's history", () => {
  it('lists its registration and its change of mode with the reasons, oldest first', async () => {
    const created = await call<CompoundDetail>('POST', '/api/compounds', tokens.community, {
      name: '历史测试小区',
      communityCode,
      households: 40,
      buildings: 2,
      yearBuilt: 1995,
      coverageMode: 'none',
      geometry: square(await pointInGrid(server.db, grid)),
      reason: '摸排发现',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const changed = await call<CompoundDetail>(
      'POST',
      `/api/compounds/${id}/mode`,
      tokens.community,
      {
        version: 1,
        coverageMode: 'self_managed',
        changedOn: '2026-12-01',
        reason: '业主大会决定自治',
      },
    );
    expect(changed.status).toBe(200);

    const history = await call<RegisterAuditEntry[]>(
      'GET',
      `/api/compounds/${id}/history`,
      tokens.community,
    );
    expect(history.status).toBe(200);
    expect(history.body.map((e) => [e.action, e.actor, e.reason])).toEqual([
      ['create', 'community', '摸排发现'],
      ['mode', 'community', '业主大会决定自治'],
    ]);
    expect(history.body[0]!.before).toBeNull();
    expect(history.body[0]!.after).toMatchObject({ name: '历史测试小区', coverageMode: 'none' });
    expect(history.body[1]!.before).toMatchObject({ coverageMode: 'none' });
    expect(history.body[1]!.after).toMatchObject({ coverageMode: 'self_managed' });
    expect(history.body[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    // the street admin of the same street reads it; an operator may not, nor an anonymous caller
    expect((await call('GET', `/api/compounds/${id}/history`, tokens.kaiyuan)).status).toBe(200);
    const operator = await call('GET', `/api/compounds/${id}/history`, tokens.operator);
    expect([operator.status, operator.body.error?.code]).toEqual([403, 'forbidden']);
    expect((await call('GET', `/api/compounds/${id}/history`, undefined)).status).toBe(401);

    // retired, it keeps its history
    await call('POST', `/api/compounds/${id}/retire`, tokens.community, {
      version: 2,
      retiredOn: '2026-12-03',
      reason: '拆除',
    });
    const after = await call<RegisterAuditEntry[]>(
      'GET',
      `/api/compounds/${id}/history`,
      tokens.community,
    );
    expect(after.body.map((e) => e.action)).toEqual(['create', 'mode', 'retire']);
  });

  it("refuses another community's compound (403), an unknown one (404), a bad id (400)", async () => {
    const [other] = await server.db.query<{ id: number }>(
      `SELECT c.id FROM compounds c WHERE c.community_code <> $1 ORDER BY c.id LIMIT 1`,
      [communityCode],
    );
    const refused = await call('GET', `/api/compounds/${other!.id}/history`, tokens.community);
    expect(refused.status).toBe(403);
    expect((await call('GET', '/api/compounds/99999999/history', tokens.district)).status).toBe(
      404,
    );
    const bad = await call('GET', '/api/compounds/x/history', tokens.district);
    expect([bad.status, bad.body.error?.field]).toEqual([400, 'id']);
  });
});

describe("a station's history", () => {
  it('lists its registration and correction', async () => {
    const at = await pointInGrid(server.db, grid);
    const created = await call<StationRecord>('POST', '/api/stations', tokens.community, {
      name: '历史测试站点',
      kind: 'community_station',
      services: ['mediation'],
      location: [at.lng, at.lat],
      reason: '新设',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    await call('PATCH', `/api/stations/${id}`, tokens.community, {
      version: 1,
      services: ['mediation', 'legal_advice'],
      reason: '增加法律咨询',
    });
    const history = await call<RegisterAuditEntry[]>(
      'GET',
      `/api/stations/${id}/history`,
      tokens.community,
    );
    expect(history.status).toBe(200);
    expect(withoutAt(history.body).map((e) => [e.action, e.actor, e.reason])).toEqual([
      ['create', 'community', '新设'],
      ['edit', 'community', '增加法律咨询'],
    ]);
    expect(history.body[1]!.after).toMatchObject({ services: ['mediation', 'legal_advice'] });
    // the station itself, with the version a change names
    const read = await call<StationRecord>('GET', `/api/stations/${id}`, tokens.community);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id,
      name: '历史测试站点',
      kind: 'community_station',
      services: ['mediation', 'legal_advice'],
      communityCode,
      version: 2,
    });
    expect((await call('GET', `/api/stations/${id}`, tokens.operator)).status).toBe(403);
    expect((await call('GET', '/api/stations/99999999', tokens.district)).status).toBe(404);
    expect((await call('GET', `/api/stations/${id}/history`, tokens.operator)).status).toBe(403);
  });
});

describe("a user's history", () => {
  it('lists creation and deactivation for those who may manage the user, never a password', async () => {
    const created = await call<UserRecord>('POST', '/api/users', tokens.district, {
      username: 'history_grid',
      displayName: '历史测试网格员',
      role: 'grid_manager',
      scope: { streets: [], communities: [], grids: [grid] },
      password: 'history-password-2026',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    await call('PATCH', `/api/users/${id}`, tokens.community, { version: 1, active: false });
    const history = await call<RegisterAuditEntry[]>(
      'GET',
      `/api/users/${id}/history`,
      tokens.community,
    );
    expect(history.status).toBe(200);
    expect(history.body.map((e) => [e.action, e.actor, e.reason])).toEqual([
      ['create', 'district', null],
      ['edit', 'community', null],
    ]);
    expect(history.body[1]!.before).toMatchObject({ active: true, version: 1 });
    expect(history.body[1]!.after).toMatchObject({ active: false, version: 2 });
    expect(JSON.stringify(history.body)).not.toMatch(/password|scrypt/i);
    expect((await call('GET', `/api/users/${id}/history`, tokens.operator)).status).toBe(403);
    expect((await call('GET', '/api/users/99999999/history', tokens.district)).status).toBe(404);
  });
});

describe('changing one’s own password', () => {
  it('needs the current password, ends every session, and only the new one logs in', async () => {
    const first = await loginAs(server, 'operator');
    const second = await loginAs(server, 'operator');
    const wrong = await call('POST', '/api/auth/password', first, {
      currentPassword: 'not-the-password',
      newPassword: 'operator-new-password-2026',
    });
    expect([wrong.status, wrong.body.error?.field]).toEqual([400, 'currentPassword']);
    const short = await call('POST', '/api/auth/password', first, {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'short',
    });
    expect([short.status, short.body.error?.field]).toEqual([400, 'newPassword']);
    const same = await call('POST', '/api/auth/password', first, {
      currentPassword: DEMO_PASSWORD,
      newPassword: DEMO_PASSWORD,
    });
    expect([same.status, same.body.error?.field]).toEqual([400, 'newPassword']);
    // nothing changed so far: both sessions still work
    expect((await call('GET', '/api/auth/me', second)).status).toBe(200);

    const changed = await call('POST', '/api/auth/password', first, {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'operator-new-password-2026',
    });
    expect(changed.status).toBe(204);
    expect((await call('GET', '/api/auth/me', first)).status).toBe(401);
    expect((await call('GET', '/api/auth/me', second)).status).toBe(401);
    const oldLogin = await call('POST', '/api/auth/login', undefined, {
      username: 'operator',
      password: DEMO_PASSWORD,
    });
    expect(oldLogin.status).toBe(401);
    const newLogin = await call<{ token: string }>('POST', '/api/auth/login', undefined, {
      username: 'operator',
      password: 'operator-new-password-2026',
    });
    expect(newLogin.status).toBe(200);
    const [audit] = await server.db.query<{ action: string; actor: string }>(
      `SELECT action, actor FROM user_audit a JOIN users u ON u.id = a.user_id
       WHERE u.username = 'operator' ORDER BY a.id DESC LIMIT 1`,
    );
    expect(audit).toEqual({ action: 'password', actor: 'operator' });
  });

  it('needs a login', async () => {
    const reply = await call('POST', '/api/auth/password', undefined, {
      currentPassword: 'x',
      newPassword: 'y-password-long-enough',
    });
    expect(reply.status).toBe(401);
  });
});
