import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../common/errors.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../common/events.ts';
import type {
  GrievanceEvent,
  ReportBatchResult,
  ReportEventInput,
} from '../../common/grievances.ts';
import { DEMO_INTEGRATION_API_KEY } from '../../server/config.ts';
import { loginAs, pointInGrid, startTestServer, type TestServer } from '../helpers/test-server.ts';

// POST /api/events:batch, machine intake: per-item answers in order, one bad item never fails
// the good ones, idempotent per caller, broadcast like single reports, on a real PostGIS.

let server: TestServer;
let grid1: string;
let inGrid1: { lng: number; lat: number };
let operatorToken: string;

beforeAll(async () => {
  server = await startTestServer();
  operatorToken = await loginAs(server, 'operator');
  const grid1Token = await loginAs(server, 'grid1');
  const me = await fetch(`${server.url}/api/auth/me`, {
    headers: { authorization: `Bearer ${grid1Token}` },
  });
  grid1 = ((await me.json()) as { scope: { grids: string[] } }).scope.grids[0]!;
  inGrid1 = await pointInGrid(server.db, grid1);
});
afterAll(async () => {
  await server?.close();
});

const event = (description: string, extra: Partial<ReportEventInput> = {}) => ({
  channel: 'hotline_12345',
  category: 'sanitation',
  description,
  location: inGrid1,
  ...extra,
});

async function batch<T = ReportBatchResult>(
  body: unknown,
  headers: Record<string, string> = { 'x-api-key': DEMO_INTEGRATION_API_KEY },
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}/api/events:batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

const eventCount = async () =>
  Number((await server.db.query<{ n: string }>('SELECT count(*) AS n FROM events'))[0]!.n);

describe('POST /api/events:batch', () => {
  it('stores the good events and answers each bad one in its slot, naming its field', async () => {
    const before = await eventCount();
    const { status, body } = await batch({
      events: [
        event('垃圾满溢 1'),
        event('outside', { location: { lng: 118.2, lat: 24.5 } }),
        event('bad category', { category: 'weather' as never }),
        { ...event('unknown key'), colour: 'red' },
        event('垃圾满溢 2'),
      ],
    });
    expect(status).toBe(200);
    expect(body.results.map((r) => r.status)).toEqual([201, 400, 400, 400, 201]);
    expect(body.results.map((r) => ('error' in r ? r.error.field : null))).toEqual([
      null,
      'location',
      'category',
      'colour',
      null,
    ]);
    expect(body.results[1]).toMatchObject({
      error: { code: 'bad_request', message: expect.stringContaining('outside Licheng District') },
    });
    expect({ created: body.created, repeated: body.repeated, failed: body.failed }).toEqual({
      created: 2,
      repeated: 0,
      failed: 3,
    });
    expect(await eventCount()).toBe(before + 2);
    const stored = body.results.flatMap((r) => ('event' in r ? [r.event] : []));
    expect(stored.map((e) => [e.description, e.gridCode, e.state, e.channel])).toEqual([
      ['垃圾满溢 1', grid1, 'reported', 'hotline_12345'],
      ['垃圾满溢 2', grid1, 'reported', 'hotline_12345'],
    ]);
    // each stored event has its report in the audit trail, as a single report would
    const audit = await server.db.query<{ event_id: number; action: string; actor: string }>(
      `SELECT event_id::int, action, actor FROM event_audit WHERE event_id = ANY($1) ORDER BY event_id`,
      [stored.map((e) => e.id)],
    );
    expect(audit).toEqual(
      stored.map((e) => ({ event_id: e.id, action: 'report', actor: 'api:integration' })),
    );
  });

  it('is idempotent per caller: a resent batch and a key repeated inside it store once', async () => {
    const events = [
      event('路灯不亮', { idempotencyKey: 'hotline-777-1' }),
      event('路灯不亮 again', { idempotencyKey: 'hotline-777-1' }),
      event('电梯困人', { idempotencyKey: 'hotline-777-2', category: 'elevator_fault' }),
    ];
    const before = await eventCount();
    const first = await batch({ events });
    expect(first.body.results.map((r) => r.status)).toEqual([201, 200, 201]);
    const ids = first.body.results.map((r) => ('event' in r ? r.event.id : 0));
    expect(ids[1]).toBe(ids[0]);
    const again = await batch({ events });
    expect(again.body.results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(again.body.results.map((r) => ('event' in r ? r.event.id : 0))).toEqual(ids);
    expect(again.body).toMatchObject({ created: 0, repeated: 3, failed: 0 });
    expect(await eventCount()).toBe(before + 2);
  });

  it('takes a batch far over the 100 kB limit of other requests, all in order', async () => {
    const events = Array.from({ length: 200 }, (_, i) =>
      event(`批量 ${String(i).padStart(3, '0')} ${'描'.repeat(600)}`),
    );
    expect(JSON.stringify({ events }).length).toBeGreaterThan(100_000);
    const before = await eventCount();
    const { status, body } = await batch({ events });
    expect(status).toBe(200);
    expect(body.created).toBe(200);
    expect(body.results.map((r) => ('event' in r ? r.event.description.slice(0, 6) : ''))).toEqual(
      events.map((e) => e.description.slice(0, 6)),
    );
    expect(await eventCount()).toBe(before + 200);
  });

  it('refuses a malformed envelope with a 400 naming events and the accepted range', async () => {
    const cases: [unknown, string, string][] = [
      [{ events: [] }, 'events', 'expected 1–500 events'],
      [{ events: Array.from({ length: 501 }, () => event('x')) }, 'events', 'expected 1–500'],
      [{ events: 'many' }, 'events', 'expected an array of 1–500 events'],
      [{ events: [event('x')], more: 1 }, 'more', 'more'],
      ['[1,2', 'body', 'not valid JSON'],
    ];
    const before = await eventCount();
    for (const [body, field, message] of cases) {
      const res = await batch<ApiError>(body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(res.body.error.field).toBe(field);
      expect(res.body.error.message).toContain(message);
    }
    expect(await eventCount()).toBe(before);
  });

  it('answers 401 without credentials and 403 to a role that may not report', async () => {
    const anonymous = await batch<ApiError>({ events: [event('x')] }, {});
    expect(anonymous.status).toBe(401);
    const operator = await batch<ApiError>(
      { events: [event('x')] },
      { authorization: `Bearer ${operatorToken}` },
    );
    expect([operator.status, operator.body.error.code]).toEqual([403, 'forbidden']);
  });

  it('broadcasts each stored event to its grid room, as single reports are', async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(server.url, {
      auth: { token: await loginAs(server, 'grid1') },
      transports: ['websocket'],
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const seen: GrievanceEvent[] = [];
    socket.on('grievance:reported', (e) => seen.push(e));
    const { body } = await batch({
      events: [event('广播 1'), event('bad', { category: 'x' as never }), event('广播 2')],
    });
    const ids = body.results.flatMap((r) => ('event' in r ? [r.event.id] : []));
    await expect.poll(() => seen.map((e) => e.id).sort((a, b) => a - b)).toEqual(ids);
    socket.close();
  });
});
