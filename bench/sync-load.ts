// Can logged-in users stall the server? N operator sockets each resync from 0 (grievance:sync,
// a page of 500 events) again as soon as the last answer comes, while GET /api/health is sent every
// 200 ms; health's p50/p99/max under that load beside health unloaded, in the same run. Three
// loads: the server as configured (per-user rate included), and the same with the per-user rate
// raised out of the way, so only the line of heavy reads and the priority lane protect health.
// ≈3,100 events of history are seeded (SEED_HISTORY_DAYS=90), as `npm start` does.
//   npx tsx bench/sync-load.ts [--engine postgres|pglite] [--sockets 100] [--seconds 10]
import { parseArgs } from 'node:util';
import { io as connect, type Socket } from 'socket.io-client';
import type { LoginResult } from '../common/auth.ts';
import type {
  AckResult,
  ClientToServerEvents,
  ServerToClientEvents,
  SyncResult,
} from '../common/events.ts';
import { DEMO_PASSWORD } from '../server/auth/auth-queries.ts';
import { startTestServer, type TestServer } from '../test/helpers/test-server.ts';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'postgres' },
    sockets: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '10' },
  },
});
const SOCKETS = Number(values.sockets);
const SECONDS = Number(values.seconds);
const HEALTH_EVERY_MS = 200;
const HEALTH_GIVE_UP_MS = 60_000; // counted as a timeout
if (values.engine === 'postgres')
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type Health = { p50: number; p99: number; max: number; timeouts: number; n: number };

const q = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

/** Health every 200 ms for `seconds`, each request timed on its own (none waits for another). */
async function sampleHealth(url: string, seconds: number): Promise<Health> {
  const pending: Promise<number>[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const started = performance.now();
    pending.push(
      fetch(`${url}/api/health`, { signal: AbortSignal.timeout(HEALTH_GIVE_UP_MS) }).then(
        async (r) => (await r.arrayBuffer(), r.status === 200 ? performance.now() - started : -1),
        () => -1,
      ),
    );
    await new Promise((r) => setTimeout(r, HEALTH_EVERY_MS));
  }
  const ms = await Promise.all(pending);
  const ok = ms.filter((m) => m >= 0).sort((a, b) => a - b);
  return {
    p50: q(ok, 0.5),
    p99: q(ok, 0.99),
    max: ok.at(-1) ?? NaN,
    timeouts: ms.length - ok.length,
    n: ms.length,
  };
}

/** SOCKETS operator sockets resyncing from 0 back to back while health is sampled. */
async function underLoad(server: TestServer) {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'operator', password: DEMO_PASSWORD }),
  });
  const { token } = (await login.json()) as LoginResult;
  const sockets = await Promise.all(
    Array.from(
      { length: SOCKETS },
      () =>
        new Promise<Client>((resolve, reject) => {
          const s: Client = connect(server.url, {
            auth: { token },
            transports: ['websocket'],
            reconnection: false,
          });
          s.once('connect', () => resolve(s));
          s.once('connect_error', reject);
        }),
    ),
  );
  let stop = false;
  const answered = { synced: 0, refused: 0, failed: 0 };
  const failures: Record<string, number> = {};
  const loops = sockets.map(async (s) => {
    while (!stop) {
      const r = await new Promise<AckResult<SyncResult> | null>((resolve) => {
        s.timeout(HEALTH_GIVE_UP_MS).emit('grievance:sync', 0, (err, res) =>
          resolve(err ? null : res),
        );
      });
      const failed = (code: string) => {
        answered.failed++;
        failures[code] = (failures[code] ?? 0) + 1;
      };
      if (!r) failed('timeout');
      else if ('data' in r) answered.synced++;
      else if (r.error.code === 'rate_limited') {
        answered.refused++;
        await new Promise((resolve) => setTimeout(resolve, 100)); // a client backing off a little
      } else failed(r.error.code);
    }
  });
  const health = await sampleHealth(server.url, SECONDS);
  stop = true;
  await Promise.all(loops);
  sockets.forEach((s) => s.close());
  return { health, ...answered, failures };
}

const fmt = (h: Health) =>
  `p50 ${h.p50.toFixed(0)} ms · p99 ${h.p99.toFixed(0)} ms · max ${h.max.toFixed(0)} ms · ` +
  `${h.timeouts}/${h.n} timed out`;

const base = { SEED_HISTORY_DAYS: '90' };
const runs: [string, Record<string, string>][] = [
  ['as configured', {}],
  ['per-user rate raised', { SYNC_PER_MINUTE: '1000000', SYNC_BURST: '100000' }],
];
const engine = values.engine === 'pglite' ? 'pglite' : 'default';
for (const [label, env] of runs) {
  const server = await startTestServer({ engine, env: { ...base, ...env } });
  try {
    const [row] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
    const n = row!.n;
    const idle = await sampleHealth(server.url, 3);
    const loaded = await underLoad(server);
    console.log(
      `${server.db.engine}, ${n} events, ${SOCKETS} operator sockets × sync(0), ${label}:\n` +
        `  /api/health unloaded (baseline): ${fmt(idle)}\n` +
        `  /api/health under load:          ${fmt(loaded.health)}\n` +
        `  syncs answered ${loaded.synced}, refused ${loaded.refused}, failed ${loaded.failed} ${JSON.stringify(loaded.failures)} in ${SECONDS} s`,
    );
  } finally {
    await server.close();
  }
}
process.exit(0);
