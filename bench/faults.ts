// Faults under load: nothing acknowledged is lost, the server recovers by itself, dashboards
// catch up. Each scenario runs real server processes (server/index.ts) and prints what was
// acknowledged, what was stored, what the dashboards hold, and how clients were answered.
//   npx tsx bench/faults.ts --scenario pg-restart   [--rate 500] [--seconds 20] [--down 0]
//   npx tsx bench/faults.ts --scenario sigkill      [--rate 200] [--seconds 15] [--engine postgres|pglite]
//   npx tsx bench/faults.ts --scenario two-processes [--rate 200] [--seconds 15]
//   npx tsx bench/faults.ts --scenario soak         [--rate 100] [--clients 200] [--minutes 10]
// pg-restart makes a PostgreSQL cluster of its own (pg_createcluster 15 faults, port 5433) and
// restarts it with pg_ctlcluster mid-ingest (with --down N: stops it, waits N s, starts it, so the
// outage outlasts DB_CONNECT_TIMEOUT_MS); it drops the cluster at the end. The others use
// DATABASE_URL (default: the local server) with a throwaway database; two-processes needs Redis.
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { openDb } from '../server/db.ts';
import {
  allConnected,
  dashboard,
  login,
  pacedSender,
  roundRobinProxy,
  rssMb,
  sleep,
  startServerProcess,
  tally,
  type Answer,
  type Dashboard,
} from './lib/fault-kit.ts';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'sigkill' },
    rate: { type: 'string' },
    seconds: { type: 'string' },
    clients: { type: 'string' },
    minutes: { type: 'string', default: '10' },
    engine: { type: 'string', default: 'postgres' },
    down: { type: 'string', default: '0' },
  },
});
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const silent = pino({ level: 'silent' });
const run = crypto.randomBytes(3).toString('hex');

/** A throwaway database on the server of `adminUrl`, with PostGIS. */
async function throwawayDb(adminUrl: string) {
  const name = `licheng_faults_${run}`;
  const admin = await openDb({ databaseUrl: adminUrl, dataDir: '', logger: silent, poolSize: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.close();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const db = await openDb({ databaseUrl: adminUrl, dataDir: '', logger: silent, poolSize: 1 });
      await db.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await db.close();
    },
  };
}

/** The event ids stored for this run's reports, by report number. */
async function storedReports(databaseUrl: string): Promise<Map<number, number>> {
  const db = await openDb({ databaseUrl, dataDir: '', logger: silent, poolSize: 1 });
  const rows = await db.query<{ id: number; key: string }>(
    `SELECT id::int AS id, idempotency_key AS key FROM events WHERE description LIKE $1`,
    [`fault-${run} %`],
  );
  await db.close();
  return new Map(rows.map((r) => [Number(r.key.split('-').pop()), r.id]));
}

async function allEventIds(databaseUrl: string): Promise<Set<number>> {
  const db = await openDb({ databaseUrl, dataDir: '', logger: silent, poolSize: 1 });
  const rows = await db.query<{ id: number }>('SELECT id::int AS id FROM events');
  await db.close();
  return new Set(rows.map((r) => r.id));
}

/** What was acknowledged against what was stored. */
function lossReport(answers: Answer[], stored: Map<number, number>) {
  const acked = answers.filter((a) => a.status === 201 || a.status === 200);
  const lost = acked.filter((a) => !stored.has(a.i)).map((a) => a.i);
  return { sent: answers.length, acked: acked.length, stored: stored.size, lostAcked: lost.length };
}

/** Waits (up to 60 s) for every dashboard to hold every stored event; reports who is missing what. */
async function catchUp(dashboards: Dashboard[], expected: Set<number>) {
  const started = performance.now();
  const missing = () => dashboards.map((d) => [...expected].filter((id) => !d.ids.has(id)).length);
  while (missing().some((n) => n > 0) && performance.now() - started < 60_000) await sleep(200);
  await Promise.all(dashboards.map((d) => d.synced()));
  const m = missing();
  return {
    dashboards: dashboards.length,
    complete: m.filter((n) => n === 0).length,
    mostMissing: Math.max(0, ...m),
    catchUpMs: Math.round(performance.now() - started),
    reconnected: dashboards.filter((d) => d.disconnects > 0).length,
  };
}

/** When answers other than acknowledgements happened, and how long after the fault. */
function outage(answers: Answer[], faultAtMs: number) {
  const bad = answers.filter((a) => a.status !== 201 && a.status !== 200);
  if (bad.length === 0) return { firstBadMs: null, lastBadMs: null, recoveredAfterFaultMs: null };
  const last = Math.max(...bad.map((a) => a.at + a.ms));
  const firstGoodAfter = answers
    .filter((a) => (a.status === 201 || a.status === 200) && a.at > last - 1)
    .reduce((m, a) => Math.min(m, a.at + a.ms), Infinity);
  return {
    firstBadMs: Math.round(Math.min(...bad.map((a) => a.at)) - faultAtMs),
    lastBadMs: Math.round(last - faultAtMs),
    recoveredAfterFaultMs: Number.isFinite(firstGoodAfter)
      ? Math.round(firstGoodAfter - faultAtMs)
      : null,
  };
}

async function pgRestart() {
  const rate = Number(values.rate ?? 500);
  const seconds = Number(values.seconds ?? 20);
  const cluster = ['15', 'faults'];
  const port = 5433;
  execFileSync(
    'pg_createcluster',
    [...cluster, '-p', String(port), '--start', '--', '-A', 'trust'],
    {
      stdio: 'ignore',
    },
  );
  try {
    const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const admin = await openDb({ databaseUrl: adminUrl, dataDir: '', logger: silent });
    await admin.query('CREATE DATABASE faults');
    await admin.close();
    const databaseUrl = `postgres://postgres@127.0.0.1:${port}/faults`;
    const init = await openDb({ databaseUrl, dataDir: '', logger: silent });
    await init.query('CREATE EXTENSION postgis');
    await init.close();
    const server = await startServerProcess({ DATABASE_URL: databaseUrl });
    const sender = pacedSender(() => server.url, run, rate);
    const faultAt = 5_000;
    await sleep(faultAt);
    const restartStarted = performance.now();
    const ctl = (action: string) =>
      execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', ...cluster, action], {
        stdio: 'ignore',
      });
    const down = Number(values.down);
    if (down > 0) {
      ctl('stop');
      await sleep(down * 1000);
      ctl('start');
    } else ctl('restart');
    const restartMs = Math.round(performance.now() - restartStarted);
    await sleep(seconds * 1000 - faultAt - restartMs);
    const answers = await sender.stop();
    const alive = server.child.exitCode === null && server.child.signalCode === null;
    const health = await fetch(`${server.url}/api/health`)
      .then((r) => r.status)
      .catch(() => 'no answer');
    const stored = await storedReports(databaseUrl);
    await server.kill();
    return {
      scenario: `PostgreSQL ${down > 0 ? `stopped for ${down} s` : 'restarted'} mid-ingest at ${rate} events/s (back after ${restartMs} ms)`,
      ...lossReport(answers, stored),
      answers: tally(answers),
      ...outage(answers, faultAt),
      serverAlive: alive,
      healthAfter: health,
    };
  } finally {
    execFileSync('pg_dropcluster', [...cluster, '--stop'], { stdio: 'ignore' });
  }
}

async function sigkill() {
  const rate = Number(values.rate ?? 200);
  const seconds = Number(values.seconds ?? 15);
  const clients = Number(values.clients ?? 20);
  const pglite = values.engine === 'pglite';
  const db = pglite ? null : await throwawayDb(ADMIN_URL);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'licheng-faults-'));
  const env = pglite ? { DATA_DIR: dataDir, DATABASE_URL: undefined } : { DATABASE_URL: db!.url };
  try {
    let server = await startServerProcess(env);
    const port = String(server.port);
    const token = await login(server.url);
    const dashboards = Array.from({ length: clients }, () => dashboard(server.url, token));
    await allConnected(dashboards);
    const sender = pacedSender(() => server.url, run, rate);
    const faultAt = 5_000;
    await sleep(faultAt);
    await server.kill('SIGKILL');
    const restartStarted = performance.now();
    server = await startServerProcess({ ...env, PORT: port });
    const restartMs = Math.round(performance.now() - restartStarted);
    await sleep(Math.max(0, seconds * 1000 - faultAt - restartMs));
    const answers = await sender.stop();
    // the embedded engine is read through the server (one process per data directory)
    const stored = pglite ? await storedViaApi(server.url) : await storedReports(db!.url);
    const expected = pglite ? new Set(stored.values()) : await allEventIds(db!.url);
    const caught = await catchUp(dashboards, expected);
    dashboards.forEach((d) => d.close());
    await server.kill();
    return {
      scenario: `server SIGKILLed mid-ingest at ${rate} events/s and restarted (${pglite ? 'embedded PGlite' : 'PostgreSQL'}; up again in ${restartMs} ms)`,
      ...lossReport(answers, stored),
      answers: tally(answers),
      ...caught,
    };
  } finally {
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** This run's stored reports, read through the API as the district admin (embedded engine). */
async function storedViaApi(url: string): Promise<Map<number, number>> {
  const token = await login(url, 'district');
  const res = await fetch(`${url}/api/events?limit=1000&category=other`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const events = (await res.json()) as { id: number; description: string }[];
  if (events.length >= 1000) throw new Error('more than 1,000 events: lower --rate or --seconds');
  return new Map(
    events
      .filter((e) => e.description.startsWith(`fault-${run} `))
      .map((e) => [Number(e.description.split(' ')[2]), e.id]),
  );
}

async function twoProcesses() {
  const rate = Number(values.rate ?? 200);
  const seconds = Number(values.seconds ?? 15);
  const clients = Number(values.clients ?? 40);
  const db = await throwawayDb(ADMIN_URL);
  try {
    const env = { DATABASE_URL: db.url, REDIS_URL };
    const first = await startServerProcess(env);
    const second = await startServerProcess(env);
    const live = new Set([first.port, second.port]);
    const proxy = await roundRobinProxy(() => [...live]);
    const token = await login(proxy.url);
    const dashboards = Array.from({ length: clients }, () => dashboard(proxy.url, token));
    await allConnected(dashboards);
    const sender = pacedSender(() => proxy.url, run, rate);
    const faultAt = 5_000;
    await sleep(faultAt);
    live.delete(first.port); // the balancer's health check would drop it; the kill is abrupt
    await first.kill('SIGKILL');
    await sleep(seconds * 1000 - faultAt);
    const answers = await sender.stop();
    const stored = await storedReports(db.url);
    const caught = await catchUp(dashboards, await allEventIds(db.url));
    dashboards.forEach((d) => d.close());
    await proxy.close();
    await second.kill();
    return {
      scenario: `two processes behind a round-robin TCP proxy (websocket only), Redis adapter; one SIGKILLed mid-run at ${rate} events/s`,
      ...lossReport(answers, stored),
      answers: tally(answers),
      ...caught,
    };
  } finally {
    await db.drop();
  }
}

async function soak() {
  const rate = Number(values.rate ?? 100);
  const clients = Number(values.clients ?? 200);
  const minutes = Number(values.minutes);
  const db = await throwawayDb(ADMIN_URL);
  try {
    const server = await startServerProcess({ DATABASE_URL: db.url });
    const token = await login(server.url);
    // the dashboards in their own process, as in bench/fanout.ts
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/lib/fanout-clients.ts',
        server.url,
        String(clients),
        'grievance:reported',
        token,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const next = async () =>
      JSON.parse((await lines.next()).value as string) as Record<string, unknown>;
    await next(); // ready
    const rows = [];
    const sender = pacedSender(() => server.url, run, rate);
    let from = 0;
    child.stdin!.write('start\n');
    await next();
    for (let minute = 1; minute <= minutes; minute++) {
      await sleep(60_000);
      child.stdin!.write('mark\n');
      const received = (await next()) as { count: number; p50: number; p99: number };
      const answers = sender.answers.slice(from);
      from = sender.answers.length;
      const t = tally(answers);
      rows.push({
        minute,
        acked: (t.counts['201'] ?? 0) + (t.counts['200'] ?? 0),
        'other answers': answers.length - ((t.counts['201'] ?? 0) + (t.counts['200'] ?? 0)),
        'intake p99 ms': t.p99,
        delivered: received.count,
        'live p50 ms': +received.p50.toFixed(1),
        'live p99 ms': +received.p99.toFixed(1),
        'server RSS MB': await rssMb(server.child.pid!),
      });
      console.log(JSON.stringify(rows.at(-1)));
    }
    const answers = await sender.stop();
    child.stdin!.write('stop\n');
    await next();
    const stored = await storedReports(db.url);
    await server.kill();
    console.table(rows);
    return {
      scenario: `soak: ${minutes} min at ${rate} events/s with ${clients} dashboards`,
      ...lossReport(answers, stored),
      answers: tally(answers),
    };
  } finally {
    await db.drop();
  }
}

const SCENARIOS: Record<string, () => Promise<Record<string, unknown>>> = {
  'pg-restart': pgRestart,
  sigkill,
  'two-processes': twoProcesses,
  soak,
};
const scenario = SCENARIOS[values.scenario];
if (!scenario) {
  console.error(`--scenario: expected one of ${Object.keys(SCENARIOS).join(', ')}`);
  process.exit(2);
}
console.log(JSON.stringify(await scenario(), null, 2));
process.exit(0);
