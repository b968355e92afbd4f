// Live fan-out: intake → stored → routed → received by N dashboard clients (operator, district
// room), p50/p99 latency and deliveries/s at a controlled rate, beside a bare Socket.IO room
// broadcast of the same payload to the same number of clients at the same rate, in the same run.
// The clients live in another process (bench/lib/fanout-clients.ts), as dashboards do, so the
// server's event loop is its own; events go in through HTTP with kept-alive sockets.
//   npx tsx bench/fanout.ts [--rates 50,200,500,1000] [--clients 50,200,500] [--seconds 5]
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { Server } from 'socket.io';
import type { LoginResult } from '../common/auth.ts';
import type { GrievanceEvent } from '../common/grievances.ts';
import { DEMO_PASSWORD } from '../server/auth/auth-queries.ts';
import { DEMO_INTEGRATION_API_KEY } from '../server/config.ts';
import { broadcastEvent } from '../server/grievances/grievances-socket.ts';
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

const now = () => performance.timeOrigin + performance.now(); // epoch ms, comparable across processes

type Received = { count: number; p50: number | null; p99: number | null };

function summarise(
  label: string,
  rate: number,
  clients: number,
  r: Received,
  sent: number,
  ms: number,
) {
  return {
    path: label,
    'events/s': rate,
    clients,
    delivered: `${r.count}/${sent * clients}`,
    'deliveries/s': Math.round((r.count / ms) * 1000),
    'p50 ms': r.p50 === null ? NaN : +r.p50.toFixed(1),
    'p99 ms': r.p99 === null ? NaN : +r.p99.toFixed(1),
  };
}

/** N clients in a child process; resolves once they are all connected. */
async function clientProcess(url: string, n: number, event: string, token?: string) {
  const child = spawn(process.execPath, [
    '--import',
    'tsx',
    'bench/lib/fanout-clients.ts',
    url,
    String(n),
    event,
    ...(token ? [token] : []),
  ]);
  child.stderr.pipe(process.stderr);
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () =>
    JSON.parse((await lines.next()).value as string) as Record<string, unknown>;
  await next(); // {ready}
  return {
    async start() {
      child.stdin.write('start\n');
      await next(); // {recording}: nothing sent before counts as lost
    },
    async stop(): Promise<Received> {
      child.stdin.write('stop\n');
      return (await next()) as Received;
    },
    child: child as ChildProcessWithoutNullStreams,
  };
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
  const ms = performance.now() - started;
  await new Promise((r) => setTimeout(r, 1000));
  return { sent: total, ms };
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
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const report = (body: string) =>
  new Promise<void>((resolve, reject) => {
    const req = http.request(
      `${server.url}/api/events`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'x-api-key': DEMO_INTEGRATION_API_KEY },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 201
            ? resolve()
            : reject(new Error(`intake answered ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });

// one real event as broadcast (reporter masked), for the bare baseline's payload
await report(
  JSON.stringify({
    channel: 'hotline_12345',
    category: 'other',
    description: 'bench template',
    location: { compoundId: compound!.id },
    reporter: { name: '张三', phone: '13800000000' },
  }),
);
const [template] = (await (
  await fetch(`${server.url}/api/events?limit=1`, { headers: { authorization: `Bearer ${token}` } })
).json()) as Record<string, unknown>[];
const rows = [];
try {
  for (const clients of CLIENTS) {
    for (const rate of RATES) {
      // ours: the full path, the send time carried in the description
      const ours = await clientProcess(server.url, clients, 'grievance:reported', token);
      await ours.start();
      const o = await paced(rate, (i) =>
        report(
          JSON.stringify({
            channel: 'hotline_12345',
            category: 'other',
            description: `bench ${now()} ${i}`,
            location: { compoundId: compound!.id },
          }),
        ),
      );
      rows.push(
        summarise(
          'ours: HTTP intake → PostGIS → rooms',
          rate,
          clients,
          await ours.stop(),
          o.sent,
          o.ms,
        ),
      );

      // ours without intake: the same clients of our server, the same payload emitted straight
      // to the event's rooms (broadcastEvent), to tell the broadcast's cost from the intake's
      const direct = await clientProcess(server.url, clients, 'grievance:reported', token);
      await direct.start();
      const d = await paced(rate, (i) => {
        broadcastEvent(
          server.io,
          { ...(template as unknown as GrievanceEvent), id: i, description: `bench ${now()} ${i}` },
          true,
        );
      });
      rows.push(
        summarise(
          'ours, broadcast only (no intake)',
          rate,
          clients,
          await direct.stop(),
          d.sent,
          d.ms,
        ),
      );

      // bare: the same payload shape broadcast to a room, no database
      const baseline = await clientProcess(bareUrl, clients, 'grievance:reported');
      await baseline.start();
      const b = await paced(rate, (i) => {
        // the same payload as ours: a stored event as the server broadcasts it
        bareIo.to('district').emit('grievance:reported', {
          ...template,
          id: i,
          description: `bench ${now()} ${i}`,
        });
      });
      rows.push(
        summarise(
          'bare Socket.IO room broadcast',
          rate,
          clients,
          await baseline.stop(),
          b.sent,
          b.ms,
        ),
      );
      console.log(JSON.stringify(rows.slice(-3)));
    }
  }
} finally {
  agent.destroy();
  await server.close();
  bareIo.close();
}
console.log(`\nlive fan-out, ${SECONDS} s per setting, clients in another process (PostgreSQL)`);
console.table(rows);
