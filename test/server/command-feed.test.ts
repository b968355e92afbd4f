import fs from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResult } from '../../common/auth.ts';
import type { FeedCallback, FeedMessage, FeedStatus } from '../../common/command-feed.ts';
import type { AuditEntry, GrievanceEvent } from '../../common/grievances.ts';
import { DEMO_PASSWORD } from '../../server/auth/auth-queries.ts';
import { isRetryable, outgoingBody, retryDelayMs } from '../../server/command-feed/feed-worker.ts';
import {
  enqueueSnapshotIfDue,
  seedCamerasIfEmpty,
} from '../../server/command-feed/outbox-queries.ts';
import {
  signedHeaders,
  signFeedBody,
  verifyFeedSignature,
} from '../../server/command-feed/feed-signature.ts';
import { DEMO_COMMAND_FEED_SECRET, DEMO_INTEGRATION_API_KEY } from '../../server/config.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

// The command feed's own parts: the outbox written with each change, the platform's signed
// callbacks applied once, and the operator's view. Delivery under faults: command-feed-faults.test.ts.

describe('signing (common/command-feed.ts contract)', () => {
  const now = 1_700_000_000_000;
  it('signs `${timestamp}.${body}` with HMAC-SHA256 and checks window and signature', () => {
    const body = '{"a":1}';
    const headers = signedHeaders('s3cret-s3cret-s3cret', 'key-1', body, now);
    expect(headers).toEqual({
      'content-type': 'application/json',
      'idempotency-key': 'key-1',
      'x-licheng-timestamp': '1700000000',
      'x-licheng-signature': signFeedBody('s3cret-s3cret-s3cret', 1_700_000_000, body),
    });
    // the vector from `printf '1.' | openssl dgst -sha256 -hmac k`
    expect(signFeedBody('k', 1, '')).toBe(
      'sha256=37c39ff90c9eaf98b76f1cf1a38399fa408e930f34e04a5179d0dc6489fe9c78',
    );
    const check = (h: Record<string, string>, b = body, at = now) =>
      verifyFeedSignature(
        's3cret-s3cret-s3cret',
        { timestamp: h['x-licheng-timestamp'], signature: h['x-licheng-signature'] },
        b,
        at,
      );
    expect(check(headers)).toEqual({ ok: true });
    expect(check(headers, '{"a":2}')).toEqual({
      ok: false,
      reason: 'x-licheng-signature: does not match the body',
    });
    expect(check(headers, body, now + 301_000)).toEqual({
      ok: false,
      reason: 'x-licheng-timestamp: 301 s from our clock, outside ±300 s',
    });
    expect(check({ ...headers, 'x-licheng-signature': 'md5=1' })).toEqual({
      ok: false,
      reason: 'x-licheng-signature: expected sha256=<64 hex digits>',
    });
  });
});

describe('retry policy', () => {
  it('doubles from the base up to the cap, with half of each delay random', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, 1000, 300_000, () => 0))).toEqual([
      500, 1000, 2000, 4000,
    ]);
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, 1000, 300_000, () => 1))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
    expect(retryDelayMs(30, 1000, 300_000, () => 1)).toBe(300_000);
    expect(retryDelayMs(30, 1000, 300_000, () => 0)).toBe(150_000);
  });
  it('retries no answer, 5xx, 408 and 429; any other 4xx is final', () => {
    expect([null, 500, 503, 408, 429].map(isRetryable)).toEqual([true, true, true, true, true]);
    expect([400, 401, 404, 422].map(isRetryable)).toEqual([false, false, false, false]);
  });
  it('strips the reporter unless the contract allows personal data', () => {
    const body = {
      kind: 'event.reported',
      event: { id: 1, reporter: { name: '张三', phone: '1' } },
    };
    expect(JSON.parse(outgoingBody(body, false))).toEqual({
      kind: 'event.reported',
      event: { id: 1 },
    });
    expect(JSON.parse(outgoingBody(body, true))).toEqual(body);
  });
});

let server: TestServer;
const tokens: Record<string, string> = {};
let point: { lng: number; lat: number };

beforeAll(async () => {
  // no platform configured: messages stay in the outbox, where the test reads them
  server = await startTestServer();
  for (const u of ['district', 'operator', 'grid1', 'planner']) {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: u, password: DEMO_PASSWORD }),
    });
    tokens[u] = ((await res.json()) as LoginResult).token;
  }
  const [p] = await server.db.query<{ lng: number; lat: number }>(
    `SELECT ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat
     FROM compounds ORDER BY id LIMIT 1`,
  );
  point = p!;
});
afterAll(async () => {
  await server?.close();
});

async function call<T>(method: string, path: string, body?: unknown, as?: string) {
  const res = await fetch(server.url + path, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(as
        ? { authorization: `Bearer ${tokens[as]}` }
        : { 'x-api-key': DEMO_INTEGRATION_API_KEY }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as T & { error?: { message: string; field?: string } },
  };
}

const report = async (category = 'fire_safety') =>
  (
    await call<GrievanceEvent>('POST', '/api/events', {
      channel: 'hotline_12345',
      category,
      description: '楼道堆放杂物，消防通道堵塞',
      location: point,
      reporter: { name: '王先生', phone: '13800000000' },
    })
  ).body;

const outbox = (eventId: number) =>
  server.db.query<{
    messageId: string;
    kind: string;
    sequence: number;
    state: string;
    body: FeedMessage;
  }>(
    `SELECT message_id AS "messageId", kind, sequence, state, body
     FROM feed_outbox WHERE event_id = $1 ORDER BY id`,
    [eventId],
  );

// a callback without its contract version (distributive over the union)
type CallbackBody = FeedCallback extends infer C
  ? C extends FeedCallback
    ? Omit<C, 'contract'>
    : never
  : never;

async function callback(c: CallbackBody, opts: { secret?: string; at?: number } = {}) {
  const body = JSON.stringify({ contract: 1, ...c });
  const res = await fetch(`${server.url}/api/command-feed/callbacks`, {
    method: 'POST',
    headers: signedHeaders(opts.secret ?? DEMO_COMMAND_FEED_SECRET, c.id, body, opts.at),
    body,
  });
  return {
    status: res.status,
    body: (await res.json()) as GrievanceEvent & { error?: { message: string; field?: string } },
  };
}

describe('the outbox', () => {
  it('writes a message with each change, in the change’s transaction, numbered per event', async () => {
    const e = await report();
    const act = (action: string, extra: object = {}) =>
      call<GrievanceEvent>('POST', `/api/events/${e.id}/actions`, { action, ...extra }, 'district');
    await act('escalate', { note: '需要街道协调' }); // street → district: the platform takes over
    const rejected = await act('close'); // illegal: nothing written
    expect(rejected.status).toBe(409);
    const rows = await outbox(e.id);
    expect(rows.map((r) => [r.messageId, r.kind, r.sequence, r.state])).toEqual([
      [`event-${e.id}-1`, 'event.reported', 1, 'pending'],
      [`event-${e.id}-2`, 'event.takeover', 2, 'pending'],
    ]);
    const [first, second] = rows.map((r) => r.body);
    expect(first).toMatchObject({
      contract: 1,
      id: `event-${e.id}-1`,
      kind: 'event.reported',
      sequence: 1,
      event: {
        id: e.id,
        category: 'fire_safety',
        grade: 'L3',
        level: 'street',
        state: 'reported',
        gridCode: e.gridCode,
        streetCode: e.streetCode,
        reporter: { name: '王先生', phone: '13800000000' },
      },
    });
    expect(second).toMatchObject({
      kind: 'event.takeover',
      sequence: 2,
      event: { level: 'district', state: 'reported' },
      change: {
        action: 'escalate',
        actor: 'district',
        fromState: 'reported',
        toState: 'reported',
        fromLevel: 'street',
        toLevel: 'district',
        note: '需要街道协调',
      },
    });
  });

  it('writes nothing for a refused report', async () => {
    const [{ n: before }] = (await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM feed_outbox',
    )) as [{ n: number }];
    const res = await call('POST', '/api/events', {
      channel: 'hotline_12345',
      category: 'other',
      description: 'x',
      location: { lng: 118.0, lat: 24.0 },
    });
    expect(res.status).toBe(400);
    const [{ n: after }] = (await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM feed_outbox',
    )) as [{ n: number }];
    expect(after).toBe(before);
  });
});

describe('callbacks from the platform', () => {
  it('applies a signed decision once, audited as the platform, and refuses its replay', async () => {
    const e = await report();
    await call('POST', `/api/events/${e.id}/actions`, { action: 'escalate' }, 'district');
    const accepted = await callback({
      id: 'cb-accept-1',
      type: 'accept',
      eventId: e.id,
      note: '区平台受理',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ id: e.id, state: 'accepted', level: 'district' });
    const replay = await callback({ id: 'cb-accept-1', type: 'accept', eventId: e.id });
    expect(replay.status).toBe(409);
    expect(replay.body.error!.message).toBe('Callback cb-accept-1 was already applied (a replay)');

    const reassigned = await callback({
      id: 'cb-2',
      type: 'reassign',
      eventId: e.id,
      department: '区消防救援大队',
    });
    expect(reassigned.body).toMatchObject({ state: 'dispatched', assignee: '区消防救援大队' });
    const deadline = new Date(Date.now() + 48 * 3600_000).toISOString();
    const moved = await callback({ id: 'cb-3', type: 'set_deadline', eventId: e.id, deadline });
    expect(moved.body.deadline).toBe(deadline);
    const resolved = await callback({ id: 'cb-4', type: 'resolve', eventId: e.id });
    expect(resolved.body.state).toBe('resolved');
    const closed = await callback({ id: 'cb-5', type: 'close', eventId: e.id });
    expect(closed.body.state).toBe('closed');

    const detail = await call<{ audit: AuditEntry[] }>(
      'GET',
      `/api/events/${e.id}`,
      undefined,
      'district',
    );
    expect(detail.body.audit.map((a) => [a.actor, a.action, a.toState])).toEqual([
      ['api:integration', 'report', 'reported'],
      ['district', 'escalate', 'reported'],
      ['platform', 'accept', 'accepted'],
      ['platform', 'dispatch', 'dispatched'],
      ['platform', 'set_deadline', 'dispatched'],
      ['platform', 'start', 'in_progress'],
      ['platform', 'resolve', 'resolved'],
      ['platform', 'close', 'closed'],
    ]);
    // every step is fed back too, in order
    expect((await outbox(e.id)).map((r) => r.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('sends an event back down to the community', async () => {
    const e = await report();
    await call('POST', `/api/events/${e.id}/actions`, { action: 'escalate' }, 'district');
    const down = await callback({
      id: 'cb-down-1',
      type: 'send_down',
      eventId: e.id,
      note: '属社区职责',
    });
    expect(down.status).toBe(200);
    expect(down.body).toMatchObject({ level: 'community', state: 'reported', assignee: null });
    const again = await callback({ id: 'cb-down-2', type: 'send_down', eventId: e.id });
    expect(again.status).toBe(409);
    // back at the community, the event is no longer the platform's to decide on
    expect(again.body.error!.message).toBe(
      `Event ${e.id} is handled at the community level: the platform decides only on events it has taken over (district level)`,
    );
  });

  it('refuses a bad signature, a stale timestamp, bad fields and unknown events, changing nothing', async () => {
    const e = await report();
    const before = await outbox(e.id);
    const forged = await callback(
      { id: 'cb-f', type: 'accept', eventId: e.id },
      { secret: 'not-the-shared-secret' },
    );
    expect(forged.status).toBe(401);
    expect(forged.body.error).toMatchObject({
      field: 'signature',
      message: 'x-licheng-signature: does not match the body',
    });
    const stale = await callback(
      { id: 'cb-s', type: 'accept', eventId: e.id },
      { at: Date.now() - 600_000 },
    );
    expect(stale.status).toBe(401);
    expect(stale.body.error!.message).toMatch(
      /^x-licheng-timestamp: 60\d s from our clock, outside ±300 s$/,
    );
    const unknown = await callback({ id: 'cb-u', type: 'accept', eventId: 99_999_999 });
    expect(unknown.status).toBe(404);
    const badType = await callback({ id: 'cb-t', type: 'explode' as 'accept', eventId: e.id });
    expect(badType.status).toBe(400);
    expect(badType.body.error!.field).toBe('type');
    const past = await callback({
      id: 'cb-p',
      type: 'set_deadline',
      eventId: e.id,
      deadline: '2020-01-01T00:00:00+08:00',
    });
    expect(past.status).toBe(400);
    expect(past.body.error).toMatchObject({
      field: 'deadline',
      message: 'deadline: 2020-01-01T00:00:00+08:00 is not in the future',
    });
    expect(await outbox(e.id)).toEqual(before);
    const [seen] = (await server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM feed_inbox WHERE callback_id IN ('cb-f', 'cb-s', 'cb-u', 'cb-t', 'cb-p')`,
    )) as [{ n: number }];
    expect(seen.n).toBe(0);
  });
});

describe('callbacks act only on what the platform took over', () => {
  it('refuses every decision on an event below the district level, changing nothing', async () => {
    const e = await report(); // fire_safety, L3: handled at the street level, never taken over
    const before = await outbox(e.id);
    const decisions: CallbackBody[] = [
      { id: 'cb-g-1', type: 'accept', eventId: e.id },
      { id: 'cb-g-2', type: 'reassign', eventId: e.id, department: '区消防救援大队' },
      {
        id: 'cb-g-3',
        type: 'set_deadline',
        eventId: e.id,
        deadline: new Date(Date.now() + 48 * 3600_000).toISOString(),
      },
      { id: 'cb-g-4', type: 'resolve', eventId: e.id },
      { id: 'cb-g-5', type: 'close', eventId: e.id },
      { id: 'cb-g-6', type: 'send_down', eventId: e.id },
    ];
    for (const d of decisions) {
      const res = await callback(d);
      expect([d.type, res.status, res.body.error]).toEqual([
        d.type,
        409,
        {
          code: 'conflict',
          field: 'eventId',
          message: `Event ${e.id} is handled at the street level: the platform decides only on events it has taken over (district level)`,
        },
      ]);
    }
    expect(await outbox(e.id)).toEqual(before);
    const [seen] = (await server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM feed_inbox WHERE callback_id LIKE 'cb-g-%'`,
    )) as [{ n: number }];
    expect(seen.n).toBe(0);
    // once taken over, the same callback id is applied
    await call('POST', `/api/events/${e.id}/actions`, { action: 'escalate' }, 'district');
    expect((await callback(decisions[0]!)).body).toMatchObject({ state: 'accepted' });
  });

  it('bounds a new deadline to 30 days ahead', async () => {
    const e = await report();
    await call('POST', `/api/events/${e.id}/actions`, { action: 'escalate' }, 'district');
    const far = await callback({
      id: 'cb-far',
      type: 'set_deadline',
      eventId: e.id,
      deadline: '9999-12-31T00:00:00+08:00',
    });
    expect(far.status).toBe(400);
    expect(far.body.error).toEqual({
      code: 'bad_request',
      field: 'deadline',
      message: 'deadline: 9999-12-31T00:00:00+08:00 is more than 30 days ahead',
    });
    const in29Days = new Date(Date.now() + 29 * 86_400_000).toISOString();
    const near = await callback({
      id: 'cb-near',
      type: 'set_deadline',
      eventId: e.id,
      deadline: in29Days,
    });
    expect(near.status).toBe(200);
    expect(near.body.deadline).toBe(in29Days);
  });

  it('answers without the reporter while the contract carries no personal data', async () => {
    const e = await report(); // reported by 王先生, 13800000000
    await call('POST', `/api/events/${e.id}/actions`, { action: 'escalate' }, 'district');
    const res = await callback({ id: 'cb-pii', type: 'accept', eventId: e.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: e.id, state: 'accepted' });
    expect('reporter' in res.body).toBe(false);
    expect(JSON.stringify(res.body)).not.toMatch(/王先生|13800000000/);
  });
});

describe('the operator view', () => {
  it('tells operators and district admins the queue; only district admins retry dead letters', async () => {
    const status = await call<FeedStatus>('GET', '/api/command-feed/status', undefined, 'operator');
    expect(status.status).toBe(200);
    const [{ pending }] = (await server.db.query<{ pending: number }>(
      `SELECT count(*)::int AS pending FROM feed_outbox WHERE state = 'pending'`,
    )) as [{ pending: number }];
    expect(status.body).toMatchObject({
      enabled: false,
      deliveredLastHour: 0,
      pending,
      dead: 0,
      deadLetters: [],
    });
    expect(status.body.oldestPendingAgeS).toBeGreaterThanOrEqual(0);
    expect((await call('GET', '/api/command-feed/status', undefined, 'grid1')).status).toBe(403);
    expect((await call('GET', '/api/command-feed/status', undefined, 'planner')).status).toBe(403);

    const [{ id }] = (await server.db.query<{ id: number }>(
      `UPDATE feed_outbox SET state = 'dead', attempts = 20, last_error = 'HTTP 500: boom'
       WHERE id = (SELECT min(id) FROM feed_outbox) RETURNING id::int AS id`,
    )) as [{ id: number }];
    const dead = await call<FeedStatus>('GET', '/api/command-feed/status', undefined, 'district');
    expect(dead.body.dead).toBe(1);
    expect(dead.body.deadLetters[0]).toMatchObject({
      id,
      attempts: 20,
      lastError: 'HTTP 500: boom',
    });
    expect(
      (await call('POST', `/api/command-feed/messages/${id}/retry`, {}, 'operator')).status,
    ).toBe(403);
    const retried = await call('POST', `/api/command-feed/messages/${id}/retry`, {}, 'district');
    expect(retried).toEqual({ status: 200, body: { id, state: 'pending' } });
    expect(
      (await call('POST', `/api/command-feed/messages/${id}/retry`, {}, 'district')).status,
    ).toBe(404);
  });
});

describe('the published schema (docs/command-feed.schema.json)', () => {
  const schema = JSON.parse(fs.readFileSync('docs/command-feed.schema.json', 'utf8')) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  ajv.addSchema(schema);
  const message = ajv.getSchema(
    'https://licheng.example/schemas/command-feed/v1.json#/$defs/FeedMessage',
  )!;
  const callbackSchema = ajv.getSchema(
    'https://licheng.example/schemas/command-feed/v1.json#/$defs/FeedCallback',
  )!;

  it('describes every message the outbox holds, with and without personal data', async () => {
    expect(await seedCamerasIfEmpty(server.db)).toBe(0); // seeded at start
    expect(await enqueueSnapshotIfDue(server.db, '2024-05-20')).toBe(true);
    expect(await enqueueSnapshotIfDue(server.db, '2024-05-20')).toBe(false);
    const rows = await server.db.query<{ kind: string; body: Record<string, unknown> }>(
      'SELECT kind, body FROM feed_outbox ORDER BY id',
    );
    expect(new Set(rows.map((r) => r.kind))).toEqual(
      new Set(['event.reported', 'event.changed', 'event.takeover', 'property.snapshot']),
    );
    for (const { body } of rows) {
      for (const personal of [false, true]) {
        const sent = JSON.parse(outgoingBody(body, personal)) as unknown;
        expect(message(sent), `${String(body.id)}: ${JSON.stringify(message.errors)}`).toBe(true);
      }
    }
    const snapshot = rows.find((r) => r.kind === 'property.snapshot')!.body as {
      snapshot: { compounds: unknown[]; cameras: unknown[]; coverageByStreet: unknown[] };
    };
    const [counts] = (await server.db.query<{
      compounds: number;
      cameras: number;
      streets: number;
    }>(
      `SELECT (SELECT count(*)::int FROM compounds) AS compounds,
              (SELECT count(*)::int FROM cameras) AS cameras,
              (SELECT count(DISTINCT street_code)::int FROM compounds) AS streets`,
    )) as [{ compounds: number; cameras: number; streets: number }];
    expect(snapshot.snapshot.compounds).toHaveLength(counts.compounds);
    expect(snapshot.snapshot.cameras).toHaveLength(counts.cameras);
    expect(counts.cameras).toBeGreaterThan(100);
    expect(snapshot.snapshot.coverageByStreet).toHaveLength(counts.streets);
  });

  it('rejects a message or callback that breaks the contract', () => {
    expect(message({ contract: 1, id: 'event-1-1', kind: 'event.reported', createdAt: 'x' })).toBe(
      false,
    );
    const ok = { contract: 1, id: 'cb-1', eventId: 7, type: 'reassign', department: '区城管局' };
    expect(callbackSchema(ok)).toBe(true);
    expect(callbackSchema({ ...ok, department: undefined })).toBe(false);
    expect(
      callbackSchema({
        contract: 1,
        id: 'cb-2',
        eventId: 7,
        type: 'set_deadline',
        deadline: '2030-01-01T00:00:00+08:00',
      }),
    ).toBe(true);
    expect(callbackSchema({ contract: 1, id: 'cb-3', eventId: 7, type: 'explode' })).toBe(false);
  });
});
