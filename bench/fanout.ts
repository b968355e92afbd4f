// Live fan-out: intake → stored → routed → received by N dashboard clients (operator, district
// room), p50/p99 latency and deliveries/s at a controlled rate, beside a bare Socket.IO room
// broadcast of the same payload to the same number of clients at the same rate, in the same run.
//   npx tsx bench/fanout.ts [--rates 50,200] [--clients 50,200] [--seconds 5]
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import type { LoginResult } from '../common/auth.ts';
import type { GrievanceEvent } from '../common/grievances.ts';
import { DEMO_PASSWORD } from '../server/auth/auth-queries.ts';
import { DEMO_INTEGRATION_API_KEY } from '../server/config.ts';
import { startTestServer } from '../test/helpers/test-server.ts';

const { values } = parseArgs({
  options: {
    rates: { type: 'string', default: '50,200' },
    clients: { type: 'string', default: '50,200' },
    seconds: { type: 'string', default: '5' },
  },
});
const RATES = values.rates.split(',').map(Number);
const CLIENTS = values.clients.split(',').map(Number);
const SECONDS = Number(values.seconds);
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';

type Result = { latencies: number[]; sent: number; ms: number };

function summarise(label: string, rate: number, clients: number, r: Result) {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const q = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return {
    path: label,
    'events/s': rate,
    clients,
    delivered: `${sorted.length}/${r.sent * clients}`,
    'deliveries/s': Math.round((sorted.length / r.ms) * 1000),
    'p50 ms': +q(0.5).toFixed(1),
    'p99 ms': +q(0.99).toFixed(1),
  };
}

async function openClients(url: string, n: number, token?: string) {
  return Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<Socket>((resolve, reject) => {
          const s = connect(url, {
            transports: ['websocket'],
            auth: token ? { token } : {},
            reconnection: false,
          });
          s.once('connect', () => resolve(s));
          s.once('connect_error', reject);
        }),
    ),
  );
}

// sends at a fixed rate for SECONDS, then waits for stragglers
async function paced(rate: number, send: (i: number) => Promise<void> | void) {
  const total = rate * SECONDS;
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inflight.push(Promise.resolve(send(i)));
  }
  await Promise.all(inflight);
  await new Promise((r) => setTimeout(r, 500));
  return { sent: total, ms: performance.now() - started };
}

const server = await startTestServer({ env: { SEED_DEMO_USERS: 'true' } });
const bare = http.createServer();
const bareIo = new Server(bare);
bareIo.on('connection', (s) => void s.join('district'));
await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
const login = await fetch(`${server.url}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'operator', password: DEMO_PASSWORD }),
});
const { token } = (await login.json()) as LoginResult;
const [compound] = await server.db.query<{ id: number }>(
  'SELECT id FROM compounds ORDER BY id LIMIT 1',
);

const rows = [];
try {
  for (const clients of CLIENTS) {
    for (const rate of RATES) {
      // ours: the full path, timestamp carried in the description
      const ours = await openClients(server.url, clients, token);
      const oursLat: number[] = [];
      for (const s of ours)
        s.on('grievance:reported', (e: GrievanceEvent) =>
          oursLat.push(performance.now() - Number(e.description.split(' ')[1])),
        );
      const o = await paced(rate, async (i) => {
        const res = await fetch(`${server.url}/api/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': DEMO_INTEGRATION_API_KEY },
          body: JSON.stringify({
            channel: 'hotline_12345',
            category: 'other',
            description: `bench ${performance.now()} ${i}`,
            location: { compoundId: compound!.id },
          }),
        });
        await res.arrayBuffer();
      });
      rows.push(
        summarise('ours: HTTP intake → PostGIS → rooms', rate, clients, {
          latencies: oursLat,
          ...o,
        }),
      );
      ours.forEach((s) => s.disconnect());

      // bare: the same payload shape broadcast to a room, no database
      const baseline = await openClients(bareUrl, clients);
      const bareLat: number[] = [];
      for (const s of baseline)
        s.on('grievance:reported', (e: { description: string }) =>
          bareLat.push(performance.now() - Number(e.description.split(' ')[1])),
        );
      const b = await paced(rate, (i) => {
        bareIo.to('district').emit('grievance:reported', {
          id: i,
          description: `bench ${performance.now()} ${i}`,
          category: 'other',
        });
      });
      rows.push(
        summarise('bare Socket.IO room broadcast', rate, clients, { latencies: bareLat, ...b }),
      );
      baseline.forEach((s) => s.disconnect());
    }
  }
} finally {
  await server.close();
  bareIo.close();
}
console.log(`\nlive fan-out, ${SECONDS} s per setting (PostgreSQL)`);
console.table(rows);
