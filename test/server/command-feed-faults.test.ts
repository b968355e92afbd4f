import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResult } from '../../common/auth.ts';
import type { FeedMessage } from '../../common/command-feed.ts';
import type { GrievanceEvent } from '../../common/grievances.ts';
import { DEMO_PASSWORD } from '../../server/auth/auth-queries.ts';
import { DEMO_COMMAND_FEED_SECRET, DEMO_INTEGRATION_API_KEY } from '../../server/config.ts';
import {
  startPlatformSimulator,
  type PlatformSimulator,
} from '../../scripts/platform-simulator/platform-server.ts';
import {
  createTestDatabase,
  startTestServer,
  type TestDatabase,
  type TestServer,
} from '../helpers/test-server.ts';

// Delivery to the joint command platform under faults, against the platform simulator (a separate
// HTTP server implementing the platform's side): an outage while 1,000 events arrive, lost
// acknowledgements, and a server restart mid-delivery. Each time the platform must end up holding
// every message exactly once, each event's messages in order.

const FAST_RETRIES = {
  FEED_BACKOFF_BASE_MS: '100',
  FEED_BACKOFF_MAX_MS: '1500',
  FEED_POLL_MS: '25',
  FEED_MAX_ATTEMPTS: '1000',
  FEED_TIMEOUT_MS: '1000',
};

let platform: PlatformSimulator;
let database: TestDatabase;
let server: TestServer;
let point: { lng: number; lat: number };

const startServer = () =>
  startTestServer({
    database,
    env: { COMMAND_PLATFORM_URL: `${platform.url}/feed`, ...FAST_RETRIES },
  });

beforeAll(async () => {
  platform = await startPlatformSimulator({ secret: DEMO_COMMAND_FEED_SECRET, autoAccept: false });
  database = await createTestDatabase();
  server = await startServer();
  const [p] = await server.db.query<{ lng: number; lat: number }>(
    `SELECT ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat
     FROM grids ORDER BY code LIMIT 1`,
  );
  point = p!;
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
  await platform?.close();
});

async function token(username: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return ((await res.json()) as LoginResult).token;
}

/** Reports `n` events through the intake API, `concurrency` at a time; returns their ids. */
async function reportMany(n: number, concurrency = 20): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, n - i) }, async () => {
      const res = await fetch(`${server.url}/api/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': DEMO_INTEGRATION_API_KEY },
        body: JSON.stringify({
          channel: 'hotline_12345',
          category: 'sanitation',
          description: '垃圾清运不及时',
          location: point,
        }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as GrievanceEvent).id;
    });
    ids.push(...(await Promise.all(batch)));
  }
  return ids;
}

const pendingCount = async () =>
  (
    await server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM feed_outbox WHERE state <> 'delivered'`,
    )
  )[0]!.n;

async function drained(timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while ((await pendingCount()) > 0) {
    if (Date.now() > until) throw new Error(`outbox not drained: ${await pendingCount()} left`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What the platform holds for events, checked against our outbox: each once, in order. */
async function expectExactlyOnceInOrder(): Promise<void> {
  const outbox = await server.db.query<{ messageId: string; eventId: number; sequence: number }>(
    `SELECT message_id AS "messageId", event_id::int AS "eventId", sequence
     FROM feed_outbox WHERE event_id IS NOT NULL ORDER BY event_id, sequence`,
  );
  const held = platform.state.messages.filter(
    (m): m is Extract<FeedMessage, { sequence: number }> => m.kind !== 'property.snapshot',
  );
  expect(held.map((m) => m.id).sort()).toEqual(outbox.map((o) => o.messageId).sort());
  expect(platform.state.outOfOrder).toBe(0);
  expect(platform.state.rejected).toBe(0);
  expect(platform.state.invalid).toBe(0);
  const expected = new Map<number, number[]>();
  for (const o of outbox) expected.set(o.eventId, [...(expected.get(o.eventId) ?? []), o.sequence]);
  expect(new Map(platform.state.byEvent)).toEqual(expected);
}

describe('delivery to the platform under faults', () => {
  it('holds every message once and in order after being down while 1,000 events arrive', async () => {
    platform.state.clear();
    platform.state.fault = { mode: 'fail', status: 503, delayMs: 0, remaining: null };
    const ids = await reportMany(1000);
    // some events change too: their later messages must wait for the first
    const district = await token('district');
    for (const id of ids.slice(0, 100)) {
      const res = await fetch(`${server.url}/api/events/${id}/actions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${district}` },
        body: JSON.stringify({ action: 'accept' }),
      });
      expect(res.status).toBe(200);
    }
    expect(platform.state.messages).toEqual([]);
    expect(await pendingCount()).toBeGreaterThanOrEqual(1100);

    platform.state.fault = { mode: 'ok', status: 500, delayMs: 0, remaining: null };
    await drained();
    await expectExactlyOnceInOrder();
    const byEvent = platform.state.byEvent;
    expect(ids.slice(0, 100).map((id) => byEvent.get(id))).toEqual(
      ids.slice(0, 100).map(() => [1, 2]),
    );
    expect(ids.slice(100).map((id) => byEvent.get(id))).toEqual(ids.slice(100).map(() => [1]));
  });

  it('de-duplicates deliveries whose acknowledgement was lost', async () => {
    platform.state.clear();
    await server.db.query(`DELETE FROM feed_outbox`); // only this test's messages from here
    platform.state.fault = { mode: 'lose_ack', status: 500, delayMs: 0, remaining: 10 };
    await reportMany(25, 5);
    await drained();
    expect(platform.state.duplicates).toBeGreaterThanOrEqual(10);
    await expectExactlyOnceInOrder();
    expect(platform.state.messages.filter((m) => m.kind === 'event.reported')).toHaveLength(25);
  });

  it('loses nothing when the server restarts mid-delivery', async () => {
    platform.state.clear();
    await server.db.query(`DELETE FROM feed_outbox`);
    platform.state.fault = { mode: 'slow', status: 500, delayMs: 800, remaining: null };
    await reportMany(30, 10);
    await new Promise((r) => setTimeout(r, 300)); // requests in flight, unanswered
    await server.close(); // shares the database: closing keeps it
    const heldAtRestart = platform.state.messages.length;
    expect(heldAtRestart).toBeLessThan(30);
    platform.state.fault = { mode: 'ok', status: 500, delayMs: 0, remaining: null };
    server = await startServer();
    await drained();
    await new Promise((r) => setTimeout(r, 1000)); // the slow answers of the old server land too
    await expectExactlyOnceInOrder();
    // the new server's first round also queued the day's property snapshot
    expect(platform.state.messages.filter((m) => m.kind === 'event.reported')).toHaveLength(30);
  });
});
