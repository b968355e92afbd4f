// The only door to the database, and the only file importing `pg`. With DATABASE_URL it talks to
// that PostgreSQL + PostGIS; without, it forks embedded PGlite + PostGIS (embedded-postgres.ts) and
// talks to it over loopback with the same `pg` client, so no other code can tell the engines apart.
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
  close(): Promise<void>;
};

export type DbOptions = {
  databaseUrl?: string;
  dataDir: string; // embedded engine only
  logger: Logger;
  poolSize?: number; // postgres only
};

const EMBEDDED_START_TIMEOUT_MS = 120_000; // first boot unpacks PostGIS: ≈10 s here, slower on a busy machine

/** Opens the database named by the options (see file comment). */
export async function openDb(options: DbOptions): Promise<Db> {
  const { databaseUrl, logger } = options;
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
    return wrapPool(pool, 'postgres', logger, async () => {});
  }
  const child = await startEmbedded(options.dataDir, logger);
  // one connection: PGlite has a single backend, and its socket server interleaves the extended-
  // protocol messages of concurrent connections, so more connections would not add throughput.
  const pool = new pg.Pool({
    host: '127.0.0.1',
    port: child.port,
    user: 'postgres',
    database: 'postgres',
    max: 1,
  });
  return wrapPool(pool, 'pglite', logger, child.stop);
}

function wrapPool(
  pool: pg.Pool,
  engine: DbEngine,
  logger: Logger,
  stopEngine: () => Promise<void>,
): Db {
  // a dropped idle connection must not crash the process; the pool reconnects on next use
  pool.on('error', (err) => logger.warn({ err }, 'idle database connection failed'));

  const run = async <R extends Row>(
    client: pg.Pool | pg.PoolClient,
    sql: string,
    params?: unknown[],
  ) => {
    const started = performance.now();
    const result = await client.query<R>(sql, params);
    // duration and row count only: parameters may carry personal data
    logger.debug(
      { ms: Math.round(performance.now() - started), rows: result.rowCount, sql: sql.slice(0, 80) },
      'query',
    );
    return result.rows;
  };

  return {
    engine,
    query: (sql, params) => run(pool, sql, params),
    async withTransaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: (sql, params) => run(client, sql, params) });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
      await stopEngine();
    },
  };
}

async function startEmbedded(dataDir: string, logger: Logger) {
  const script = fileURLToPath(new URL('./embedded-postgres.ts', import.meta.url));
  const started = performance.now();
  const child: ChildProcess = fork(script, [dataDir], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`embedded database did not start within ${EMBEDDED_START_TIMEOUT_MS} ms`)),
      EMBEDDED_START_TIMEOUT_MS,
    );
    child.once('message', (m: EmbeddedMessage) => {
      clearTimeout(timer);
      if (m.type === 'ready') resolve(m.port);
      else reject(new Error(`embedded database failed to start: ${m.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded database exited during start (code ${code})`));
    });
  });
  logger.info(
    { dataDir, port, ms: Math.round(performance.now() - started) },
    'embedded PostgreSQL + PostGIS ready',
  );

  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.send({ type: 'stop' });
    });
  return { port, stop };
}
