// The only door to the database, and the only file importing `pg`. With DATABASE_URL it talks to
// that PostgreSQL + PostGIS; without, it forks embedded PGlite + PostGIS (embedded-postgres.ts) and
// talks to it over a unix socket with the same `pg` client, so no other code can tell the engines
// apart.
//
// No database failure may end the process: every pg client gets an 'error' listener while it is
// checked out as well as idle, a broken connection is destroyed instead of reused, and failures
// of the connection itself reach callers as DatabaseUnavailableError (errors.ts answers 503).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Logger } from 'pino';
import type { DbEngine } from '../common/api.ts';
import type { EmbeddedMessage } from './embedded-postgres.ts';

export type Row = Record<string, unknown>;

/** What a transaction body gets: queries on the transaction's own connection. */
export type Queryable = {
  query<R extends Row = Row>(sql: string, params?: unknown[]): Promise<R[]>;
};

export type Db = Queryable & {
  engine: DbEngine;
  /** Runs fn in one transaction on one connection; commits if it resolves, rolls back if it throws. */
  withTransaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * The same database ahead of every queue (health, login, session checks): on the embedded
   * engine these go first in the line for its one connection, on PostgreSQL through a pool of their own.
   */
  priority: Db;
  /** the embedded engine's process id (tests kill it); undefined on PostgreSQL or while it restarts */
  embeddedPid(): number | undefined;
  close(): Promise<void>;
};

export type DbOptions = {
  databaseUrl?: string;
  dataDir: string; // embedded engine only
  logger: Logger;
  poolSize?: number; // postgres only
  /** postgres only: give up connecting after this long (then callers get a 503) */
  connectTimeoutMs?: number;
};

/** The connection failed (refused, reset, terminated, the engine restarting): callers answer 503. */
export class DatabaseUnavailableError extends Error {
  readonly code = '08006'; // SQLSTATE connection_failure, so errors.ts maps it with the others
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

const DEFAULTS = {
  poolSize: 10, // postgres: connections for ordinary queries
  priorityPoolSize: 2, // postgres: connections kept for health, login and session checks
  connectTimeoutMs: 5000, // postgres: a refused or silent server answers 503 within this
  embeddedStartTimeoutMs: 120_000, // first boot unpacks PostGIS: ≈10 s here, slower on a busy machine
  restartBackoffMs: [0, 1000, 2000, 5000, 10_000], // embedded engine re-forks, then every 10 s
};

type Priority = 'high' | 'normal';

/** A checked-out connection; release(err) destroys it when err says the connection is broken. */
type Lease = { client: pg.ClientBase; release(err?: unknown): void };
type Connector = {
  acquire(priority: Priority): Promise<Lease>;
  pid(): number | undefined;
  close(): Promise<void>;
};

/** Opens the database named by the options (see file comment). */
export async function openDb(options: DbOptions): Promise<Db> {
  const { databaseUrl, logger } = options;
  if (databaseUrl) {
    const connectionTimeoutMillis = options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs;
    const pools = {
      normal: new pg.Pool({
        connectionString: databaseUrl,
        max: options.poolSize ?? DEFAULTS.poolSize,
        connectionTimeoutMillis,
      }),
      high: new pg.Pool({
        connectionString: databaseUrl,
        max: DEFAULTS.priorityPoolSize,
        connectionTimeoutMillis,
      }),
    };
    return wrapConnector(poolConnector(pools, logger), 'postgres', logger);
  }
  const engine = new EmbeddedEngine(options.dataDir, logger);
  await engine.start();
  return wrapConnector(engine, 'pglite', logger);
}

function wrapConnector(connector: Connector, engine: DbEngine, logger: Logger): Db {
  const run = async <R extends Row>(client: pg.ClientBase, sql: string, params?: unknown[]) => {
    const started = performance.now();
    const result = await client.query<R>(sql, params).catch((err: unknown) => {
      throw isConnectionError(err) ? unavailable(err) : err;
    });
    // duration and row count only: parameters may carry personal data
    logger.debug(
      { ms: Math.round(performance.now() - started), rows: result.rowCount, sql: sql.slice(0, 80) },
      'query',
    );
    return result.rows;
  };

  const lane = (priority: Priority): Db => {
    const db: Db = {
      engine,
      async query<R extends Row>(sql: string, params?: unknown[]) {
        const lease = await connector.acquire(priority);
        try {
          const rows = await run<R>(lease.client, sql, params);
          lease.release();
          return rows;
        } catch (err) {
          lease.release(err);
          throw err;
        }
      },
      async withTransaction(fn) {
        const lease = await connector.acquire(priority);
        let failure: unknown;
        try {
          await run(lease.client, 'BEGIN');
          const result = await fn({ query: (sql, params) => run(lease.client, sql, params) });
          await run(lease.client, 'COMMIT');
          return result;
        } catch (err) {
          failure = err;
          if (!isConnectionError(err)) await lease.client.query('ROLLBACK').catch(() => {});
          throw err;
        } finally {
          lease.release(failure);
        }
      },
      get priority() {
        return high;
      },
      embeddedPid: () => connector.pid(),
      close: () => connector.close(),
    };
    return db;
  };
  const high = lane('high');
  return lane('normal');
}

function poolConnector(pools: Record<Priority, pg.Pool>, logger: Logger): Connector {
  for (const pool of Object.values(pools)) {
    // idle connections: the pool drops them and reconnects on next use
    pool.on('error', (err) => logger.warn({ err }, 'idle database connection failed'));
  }
  return {
    async acquire(priority) {
      const client = await pools[priority].connect().catch((err: unknown) => {
        throw unavailable(err);
      });
      // pg-pool listens for errors only on idle clients: a checked-out one needs its own listener,
      // or an error while we hold it (the server restarting mid-transaction) ends the process
      let broken: Error | undefined;
      const onError = (err: Error) => {
        broken = err;
        logger.warn({ err }, 'database connection failed while in use');
      };
      client.on('error', onError);
      return {
        client,
        release(err) {
          client.off('error', onError);
          const cause = broken ?? (isConnectionError(err) ? (err as Error) : undefined);
          client.release(cause); // with an error the pool destroys the connection
        },
      };
    },
    pid: () => undefined,
    async close() {
      await Promise.all([pools.normal.end(), pools.high.end()]);
    },
  };
}

/**
 * One holder at a time, high priority first. PGlite has a single backend, and its socket server
 * queues the protocol messages of all its connections in one line: two connections talking at once
 * interleave their extended-protocol messages (Parse/Bind/Execute/Sync) and the replies go astray
 * ("Received unexpected commandComplete message from backend"). So one connection, one user.
 */
class Gate {
  private held = false;
  private waiting: Record<Priority, (() => void)[]> = { high: [], normal: [] };

  async enter(priority: Priority): Promise<() => void> {
    if (this.held) await new Promise<void>((resolve) => this.waiting[priority].push(resolve));
    this.held = true;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const next = this.waiting.high.shift() ?? this.waiting.normal.shift();
      if (next) next();
      else this.held = false;
    };
  }
}

/**
 * The embedded engine: a forked child (embedded-postgres.ts) and our one connection to it. When
 * the child dies, or our connection to it breaks (a desynchronised protocol, which only a fresh
 * engine clears), the child is stopped and forked again on the same data directory; callers get
 * DatabaseUnavailableError meanwhile, at once rather than after a wait.
 */
class EmbeddedEngine implements Connector {
  private child: ChildProcess | undefined;
  private socketDir = '';
  private client: pg.Client | undefined;
  private state: 'starting' | 'up' | 'restarting' | 'closed' = 'starting';
  private restarts = 0;
  private readonly gate = new Gate();

  constructor(
    private readonly dataDir: string,
    private readonly logger: Logger,
  ) {}

  /** First start: failures are thrown (the server cannot start without its database). */
  async start() {
    await this.fork(undefined);
  }

  pid() {
    return this.state === 'up' ? this.child?.pid : undefined;
  }

  async acquire(priority: Priority): Promise<Lease> {
    const leave = await this.gate.enter(priority);
    try {
      if (this.state !== 'up') throw new DatabaseUnavailableError('The database is restarting');
      const client = this.client ?? (await this.connect());
      return {
        client,
        release: (err) => {
          if (isConnectionError(err)) this.recover(err);
          leave();
        },
      };
    } catch (err) {
      leave();
      throw err;
    }
  }

  async close() {
    const { child } = this;
    this.state = 'closed';
    await this.client?.end().catch(() => {});
    this.client = undefined;
    if (child) await stopChild(child);
  }

  // called inside the gate, so only ever one connection is opened at a time
  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      host: this.socketDir, // a directory: pg connects to <dir>/.s.PGSQL.<port>
      port: EMBEDDED_SOCKET_PORT,
      user: 'postgres',
      database: 'postgres',
    });
    client.on('error', (err) => {
      this.logger.error({ err }, 'embedded database connection failed');
      this.recover(err);
    });
    try {
      await client.connect();
    } catch (err) {
      this.recover(err);
      throw unavailable(err);
    }
    this.client = client;
    return client;
  }

  /** The connection is broken: drop it and restart the engine (the child's exit re-forks it). */
  private recover(err: unknown) {
    if (this.state !== 'up') return;
    this.logger.error({ err }, 'embedded database connection broken; restarting the engine');
    this.state = 'restarting';
    this.dropClient();
    if (this.child) void stopChild(this.child);
  }

  private dropClient() {
    const client = this.client;
    this.client = undefined;
    client?.end().catch(() => {});
  }

  private async fork(takeoverPid: number | undefined) {
    const script = fileURLToPath(new URL('./embedded-postgres.ts', import.meta.url));
    const started = performance.now();
    const args = [this.dataDir, ...(takeoverPid ? [String(takeoverPid)] : [])];
    const child: ChildProcess = fork(script, args, {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    // failed IPC sends and kills arrive here; the exit handler does the recovering
    child.on('error', (err) =>
      this.logger.warn({ err, pid: child.pid }, 'embedded database process'),
    );
    this.child = child;
    const ready = await new Promise<{ socketDir: string }>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(
          new Error(`embedded database did not start within ${DEFAULTS.embeddedStartTimeoutMs} ms`),
        );
      }, DEFAULTS.embeddedStartTimeoutMs);
      child.once('message', (m: EmbeddedMessage) => {
        clearTimeout(timer);
        if (m.type === 'ready') resolve(m);
        else reject(new Error(`embedded database failed to start: ${m.message}`));
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`embedded database exited during start (code ${code}, signal ${signal})`));
      });
    });
    if (this.state === 'closed') {
      await stopChild(child); // closed while it was starting
      return;
    }
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    this.socketDir = ready.socketDir;
    this.state = 'up';
    this.restarts = 0;
    this.logger.info(
      { dataDir: this.dataDir, pid: child.pid, ms: Math.round(performance.now() - started) },
      'embedded PostgreSQL + PostGIS ready',
    );
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null) {
    if (this.state === 'closed') return;
    this.logger.error({ pid: child.pid, code, signal }, 'embedded database exited; restarting it');
    this.state = 'restarting';
    this.dropClient();
    void this.refork(child.pid);
  }

  // the dead child's pid file is ours to take over (embedded-postgres.ts refuses any other live one)
  private async refork(deadPid: number | undefined) {
    while (this.state === 'restarting') {
      const backoff = DEFAULTS.restartBackoffMs;
      const delay = backoff[Math.min(this.restarts, backoff.length - 1)]!;
      this.restarts += 1;
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (this.state !== 'restarting') return;
      try {
        await this.fork(deadPid);
        return;
      } catch (err) {
        this.logger.error({ err, attempt: this.restarts }, 'embedded database restart failed');
      }
    }
  }
}

/** The port in the socket file's name (.s.PGSQL.5432); nothing listens on TCP. */
export const EMBEDDED_SOCKET_PORT = 5432;

function stopChild(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    // a child that just died may still look connected: a failed send then means kill
    // (without IPC it is already stopping on its own: it stops when its parent disconnects)
    if (child.connected) child.send({ type: 'stop' }, (err) => err && child.kill('SIGKILL'));
  });
}

const CONNECTION_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOENT', // the embedded engine's socket file is gone
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
// pg's own connection failures carry no code, only these messages
const CONNECTION_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Received unexpected|not queryable/i;

/**
 * Whether err means the connection (not the statement) failed: errnos, SQLSTATE class 08
 * (connection exception), 57P01–57P03 (admin/crash shutdown, cannot connect now), and pg's own.
 */
export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err instanceof DatabaseUnavailableError) return true;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (CONNECTION_ERRNOS.has(code) || code.startsWith('08')) return true;
    if (code === '57P01' || code === '57P02' || code === '57P03') return true;
  }
  return CONNECTION_MESSAGES.test(err.message);
}

function unavailable(err: unknown) {
  if (err instanceof DatabaseUnavailableError) return err;
  return new DatabaseUnavailableError('The database is unavailable; retry shortly', { cause: err });
}
