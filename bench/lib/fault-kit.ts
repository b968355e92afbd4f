// The parts of bench/faults.ts: real server processes (server/index.ts, as `npm start` runs it),
// a paced intake sender that records every answer, dashboards that resync like the client does,
// and a round-robin TCP proxy standing in for a load balancer in front of two processes.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import type { LoginResult } from '../../common/auth.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../common/events.ts';
import type { GrievanceEvent } from '../../common/grievances.ts';
import { DEMO_PASSWORD } from '../../server/auth/auth-queries.ts';
import { DEMO_INTEGRATION_API_KEY } from '../../server/config.ts';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const epochMs = () => performance.timeOrigin + performance.now();

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

export type ServerProcess = {
  url: string;
  port: number;
  child: ChildProcess;
  /** resolves when the process has exited */
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
};

/**
 * Starts server/index.ts (no simulators, no history) and waits for /api/health. An env value of
 * undefined removes the variable (e.g. DATABASE_URL for the embedded engine).
 */
export async function startServerProcess(
  env: Record<string, string | undefined>,
): Promise<ServerProcess> {
  const port = Number(env.PORT ?? (await freePort()));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SIMULATOR_EVENTS_PER_MINUTE: '0',
      PLATFORM_SIMULATOR: 'false',
      SEED_HISTORY_DAYS: '0',
      INTAKE_REQUESTS_PER_MINUTE: '1000000',
      LOGIN_ATTEMPTS_PER_MINUTE: '10000',
      ...env,
    },
    // BENCH_SERVER_LOGS=1 shows the servers' own log (pino writes to stdout)
    stdio: ['ignore', process.env.BENCH_SERVER_LOGS ? 'inherit' : 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited during start (${child.exitCode})`);
    const ok = await fetch(`${url}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error('server did not answer /api/health in 180 s');
    await sleep(250);
  }
  return {
    url,
    port,
    child,
    exited,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export async function login(url: string, username = 'operator'): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login as ${username} answered ${res.status}`);
  return ((await res.json()) as LoginResult).token;
}

export type Answer = {
  i: number;
  status: number | 'conn_error' | 'hang';
  ms: number;
  at: number;
  /** a connection error's code (ECONNRESET, ECONNREFUSED …) */
  error?: string;
};

/**
 * Sends intake at a steady rate until stopped: report i carries `fault-<run> <epoch ms> <i>` in its
 * description and the idempotency key `<run>-<i>`. Every answer is recorded; a request without
 * an answer after `hangMs` counts as a hang.
 */
export function pacedSender(url: () => string, run: string, rate: number, hangMs = 10_000) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  const answers: Answer[] = [];
  const inflight = new Set<Promise<void>>();
  let sent = 0;
  let stopped = false;
  const started = performance.now();
  const send = (i: number) => {
    const t0 = performance.now();
    const body = JSON.stringify({
      channel: 'hotline_12345',
      category: 'other',
      description: `fault-${run} ${Math.round(epochMs())} ${i}`,
      location: { compoundId: 1 + (i % 500) },
      idempotencyKey: `${run}-${i}`,
    });
    const p = new Promise<void>((resolve) => {
      let settled = false;
      const done = (status: Answer['status'], error?: string) => {
        if (settled) return;
        settled = true;
        answers.push({ i, status, ms: performance.now() - t0, at: t0 - started, error });
        resolve();
      };
      const req = http.request(
        `${url()}/api/events`,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'x-api-key': DEMO_INTEGRATION_API_KEY },
          timeout: hangMs,
        },
        (res) => {
          res.resume();
          res.on('end', () => done(res.statusCode ?? 0));
          res.on('error', () => done('conn_error'));
        },
      );
      req.on('timeout', () => {
        done('hang');
        req.destroy();
      });
      req.on('error', (err: NodeJS.ErrnoException) => done('conn_error', err.code ?? err.message));
      req.end(body);
    }).finally(() => inflight.delete(p));
    inflight.add(p);
  };
  const timer = setInterval(() => {
    if (stopped) return;
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    while (sent < due) send(sent++);
  }, 5);
  return {
    answers,
    get sent() {
      return sent;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all([...inflight]);
      agent.destroy();
      return answers;
    },
  };
}

export type Dashboard = {
  /** every event id this dashboard knows, live or from a resync */
  ids: Set<number>;
  disconnects: number;
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  /** resolves once a resync after the last (re)connect has finished */
  synced(): Promise<void>;
  close(): void;
};

/**
 * A dashboard as client/features/grievances/use-grievance-events.ts runs one: websocket, on every
 * (re)connect a resync from its cursor, page by page (retrying a refused page), live events
 * between. `url()` is asked at every reconnect, so a proxy or a restarted server is found again.
 */
export function dashboard(url: string, token: string): Dashboard {
  const ids = new Set<number>();
  let cursor = 0;
  let syncing: Promise<void> = Promise.resolve();
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, {
    transports: ['websocket'],
    auth: { token },
    reconnectionDelay: 200,
    reconnectionDelayMax: 2000,
  });
  // as the client: live events never move the cursor, only each resync's head
  const take = (e: GrievanceEvent) => ids.add(e.id);
  const sync = async () => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const answer = await socket
        .timeout(15_000)
        .emitWithAck('grievance:sync', cursor)
        .catch(() => null);
      if (answer && 'data' in answer) {
        answer.data.events.forEach(take);
        cursor = Math.max(cursor, answer.data.head);
        if (!answer.data.more) return;
        attempt = 0;
      } else {
        if (!socket.connected) return; // the next connect syncs again
        await sleep(250 + Math.random() * 500); // refused (rate, busy) or no answer: later
      }
    }
  };
  const d: Dashboard = {
    ids,
    disconnects: 0,
    socket,
    synced: () => syncing,
    close: () => socket.disconnect(),
  };
  socket.on('connect', () => {
    syncing = sync();
  });
  socket.on('disconnect', () => d.disconnects++);
  socket.on('grievance:reported', take);
  socket.on('grievance:updated', take);
  return d;
}

/** Resolves when every dashboard is connected. */
export async function allConnected(dashboards: Dashboard[], timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (dashboards.some((d) => !d.socket.connected)) {
    if (Date.now() > deadline) throw new Error('dashboards did not connect');
    await sleep(50);
  }
}

/**
 * A TCP round-robin proxy: each connection goes to the next backend that accepts it. With
 * websocket-only clients a socket is one TCP connection, so no stickiness is needed (README).
 */
export async function roundRobinProxy(backends: () => number[]) {
  let next = 0;
  const server = net.createServer((client) => {
    client.pause();
    const ports = backends();
    const tryAt = (k: number) => {
      if (k >= ports.length) return client.destroy();
      const port = ports[(next + k) % ports.length]!;
      const upstream = net.connect(port, '127.0.0.1');
      upstream.once('connect', () => {
        next = (next + k + 1) % Math.max(ports.length, 1);
        client.pipe(upstream).pipe(client);
        client.resume();
        const end = () => {
          client.destroy();
          upstream.destroy();
        };
        client.on('error', end);
        upstream.on('error', end);
        client.on('close', end);
        upstream.on('close', end);
      });
      upstream.once('error', () => tryAt(k + 1));
    };
    tryAt(0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

/** Counts of each answer, p50/p99 of the acknowledged ones, the slowest answer of any kind. */
export function tally(answers: Answer[]) {
  const counts: Record<string, number> = {};
  for (const a of answers) {
    const key = a.error ? `${a.status} ${a.error}` : String(a.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  const acked = answers
    .filter((a) => a.status === 201 || a.status === 200)
    .map((a) => a.ms)
    .sort((a, b) => a - b);
  const q = (p: number) => acked[Math.min(acked.length - 1, Math.floor(p * acked.length))] ?? NaN;
  return {
    counts,
    p50: +q(0.5).toFixed(1),
    p99: +q(0.99).toFixed(1),
    slowest: +Math.max(0, ...answers.map((a) => a.ms)).toFixed(0),
  };
}

/** RSS of a process in MB (Linux /proc). */
export async function rssMb(pid: number): Promise<number> {
  const fs = await import('node:fs/promises');
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return +(kb / 1024).toFixed(1);
}
