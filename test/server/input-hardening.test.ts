import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResult } from '../../common/auth.ts';
import type { BundlingProgress, BundlingResult } from '../../common/bundling.ts';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  SyncResult,
} from '../../common/events.ts';
import type { GrievanceEvent } from '../../common/grievances.ts';
import type { Open311ServiceRequest } from '../../common/open311.ts';
import { DEMO_PASSWORD } from '../../server/auth/auth-queries.ts';
import { maskReporter } from '../../server/auth/principal.ts';
import { signedHeaders } from '../../server/command-feed/feed-signature.ts';
import { DEMO_COMMAND_FEED_SECRET, DEMO_INTEGRATION_API_KEY } from '../../server/config.ts';
import { pointInGrid, startTestServer, type TestServer } from '../helpers/test-server.ts';

// What PostgreSQL cannot store is a 400 naming the field, and one bad report never fails the
// others of its group commit; idempotency keys, masking, bundling progress and duplicate links
// show a caller only what it may read.

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type ErrorBody = { error?: { code: string; message: string; field?: string } };
type Res<T> = { status: number; body: T & ErrorBody };

let server: TestServer;
const tokens: Record<string, string> = {};
let grid1: string;
let grid2: string;
let inGrid1: { lng: number; lat: number }; // a point inside grid1, off any compound

beforeAll(async () => {
  server = await startTestServer();
  for (const u of ['grid1', 'grid2', 'operator', 'community', 'district', 'planner']) {
    tokens[u] = (
      await call<LoginResult>('POST', '/api/auth/login', {
        body: { username: u, password: DEMO_PASSWORD },
      })
    ).body.token;
  }
  const gridOf = async (u: string) =>
    (await call<{ scope: { grids: string[] } }>('GET', '/api/auth/me', { as: u })).body.scope
      .grids[0]!;
  grid1 = await gridOf('grid1');
  grid2 = await gridOf('grid2');
  inGrid1 = await pointInGrid(server.db, grid1);
});
afterAll(async () => {
  await server?.close();
});

async function call<T = unknown>(
  method: string,
  path: string,
  opts: { as?: string; apiKey?: string; body?: unknown } = {},
): Promise<Res<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.as) headers.authorization = `Bearer ${tokens[opts.as]}`;
  if (opts.apiKey) headers['x-api-key'] = opts.apiKey;
  const res = await fetch(server.url + path, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return { status: res.status, body: (await res.json()) as T & ErrorBody };
}

const report = (body: Record<string, unknown>, as?: string) =>
  call<GrievanceEvent>('POST', '/api/events', {
    body,
    ...(as ? { as } : { apiKey: DEMO_INTEGRATION_API_KEY }),
  });

const act = (id: number, body: Record<string, unknown>, as = 'district') =>
  call<GrievanceEvent>('POST', `/api/events/${id}/actions`, { as, body });

const valid = (n: number, extra: Record<string, unknown> = {}) => ({
  channel: 'libianmin',
  category: 'parking',
  description: `占道停车 ${n}`,
  location: inGrid1,
  ...extra,
});

const countEvents = async () =>
  (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events'))[0]!.n;

const open = (as: string) =>
  new Promise<Client>((resolve, reject) => {
    const s: Client = connect(server.url, {
      auth: { token: tokens[as] },
      transports: ['websocket'],
      reconnection: false,
    });
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });

/** Everything a socket receives of one event while `during` runs (and a short while after). */
async function received(s: Client, during: () => Promise<unknown>) {
  const seen: GrievanceEvent[] = [];
  const on = (e: GrievanceEvent) => seen.push(e);
  s.on('grievance:reported', on);
  s.on('grievance:updated', on);
  await during();
  await new Promise((r) => setTimeout(r, 300));
  s.off('grievance:reported', on);
  s.off('grievance:updated', on);
  return seen;
}

describe('input PostgreSQL cannot store', () => {
  it('answers 80 concurrent reports 201 and the one with a NUL 400 naming description', async () => {
    const before = await countEvents();
    const bodies = Array.from({ length: 81 }, (_, i) =>
      i === 40 ? valid(i, { description: 'bad\u0000byte' }) : valid(i),
    );
    const answers = await Promise.all(bodies.map((b) => report(b)));
    expect(answers.map((a) => a.status)).toEqual(bodies.map((_, i) => (i === 40 ? 400 : 201)));
    expect(answers[40]!.body.error).toEqual({
      code: 'bad_request',
      field: 'description',
      message: 'description: text must not contain NUL (\\u0000) characters',
    });
    expect(await countEvents()).toBe(before + 80);
  });

  it('answers 80 concurrent reports 201 and one with compoundId 99999999999 400', async () => {
    const before = await countEvents();
    const bodies = Array.from({ length: 81 }, (_, i) =>
      i === 40 ? valid(i, { location: { compoundId: 99999999999 } }) : valid(i),
    );
    const answers = await Promise.all(bodies.map((b) => report(b)));
    expect(answers.map((a) => a.status)).toEqual(bodies.map((_, i) => (i === 40 ? 400 : 201)));
    expect(answers[40]!.body.error).toEqual({
      code: 'bad_request',
      field: 'location.compoundId',
      message:
        'location.compoundId: 99999999999 is out of range; integers must be in [-2147483648, 2147483647]',
    });
    expect(await countEvents()).toBe(before + 80);
  });

  it('refuses a lone UTF-16 surrogate, naming the field', async () => {
    const res = await report(valid(1, { reporter: { name: 'x\ud800' } }), 'grid1');
    expect([res.status, res.body.error]).toEqual([
      400,
      {
        code: 'bad_request',
        field: 'reporter.name',
        message: 'reporter.name: text must not contain a lone UTF-16 surrogate (\\ud800–\\udfff)',
      },
    ]);
  });

  it('refuses a NUL in a workflow action note', async () => {
    const e = (await report(valid(1))).body;
    const res = await act(e.id, { action: 'accept', note: 'ok\u0000' });
    expect([res.status, res.body.error?.code, res.body.error?.field]).toEqual([
      400,
      'bad_request',
      'note',
    ]);
    expect(
      (await call<GrievanceEvent>('GET', `/api/events/${e.id}`, { as: 'district' })).body.state,
    ).toBe('reported');
  });

  it('refuses a NUL in a bundle proposal name', async () => {
    const suggestion = (
      await call<BundlingResult>('POST', '/api/bundles/suggest', { as: 'planner', body: {} })
    ).body;
    const b = suggestion.bundles.find((x) => x.anchorId === null)!;
    const res = await call('POST', '/api/bundles/proposals', {
      as: 'planner',
      body: { name: '东片\u0000', compoundIds: b.compoundIds },
    });
    expect([res.status, res.body.error?.code, res.body.error?.field]).toEqual([
      400,
      'bad_request',
      'name',
    ]);
  });

  it('refuses proposal and compound ids beyond int4 with 400 naming the field', async () => {
    const get = await call('GET', '/api/bundles/proposals/99999999999', { as: 'planner' });
    const patch = await call('PATCH', '/api/bundles/proposals/99999999999', {
      as: 'planner',
      body: { version: 1, name: 'x' },
    });
    const evaluate = await call('POST', '/api/bundles/evaluate', {
      as: 'planner',
      body: { compoundIds: [99999999999] },
    });
    expect(
      [get, patch, evaluate].map((r) => [r.status, r.body.error?.code, r.body.error?.field]),
    ).toEqual([
      [400, 'bad_request', 'id'],
      [400, 'bad_request', 'id'],
      [400, 'bad_request', 'compoundIds.0'],
    ]);
  });

  it('refuses a NUL in a signed command-feed callback note, and an event id beyond int4', async () => {
    const e = (await report(valid(2))).body;
    const send = async (c: Record<string, unknown>) => {
      const body = JSON.stringify({ contract: 1, ...c });
      const res = await fetch(`${server.url}/api/command-feed/callbacks`, {
        method: 'POST',
        headers: signedHeaders(DEMO_COMMAND_FEED_SECRET, String(c.id), body),
        body,
      });
      return [res.status, ((await res.json()) as ErrorBody).error?.field];
    };
    expect(await send({ id: 'cb-nul-1', eventId: e.id, type: 'accept', note: 'a\u0000' })).toEqual([
      400,
      'note',
    ]);
    expect(await send({ id: 'cb-big-1', eventId: 99999999999, type: 'accept' })).toEqual([
      400,
      'eventId',
    ]);
  });

  it('refuses a NUL in an Open311 description in Open311’s own error format', async () => {
    const before = await countEvents();
    const res = await fetch(`${server.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: DEMO_INTEGRATION_API_KEY,
        service_code: 'parking',
        lat: String(inGrid1.lat),
        long: String(inGrid1.lng),
        description: 'bad\u0000byte',
      }).toString(),
    });
    expect([res.status, await res.json()]).toEqual([
      400,
      [{ code: 400, description: 'description: text must not contain NUL (\\u0000) characters' }],
    ]);
    expect(await countEvents()).toBe(before);
  });

  it('refuses a NUL in an Open311 address_string before it reaches the database', async () => {
    const res = await fetch(`${server.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: DEMO_INTEGRATION_API_KEY,
        service_code: 'parking',
        address_string: '某某\u0000小区',
      }).toString(),
    });
    expect([res.status, await res.json()]).toEqual([
      400,
      [
        {
          code: 400,
          description: 'address_string: text must not contain NUL (\\u0000) characters',
        },
      ],
    ]);
  });
});

describe('the group commit', () => {
  it('isolates a report the database refuses: the others of its batch are stored and answered 201', async () => {
    // constraints stand for failures validation cannot foresee (a rule added later, a full disk …)
    await server.db.query(
      `ALTER TABLE events ADD CONSTRAINT poison_check CHECK (description <> 'poison')`,
    );
    // evaluating it overflows int4 (SQLSTATE 22003): a value PostgreSQL cannot store
    await server.db.query(
      `ALTER TABLE events ADD CONSTRAINT out_of_range_check CHECK (
         CASE WHEN description = 'out of range' THEN length(description) + 2147483647 > 0 ELSE true END)`,
    );
    try {
      const before = await countEvents();
      const [{ audit, changes, outbox }] = (await server.db.query<{
        audit: number;
        changes: number;
        outbox: number;
      }>(
        `SELECT (SELECT count(*)::int FROM event_audit) AS audit,
                (SELECT count(*)::int FROM event_changes) AS changes,
                (SELECT count(*)::int FROM feed_outbox) AS outbox`,
      )) as [{ audit: number; changes: number; outbox: number }];
      const bodies = Array.from({ length: 81 }, (_, i) =>
        i === 40
          ? valid(i, { description: 'poison' })
          : i === 60
            ? valid(i, { description: 'out of range' })
            : valid(i, i % 2 ? { idempotencyKey: `batch-key-${i}` } : {}),
      );
      const answers = await Promise.all(bodies.map((b) => report(b)));
      expect(answers.map((a) => a.status)).toEqual(
        bodies.map((_, i) => (i === 40 ? 500 : i === 60 ? 400 : 201)),
      );
      expect(answers[40]!.body.error?.code).toBe('internal');
      // a value the database refuses is the caller's problem: a 400, not a 500
      expect(answers[60]!.body.error).toEqual({
        code: 'bad_request',
        field: 'body',
        message: 'A value in the request cannot be stored (SQLSTATE 22003)',
      });
      expect(await countEvents()).toBe(before + 79);
      const [after] = await server.db.query<{ audit: number; changes: number; outbox: number }>(
        `SELECT (SELECT count(*)::int FROM event_audit) AS audit,
                (SELECT count(*)::int FROM event_changes) AS changes,
                (SELECT count(*)::int FROM feed_outbox) AS outbox`,
      );
      expect(after).toEqual({ audit: audit + 79, changes: changes + 79, outbox: outbox + 79 });
      // a retry after the isolation stores nothing twice
      const again = await report(bodies[1]!);
      expect([again.status, again.body.id]).toEqual([200, answers[1]!.body.id]);
    } finally {
      await server.db.query('ALTER TABLE events DROP CONSTRAINT poison_check');
      await server.db.query('ALTER TABLE events DROP CONSTRAINT out_of_range_check');
    }
  });
});

describe('idempotency keys', () => {
  it('are per caller: another caller’s key neither finds nor reveals its event', async () => {
    const theirs = await report(
      valid(3, { description: '他人的诉求', idempotencyKey: 'shared-key-1' }),
    );
    expect(theirs.status).toBe(201);
    const mine = await report(valid(4, { idempotencyKey: 'shared-key-1' }), 'grid1');
    expect(mine.status).toBe(201);
    expect(mine.body.id).not.toBe(theirs.body.id);
    expect(mine.body.description).toBe('占道停车 4');
    const repeat = await report(valid(4, { idempotencyKey: 'shared-key-1' }), 'grid1');
    expect([repeat.status, repeat.body.id]).toEqual([200, mine.body.id]);
  });

  it('answer a repeat 409 without the event once the caller may no longer read it', async () => {
    const first = await report(valid(5, { idempotencyKey: 'moved-away-1' }), 'grid1');
    expect(first.status).toBe(201);
    expect((await act(first.body.id, { action: 'return' })).status).toBe(200);
    expect((await act(first.body.id, { action: 'reroute', gridCode: grid2 })).status).toBe(200);
    const repeat = await report(valid(5, { idempotencyKey: 'moved-away-1' }), 'grid1');
    expect([repeat.status, repeat.body]).toEqual([
      409,
      {
        error: {
          code: 'conflict',
          field: 'idempotencyKey',
          message: 'idempotencyKey: already used for an event you may no longer read',
        },
        requestId: expect.any(String),
      },
    ]);
  });
});

describe('reporter phone masking', () => {
  it('masks a phone number of any length', () => {
    const as = (phone: string) =>
      maskReporter(
        { kind: 'integration', name: 'x' },
        { reporter: { name: null, phone }, gridCode: '', communityCode: '', streetCode: '' },
      ).reporter!.phone;
    expect(
      [
        '12345',
        '886512',
        '8865123',
        '22345678',
        '13812345678',
        '138 1234 5678',
        '+86 138 1234 5678',
        '0595-2234 5678',
      ].map(as),
    ).toEqual([
      '****',
      '****',
      '****23',
      '****78',
      '138****5678',
      '138****5678',
      '+86****5678',
      '059****5678',
    ]);
  });

  it('masks a 6-digit number for operators over HTTP and on the socket', async () => {
    const socket = await open('operator');
    try {
      let id = 0;
      const seen = await received(socket, async () => {
        const res = await report(valid(6, { reporter: { name: '王五', phone: '886512' } }));
        id = res.body.id;
      });
      const http = await call<GrievanceEvent>('GET', `/api/events/${id}`, { as: 'operator' });
      expect(http.body.reporter).toEqual({ name: '王*', phone: '****' });
      expect(seen.find((e) => e.id === id)?.reporter).toEqual({ name: '王*', phone: '****' });
    } finally {
      socket.close();
    }
  });
});

describe('bundling progress', () => {
  it('refuses bundling:watch to a role that may not suggest bundles', async () => {
    const s = await open('grid1');
    try {
      const ack = await s.emitWithAck('bundling:watch', 'progress-grid1-x');
      expect(ack).toEqual({
        error: { code: 'forbidden', message: 'Bundling is for planners and street admins' },
      });
    } finally {
      s.close();
    }
  });

  it('sends a suggestion’s progress only to the user who runs it', async () => {
    const planner = await open('planner');
    const district = await open('district');
    try {
      const got: Record<string, BundlingProgress[]> = { planner: [], district: [] };
      planner.on('bundling:progress', (p) => got.planner!.push(p));
      district.on('bundling:progress', (p) => got.district!.push(p));
      expect(await planner.emitWithAck('bundling:watch', 'guessable-id-1')).toEqual({ data: true });
      expect(await district.emitWithAck('bundling:watch', 'guessable-id-1')).toEqual({
        data: true,
      });
      const res = await call('POST', '/api/bundles/suggest', {
        as: 'district',
        body: { progressId: 'guessable-id-1' },
      });
      expect(res.status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      expect(got.planner).toEqual([]);
      expect(got.district!.length).toBeGreaterThan(0);
      expect(got.district!.at(-1)!.done).toBe(got.district!.at(-1)!.total);
    } finally {
      planner.close();
      district.close();
    }
  });
});

describe('duplicate links', () => {
  // A in grid1's place but handled by grid2 (returned, rerouted); B then reported at the same
  // point is a likely duplicate of A, which grid1 may not read
  async function duplicatePair(channel = 'hotline_12345') {
    const a = (await report(valid(7, { channel, category: 'sanitation', description: '甲' }))).body;
    expect((await act(a.id, { action: 'return' })).status).toBe(200);
    expect((await act(a.id, { action: 'reroute', gridCode: grid2 })).status).toBe(200);
    return a;
  }

  it('hides a duplicate the reader may not read, over HTTP, on the socket and in sync', async () => {
    const a = await duplicatePair();
    const sockets = {
      grid1: await open('grid1'),
      district: await open('district'),
      community: await open('community'),
    };
    try {
      const seen: GrievanceEvent[][] = Object.values(sockets).map(() => []);
      Object.values(sockets).forEach((s, i) => s.on('grievance:reported', (e) => seen[i]!.push(e)));
      const b = (await report(valid(8, { category: 'sanitation', description: '乙' }))).body.id;
      await new Promise((r) => setTimeout(r, 300));
      const dupOf = (events: GrievanceEvent[]) => events.find((e) => e.id === b)?.duplicateOf;
      expect(seen.map(dupOf)).toEqual([null, a.id, a.id]);
      const read = async (as: string) =>
        (await call<GrievanceEvent>('GET', `/api/events/${b}`, { as })).body.duplicateOf;
      expect([await read('grid1'), await read('district'), await read('operator')]).toEqual([
        null,
        a.id,
        a.id,
      ]);
      const list = (
        await call<GrievanceEvent[]>('GET', '/api/events?category=sanitation&limit=1000', {
          as: 'grid1',
        })
      ).body;
      expect(list.find((e) => e.id === b)?.duplicateOf).toBeNull();
      const { seq } = (await call<GrievanceEvent>('GET', `/api/events/${b}`, { as: 'grid1' })).body;
      const sync = (await sockets.grid1.emitWithAck('grievance:sync', seq - 1)) as {
        data: SyncResult;
      };
      expect(sync.data.events.find((e) => e.id === b)?.duplicateOf).toBeNull();
      const accepted = await act(b, { action: 'accept' }, 'grid1');
      expect([accepted.status, accepted.body.duplicateOf]).toEqual([200, null]);
    } finally {
      Object.values(sockets).forEach((s) => s.close());
    }
  });

  it('drops the duplicate sentence from Open311 status notes unless the duplicate is Open311’s', async () => {
    const a = await duplicatePair('hotline_12345');
    const post = await fetch(`${server.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: DEMO_INTEGRATION_API_KEY,
        service_code: 'sanitation',
        lat: String(inGrid1.lat),
        long: String(inGrid1.lng),
        description: '丙',
      }).toString(),
    });
    expect(post.status).toBe(200);
    const [stored] = await server.db.query<{ id: number; duplicateOf: number }>(
      `SELECT id::int AS id, duplicate_of::int AS "duplicateOf" FROM events WHERE description = '丙'`,
    );
    expect(stored!.duplicateOf).toBe(a.id);
    const res = await fetch(`${server.url}/open311/v2/requests/${stored!.id}.json`);
    const [request] = (await res.json()) as Open311ServiceRequest[];
    expect(request!.status_notes).toBe('已上报（网格级处置）');
  });
});
