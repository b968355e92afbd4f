import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResult } from '../../common/auth.ts';
import type { ApiError } from '../../common/errors.ts';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  SyncResult,
} from '../../common/events.ts';
import type { AuditEntry, GrievanceEvent } from '../../common/grievances.ts';
import { DEMO_PASSWORD } from '../../server/auth/auth-queries.ts';
import { DEMO_INTEGRATION_API_KEY } from '../../server/config.ts';
import { findChangesSince } from '../../server/grievances/grievances-read-queries.ts';
import { escalateOverdue } from '../../server/grievances/overdue-job.ts';
import { pointInGrid, startTestServer, type TestServer } from '../helpers/test-server.ts';

// intake → routing → workflow → audit → live stream, with roles and scopes, on a real PostGIS.

const DISTRICT_SCOPE = { district: true, streets: [], communities: [], grids: [] };
let server: TestServer;
const tokens: Record<string, string> = {};
let grid1: string; // the demo grid managers' grids
let grid2: string;
let inGrid1: { lng: number; lat: number }; // a point inside grid1, off any compound
let compoundInGrid1: number | null;

beforeAll(async () => {
  server = await startTestServer();
  for (const u of ['grid1', 'grid2', 'operator', 'community', 'district']) {
    tokens[u] = (await login(u, DEMO_PASSWORD)).body.token;
  }
  const me = await call<{ scope: { grids: string[] } }>('GET', '/api/auth/me', { as: 'grid1' });
  grid1 = me.body.scope.grids[0]!;
  grid2 = (await call<{ scope: { grids: string[] } }>('GET', '/api/auth/me', { as: 'grid2' })).body
    .scope.grids[0]!;
  inGrid1 = await pointInGrid(server.db, grid1);
  const [c] = await server.db.query<{ id: number }>(
    'SELECT id FROM compounds WHERE grid_code = $1 ORDER BY id LIMIT 1',
    [grid1],
  );
  compoundInGrid1 = c?.id ?? null;
});
afterAll(async () => {
  await server?.close();
});

type Res<T> = { status: number; body: T };

async function call<T = unknown>(
  method: string,
  path: string,
  opts: { as?: string; apiKey?: string; body?: unknown; raw?: string } = {},
): Promise<Res<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.as) headers.authorization = `Bearer ${tokens[opts.as]}`;
  if (opts.apiKey) headers['x-api-key'] = opts.apiKey;
  const res = await fetch(server.url + path, {
    method,
    headers,
    body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  });
  return { status: res.status, body: (await res.json()) as T };
}

const login = (username: string, password: string) =>
  call<LoginResult>('POST', '/api/auth/login', { body: { username, password } });

const report = (body: Record<string, unknown>, apiKey = DEMO_INTEGRATION_API_KEY) =>
  call<GrievanceEvent & { error?: { code: string; field: string; message: string } }>(
    'POST',
    '/api/events',
    {
      apiKey,
      body,
    },
  );

const base = () => ({
  channel: 'libianmin',
  category: 'sanitation',
  description: '楼道垃圾堆放多日未清理',
  location: inGrid1,
});

describe('login', () => {
  it('gives a signed token and the user with its scope', async () => {
    const { status, body } = await login('grid1', DEMO_PASSWORD);
    expect(status).toBe(200);
    expect(body.user).toMatchObject({
      username: 'grid1',
      role: 'grid_manager',
      scope: { district: false, grids: [grid1] },
    });
    expect(body.token).toMatch(/^[\w-]+\.[\w-]+$/);
  });

  it('answers a wrong password and an unknown user alike with 401', async () => {
    expect(await login('grid1', 'nope')).toEqual({
      status: 401,
      body: {
        error: { code: 'unauthorized', message: 'Wrong username or password' },
        requestId: expect.any(String),
      },
    });
    // alike but for each answer's own request id
    const { requestId: _unknown, ...unknownUser } = (await login('nobody', 'nope'))
      .body as unknown as ApiError;
    const { requestId: _known, ...knownUser } = (await login('grid1', 'nope'))
      .body as unknown as ApiError;
    expect(unknownUser).toEqual(knownUser);
  });

  it('refuses a tampered token', async () => {
    const [payload, sig] = tokens.grid1!.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 2, exp: 9e9 })).toString('base64url');
    const res = await fetch(`${server.url}/api/auth/me`, {
      headers: { authorization: `Bearer ${forged}.${sig}` },
    });
    expect(res.status).toBe(401);
    expect(payload).not.toBe(forged);
  });
});

describe('POST /api/events (intake and routing)', () => {
  it('stores the event routed to its grid, community and street, with its grade and deadline', async () => {
    const { status, body } = await report({
      ...base(),
      reporter: { name: '王小明', phone: '13800001234' },
    });
    expect(status).toBe(201);
    const [unit] = await server.db.query<{ community_code: string; street_code: string }>(
      'SELECT g.community_code, m.street_code FROM grids g JOIN communities m ON m.code = g.community_code WHERE g.code = $1',
      [grid1],
    );
    expect(body).toMatchObject({
      channel: 'libianmin',
      category: 'sanitation',
      grade: 'L1',
      level: 'grid',
      state: 'reported',
      gridCode: grid1,
      communityCode: unit!.community_code,
      streetCode: unit!.street_code,
      outsideGrid: false,
      compoundId: null,
      // the API key is not a handler: it sees the reporter masked
      reporter: { name: '王*', phone: '138****1234' },
    });
    expect(Date.parse(body.deadline) - Date.parse(body.reportedAt)).toBe(24 * 3600 * 1000);
    const [stored] = await server.db.query(
      'SELECT reporter_name, reporter_phone FROM events WHERE id = $1',
      [body.id],
    );
    expect(stored).toEqual({ reporter_name: '王小明', reporter_phone: '13800001234' });
  });

  it('routes a report by compound id to that compound and its grid', async () => {
    expect(compoundInGrid1, 'the demo grid has a compound').not.toBeNull();
    const { status, body } = await report({
      ...base(),
      category: 'parking',
      location: { compoundId: compoundInGrid1 },
    });
    expect(status).toBe(201);
    expect(body.compoundId).toBe(compoundInGrid1);
    expect(body.gridCode).toBe(grid1);
  });

  it('returns the first event, not a second, for a repeated idempotency key', async () => {
    const first = await report({
      ...base(),
      category: 'other',
      idempotencyKey: 'hotline-20261128-0001',
    });
    const again = await report({
      ...base(),
      category: 'other',
      idempotencyKey: 'hotline-20261128-0001',
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const rows = await server.db.query('SELECT id FROM events WHERE idempotency_key = $1', [
      'hotline-20261128-0001',
    ]);
    expect(rows).toHaveLength(1);
  });

  it('links a same-category report within 50 m and 24 h as a likely duplicate', async () => {
    const first = await report({ ...base(), category: 'fee_dispute' });
    const near = { lng: inGrid1.lng + 0.0002, lat: inGrid1.lat }; // ≈ 20 m east
    const second = await report({ ...base(), category: 'fee_dispute', location: near });
    // an API key reads no event, so its answer names none; a reader of both sees the link
    expect(second.body.duplicateOf).toBeNull();
    const read = await call<GrievanceEvent>('GET', `/api/events/${second.body.id}`, {
      as: 'district',
    });
    expect(read.body.duplicateOf).toBe(first.body.id);
    const otherCategory = await report({
      ...base(),
      category: 'neighbour_dispute',
      location: near,
    });
    expect(otherCategory.body.duplicateOf).toBeNull();
  });

  it.each([
    [{ channel: 'wechat' }, 'channel', 'expected one of: libianmin, liwangtong, hotline_12345'],
    [{ category: 'noise' }, 'category', 'expected one of: property_service'],
    [{ description: '' }, 'description', 'must not be empty'],
    [{ description: '长'.repeat(2001) }, 'description', 'at most 2000 characters'],
    [
      { location: { lng: 'NaN', lat: 24.9 } },
      'location',
      'expected {lng, lat} (WGS84) or {compoundId}',
    ],
    [{ location: { lng: 118.6, lat: 95 } }, 'location.lat', 'lat must be in [-90, 90]'],
    [{ location: { lng: 116.4, lat: 39.9 } }, 'location', 'is outside Licheng District'],
    [{ location: { compoundId: 999999 } }, 'location.compoundId', 'unknown compound 999999'],
    [
      { photos: ['ftp://x/y.jpg'] },
      'photos.0',
      'expected an http(s) URL of at most 2048 characters',
    ],
    [{ extra: 1 }, 'extra', 'Unrecognized key'],
  ])(
    'rejects a bad field with 400 naming it, storing nothing (case %#)',
    async (patch, field, message) => {
      const before = await server.db.query('SELECT count(*)::int AS n FROM events');
      const { status, body } = await report({ ...base(), ...patch });
      expect(status).toBe(400);
      expect(body.error?.field).toBe(field);
      expect(body.error?.message).toContain(message);
      expect(await server.db.query('SELECT count(*)::int AS n FROM events')).toEqual(before);
    },
  );

  it('refuses anonymous intake, a wrong key, and roles that do not report', async () => {
    expect((await call('POST', '/api/events', { body: base() })).status).toBe(401);
    expect((await report(base(), 'wrong-key-wrong-key')).status).toBe(401);
    const asOperator = await call<{ error: { code: string } }>('POST', '/api/events', {
      as: 'operator',
      body: base(),
    });
    expect(asOperator.status).toBe(403);
  });
});

describe('group commit under concurrent intake', () => {
  it('stores every accepted event once, answers bad ones alone, and honours repeated keys', async () => {
    const before = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
    const outside = { lng: 116.4, lat: 39.9 };
    const requests = Array.from({ length: 120 }, (_, i) =>
      report({
        ...base(),
        category: 'utilities',
        description: `并发测试 ${i}`,
        location: i % 10 === 9 ? outside : inGrid1,
        // every 4th request shares its key with the one before it; the ones outside the district
        // keep their own key (a repeated key answers with the first event, whatever the body)
        idempotencyKey: i % 10 === 9 ? `outside-${i}` : `burst-${i % 4 === 3 ? i - 1 : i}`,
      }),
    );
    const answers = await Promise.all(requests);
    const byStatus = (s: number) => answers.filter((a) => a.status === s).length;
    // 12 outside the district; of the other 108, the 4th of each pair of keys repeats the 3rd
    const outsideCount = 12;
    const repeats = answers.filter(
      (_, i) => i % 4 === 3 && i % 10 !== 9 && (i - 1) % 10 !== 9,
    ).length;
    expect(byStatus(400)).toBe(outsideCount);
    expect(byStatus(201) + byStatus(200)).toBe(120 - outsideCount);
    const after = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
    expect(after[0]!.n - before[0]!.n).toBe(byStatus(201));
    expect(byStatus(201)).toBe(120 - outsideCount - repeats);
    for (let i = 3; i < 120; i += 4) {
      if (answers[i]!.status !== 400 && answers[i - 1]!.status !== 400) {
        expect(answers[i]!.body.id, `request ${i} repeats ${i - 1}`).toBe(answers[i - 1]!.body.id);
      }
    }
    const audits = await server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM event_audit a JOIN events e ON e.id = a.event_id
       WHERE e.idempotency_key LIKE 'burst-%'`,
    );
    expect(audits[0]!.n).toBe(byStatus(201));
  });
});

describe('workflow, audit and scope', () => {
  it('runs report → accept → dispatch → start → resolve → close with an audit record for each', async () => {
    const { body: e } = await report(base());
    const act = (action: string, extra: Record<string, string> = {}) =>
      call<GrievanceEvent & { error?: { code: string; message: string; field?: string } }>(
        'POST',
        `/api/events/${e.id}/actions`,
        { as: 'grid1', body: { action, ...extra } },
      );
    expect((await act('accept')).body.state).toBe('accepted');
    const noAssignee = await act('dispatch');
    expect(noAssignee.status).toBe(400);
    expect(noAssignee.body.error?.field).toBe('assignee');
    expect((await act('dispatch', { assignee: '鲤城物业维修班' })).body).toMatchObject({
      state: 'dispatched',
      assignee: '鲤城物业维修班',
    });
    expect((await act('start')).body.state).toBe('in_progress');
    expect((await act('resolve', { note: '已清运' })).body.state).toBe('resolved');
    expect((await act('close', { note: '居民满意' })).body.state).toBe('closed');

    const detail = await call<{ audit: AuditEntry[] }>('GET', `/api/events/${e.id}`, {
      as: 'grid1',
    });
    expect(
      detail.body.audit.map((a) => [a.actor, a.action, a.fromState, a.toState, a.assignee, a.note]),
    ).toEqual([
      ['api:integration', 'report', null, 'reported', null, 'libianmin'],
      ['grid1', 'accept', 'reported', 'accepted', null, null],
      ['grid1', 'dispatch', 'accepted', 'dispatched', '鲤城物业维修班', null],
      ['grid1', 'start', 'dispatched', 'in_progress', null, null],
      ['grid1', 'resolve', 'in_progress', 'resolved', null, '已清运'],
      ['grid1', 'close', 'resolved', 'closed', null, '居民满意'],
    ]);
  });

  it('refuses an illegal transition with 409 naming the allowed states, writing nothing', async () => {
    const { body: e } = await report(base());
    const res = await call('POST', `/api/events/${e.id}/actions`, {
      as: 'grid1',
      body: { action: 'close' },
    });
    expect(res).toEqual({
      status: 409,
      body: {
        error: {
          code: 'conflict',
          message: 'Action close is not allowed in state reported (allowed from: resolved)',
          field: 'action',
        },
        requestId: expect.any(String),
      },
    });
    const audit = await server.db.query('SELECT action FROM event_audit WHERE event_id = $1', [
      e.id,
    ]);
    expect(audit).toEqual([{ action: 'report' }]);
  });

  it('escalates up the ladder and hands the event to the level above', async () => {
    const { body: e } = await report(base());
    const up = await call<GrievanceEvent>('POST', `/api/events/${e.id}/actions`, {
      as: 'grid1',
      body: { action: 'escalate', note: '涉及多个小区' },
    });
    expect(up.body).toMatchObject({ level: 'community', state: 'reported' });
    // the grid manager may still read it, but the community now handles it
    const again = await call<{ error: { code: string } }>('POST', `/api/events/${e.id}/actions`, {
      as: 'grid1',
      body: { action: 'accept' },
    });
    expect(again.status).toBe(403);
    const accepted = await call<GrievanceEvent>('POST', `/api/events/${e.id}/actions`, {
      as: 'community',
      body: { action: 'accept' },
    });
    expect(accepted.body.state).toBe('accepted');
  });

  it('hides an event from a grid manager of another grid on every endpoint', async () => {
    const { body: e } = await report(base());
    expect((await call('GET', `/api/events/${e.id}`, { as: 'grid2' })).status).toBe(404);
    const act = await call('POST', `/api/events/${e.id}/actions`, {
      as: 'grid2',
      body: { action: 'accept' },
    });
    expect(act.status).toBe(404);
    const list = await call<GrievanceEvent[]>('GET', '/api/events?limit=1000', { as: 'grid2' });
    expect(list.body.every((x) => x.gridCode === grid2)).toBe(true);
    expect(list.body.map((x) => x.id)).not.toContain(e.id);
    const mine = await call<GrievanceEvent[]>('GET', '/api/events?limit=1000', { as: 'grid1' });
    expect(mine.body.map((x) => x.id)).toContain(e.id);
  });

  it('shows the reporter to the handler and masks it for the operator', async () => {
    const { body: e } = await report({
      ...base(),
      reporter: { name: '李四', phone: '13912345678' },
    });
    const handler = await call<GrievanceEvent>('GET', `/api/events/${e.id}`, { as: 'grid1' });
    expect(handler.body.reporter).toEqual({ name: '李四', phone: '13912345678' });
    const operator = await call<GrievanceEvent>('GET', `/api/events/${e.id}`, { as: 'operator' });
    expect(operator.body.reporter).toEqual({ name: '李*', phone: '139****5678' });
    const act = await call('POST', `/api/events/${e.id}/actions`, {
      as: 'operator',
      body: { action: 'accept' },
    });
    expect(act.status).toBe(403);
  });

  it('filters the list and rejects unknown filter values naming the accepted ones', async () => {
    const bad = await call<{ error: { field: string; message: string } }>(
      'GET',
      '/api/events?state=open',
      {
        as: 'district',
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('state.0');
    const closed = await call<GrievanceEvent[]>('GET', '/api/events?state=closed', {
      as: 'district',
    });
    expect(closed.body.length).toBeGreaterThan(0);
    expect(closed.body.every((e) => e.state === 'closed')).toBe(true);
  });
});

describe('overdue job', () => {
  it('marks an event past its deadline overdue and escalates it once per level', async () => {
    const { body: e } = await report(base());
    await server.db.query(
      `UPDATE events SET deadline = now() - interval '1 minute' WHERE id = $1`,
      [e.id],
    );
    const changed = await escalateOverdue(server.db);
    expect(changed.map((x) => [x.id, x.level, x.overdue])).toEqual([[e.id, 'community', true]]);
    expect(await escalateOverdue(server.db)).toEqual([]);
    const audit = await server.db.query<{ action: string; actor: string; to_level: string }>(
      'SELECT action, actor, to_level FROM event_audit WHERE event_id = $1 ORDER BY id',
      [e.id],
    );
    expect(audit).toEqual([
      { action: 'report', actor: 'api:integration', to_level: 'grid' },
      { action: 'overdue', actor: 'system', to_level: 'grid' },
      { action: 'escalate', actor: 'system', to_level: 'community' },
    ]);
  });
});

describe('live stream', () => {
  type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
  const open = (token?: string) =>
    new Promise<Client>((resolve, reject) => {
      const s: Client = connect(server.url, {
        auth: token ? { token } : {},
        transports: ['websocket'],
        reconnection: false,
      });
      s.once('connect', () => resolve(s));
      s.once('connect_error', (err) => reject(err));
    });

  it('refuses a socket without a valid token', async () => {
    await expect(open()).rejects.toThrow('unauthorized');
    await expect(open('x.y')).rejects.toThrow('unauthorized');
  });

  it('broadcasts a new event to its grid manager and the operator, not to another grid', async () => {
    const [mine, other, operator] = await Promise.all([
      open(tokens.grid1),
      open(tokens.grid2),
      open(tokens.operator),
    ]);
    const seen = {
      mine: [] as GrievanceEvent[],
      other: [] as GrievanceEvent[],
      operator: [] as GrievanceEvent[],
    };
    mine.on('grievance:reported', (e) => seen.mine.push(e));
    other.on('grievance:reported', (e) => seen.other.push(e));
    operator.on('grievance:reported', (e) => seen.operator.push(e));
    const { body: e } = await report({
      ...base(),
      reporter: { name: '赵六', phone: '13700000000' },
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.mine.map((x) => x.id)).toEqual([e.id]);
    expect(seen.operator.map((x) => x.id)).toEqual([e.id]);
    expect(seen.other).toEqual([]);
    expect(seen.mine[0]!.reporter).toEqual({ name: '赵*', phone: '137****0000' });
    for (const s of [mine, other, operator]) s.disconnect();
  });

  it('reroutes a returned event to its right grid: the old grid sees it leave, the new one arrive', async () => {
    const [mine, other] = await Promise.all([open(tokens.grid1), open(tokens.grid2)]);
    const seen = { mine: [] as GrievanceEvent[], other: [] as GrievanceEvent[] };
    mine.on('grievance:updated', (e) => seen.mine.push(e));
    other.on('grievance:updated', (e) => seen.other.push(e));
    const { body: e } = await report(base());
    const act = (body: object) =>
      call<GrievanceEvent & { error?: { field: string; message: string } }>(
        'POST',
        `/api/events/${e.id}/actions`,
        { as: 'grid1', body },
      );
    expect((await act({ action: 'return', note: '不属本网格' })).status).toBe(200);
    const missing = await act({ action: 'reroute' });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({
      field: 'gridCode',
      message: 'gridCode: required to reroute (the grid the event belongs to)',
    });
    const unknown = await act({ action: 'reroute', gridCode: '350502999999999' });
    expect(unknown.body.error!.message).toBe('gridCode: unknown grid 350502999999999');
    const moved = await act({ action: 'reroute', gridCode: grid2 });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ state: 'reported', gridCode: grid2, outsideGrid: true });
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.mine.map((x) => [x.id, x.gridCode])).toEqual([
      [e.id, grid1],
      [e.id, grid2],
    ]);
    expect(seen.other.map((x) => [x.id, x.state, x.gridCode])).toEqual([[e.id, 'reported', grid2]]);
    expect((await call('GET', `/api/events/${e.id}`, { as: 'grid1' })).status).toBe(404);
    const detail = await call<{ audit: AuditEntry[] }>('GET', `/api/events/${e.id}`, {
      as: 'grid2',
    });
    expect(detail.body.audit.at(-1)).toMatchObject({
      actor: 'grid1',
      action: 'reroute',
      note: `${grid1} → ${grid2}`,
    });
    for (const s of [mine, other]) s.disconnect();
  });

  it('resyncs a page at a time, each page ending where the next begins', async () => {
    const client = await open(tokens.operator);
    const { body: a } = await report(base());
    const { body: b } = await report(base());
    await call('POST', `/api/events/${a.id}/actions`, { as: 'grid1', body: { action: 'accept' } });
    const all = await findChangesSince(server.db, DISTRICT_SCOPE, 0);
    expect(all.more).toBe(false);
    const pages: number[][] = [];
    let since = 0;
    for (;;) {
      const page = await findChangesSince(server.db, DISTRICT_SCOPE, since, 2);
      pages.push(page.events.map((x) => x.id));
      since = page.head;
      if (!page.more) break;
    }
    expect(pages.flat()).toEqual(all.events.map((x) => x.id));
    expect(pages.slice(0, -1).every((p) => p.length === 2)).toBe(true);
    expect(since).toBe(all.head);
    expect(all.events.slice(-2).map((x) => x.id)).toEqual([b.id, a.id]);
    const viaSocket = await new Promise<SyncResult>((resolve, reject) =>
      client.emit('grievance:sync', 0, (r) =>
        'data' in r ? resolve(r.data) : reject(new Error(r.error.message)),
      ),
    );
    expect(viaSocket.more).toBe(false);
    expect(viaSocket.events.map((x) => x.id)).toEqual(all.events.map((x) => x.id));
    client.disconnect();
  });

  it('resyncs from a stream position: exactly the events in scope changed since', async () => {
    const client = await open(tokens.grid1);
    const head = await new Promise<number>((resolve) =>
      client.emit('grievance:sync', 0, (r) => resolve('data' in r ? r.data.head : -1)),
    );
    const { body: a } = await report(base());
    await call('POST', `/api/events/${a.id}/actions`, { as: 'grid1', body: { action: 'accept' } });
    const result = await new Promise<{ events: GrievanceEvent[]; head: number }>(
      (resolve, reject) =>
        client.emit('grievance:sync', head, (r) =>
          'data' in r ? resolve(r.data) : reject(new Error(r.error.message)),
        ),
    );
    expect(result.events.map((x) => [x.id, x.state])).toEqual([[a.id, 'accepted']]);
    expect(result.head).toBe(head + 2);
    client.disconnect();
  });
});
