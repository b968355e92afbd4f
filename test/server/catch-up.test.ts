import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResult } from '../../common/auth.ts';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  SyncResult,
} from '../../common/events.ts';
import type { GrievanceEvent } from '../../common/grievances.ts';
import { DEMO_PASSWORD } from '../../server/auth/auth-queries.ts';
import { DEMO_INTEGRATION_API_KEY } from '../../server/config.ts';
import {
  createTestDatabase,
  startTestServer,
  type TestDatabase,
  type TestServer,
} from '../helpers/test-server.ts';

// a dashboard that goes offline while 500 events arrive and change, and one whose server
// restarts, ends with exactly the server's state: live events while connected, then a resync
// from the last stream position it saw (grievance:sync), which is durable in the database.

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let database: TestDatabase;
let server: TestServer;
let token: string;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer({ database });
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'district', password: DEMO_PASSWORD }),
  });
  token = ((await res.json()) as LoginResult).token;
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
});

/** A dashboard's cache: the latest version of each event, and the highest seq seen. */
function dashboard() {
  const events = new Map<number, GrievanceEvent>();
  let seq = 0;
  const apply = (e: GrievanceEvent) => {
    const known = events.get(e.id);
    if (!known || known.seq < e.seq) events.set(e.id, e);
    seq = Math.max(seq, e.seq);
  };
  const attach = (url: string) =>
    new Promise<Client>((resolve, reject) => {
      const s: Client = connect(url, {
        auth: { token },
        transports: ['websocket'],
        reconnection: false,
      });
      s.on('grievance:reported', apply);
      s.on('grievance:updated', apply);
      s.once('connect', () => resolve(s));
      s.once('connect_error', reject);
    });
  const page = (s: Client, since: number) =>
    new Promise<SyncResult>((resolve, reject) =>
      s.emit('grievance:sync', since, (r) => {
        if ('error' in r) return reject(new Error(r.error.message));
        r.data.events.forEach(apply);
        resolve(r.data);
      }),
    );
  // as the client does: page after page from where the last ended, until there is no more
  const sync = async (s: Client) => {
    const events: GrievanceEvent[] = [];
    let result = await page(s, seq);
    events.push(...result.events);
    while (result.more) {
      result = await page(s, result.head);
      events.push(...result.events);
    }
    return { ...result, events };
  };
  return { events, attach, sync, seq: () => seq };
}

async function report(url: string, n: number, tag: string): Promise<GrievanceEvent[]> {
  const ids: GrievanceEvent[] = [];
  for (let i = 0; i < n; i += 50) {
    const batch = Array.from({ length: Math.min(50, n - i) }, (_, k) =>
      fetch(`${url}/api/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': DEMO_INTEGRATION_API_KEY },
        body: JSON.stringify({
          channel: 'libianmin',
          category: 'sanitation',
          description: `${tag} ${i + k}`,
          location: { compoundId: 1 + ((i + k) % 500) },
        }),
      }).then((r) => r.json() as Promise<GrievanceEvent>),
    );
    ids.push(...(await Promise.all(batch)));
  }
  return ids;
}

const serverState = async (url: string) => {
  const res = await fetch(`${url}/api/events?limit=1000`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const list = (await res.json()) as GrievanceEvent[];
  return new Map(list.map((e) => [e.id, { state: e.state, level: e.level, seq: e.seq }]));
};
const view = (events: Map<number, GrievanceEvent>) =>
  new Map([...events].map(([id, e]) => [id, { state: e.state, level: e.level, seq: e.seq }]));

describe('catch-up without loss', () => {
  it('a client offline while 500 events arrive and change ends with exactly the server state', async () => {
    const d = dashboard();
    let socket = await d.attach(server.url);
    await report(server.url, 20, 'before');
    await new Promise((r) => setTimeout(r, 300));
    expect(d.events.size).toBe(20);

    socket.disconnect();
    const offline = await report(server.url, 500, 'offline');
    // some change while it is away, too
    for (const e of offline.slice(0, 25)) {
      await fetch(`${server.url}/api/events/${e.id}/actions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ action: 'accept' }),
      });
    }
    expect(d.events.size).toBe(20);

    socket = await d.attach(server.url);
    const synced = await d.sync(socket);
    expect(synced.events).toHaveLength(500);
    expect(view(d.events)).toEqual(await serverState(server.url));
    expect(d.seq()).toBe(synced.head);
    socket.disconnect();
  });

  it('catches up across a server restart from the durable stream position', async () => {
    const d = dashboard();
    let socket = await d.attach(server.url);
    // from scratch: the 520 events of the test above, over more than one page
    expect((await d.sync(socket)).events).toHaveLength(520);
    socket.disconnect();
    await server.close();
    server = await startTestServer({ database });
    await report(server.url, 30, 'after-restart');
    socket = await d.attach(server.url);
    const synced = await d.sync(socket);
    // concurrent reports commit in arrival order, so compare as sets
    expect(new Set(synced.events.map((e) => e.description))).toEqual(
      new Set(Array.from({ length: 30 }, (_, i) => `after-restart ${i}`)),
    );
    expect(synced.events.map((e) => e.seq)).toEqual(
      [...synced.events.map((e) => e.seq)].sort((x, y) => x - y),
    );
    expect(view(d.events)).toEqual(await serverState(server.url));
    socket.disconnect();
  });
});
