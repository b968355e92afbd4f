import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { LoginResult } from '../../common/auth.ts';
import type { GrievanceEvent } from '../../common/grievances.ts';
import { DEMO_PASSWORD } from '../../server/auth/auth-queries.ts';
import { DEMO_INTEGRATION_API_KEY, loadConfig, type Config } from '../../server/config.ts';
import { openDb, type Queryable } from '../../server/db.ts';
import { startServer, type RunningServer } from '../../server/start.ts';

// Tests run against a real database: with DATABASE_URL (CI) a throwaway database on that
// PostgreSQL + PostGIS server, created here and dropped after; without it, embedded PGlite +
// PostGIS in a throwaway directory (the default mode, as `npm start` uses it).

const silent = pino({ level: 'silent' });

export type TestDatabase = {
  databaseUrl: string | undefined;
  dataDir: string;
  drop(): Promise<void>;
};

/** A fresh empty database for one test file. */
export async function createTestDatabase(
  engine: 'default' | 'pglite' = 'default',
): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'licheng-test-'));
  const adminUrl = engine === 'pglite' ? undefined : process.env.DATABASE_URL;
  if (!adminUrl) {
    return {
      databaseUrl: undefined,
      dataDir,
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `licheng_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = await openDb({ databaseUrl: adminUrl, dataDir, logger: silent, poolSize: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.close();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    dataDir,
    async drop() {
      const db = await openDb({ databaseUrl: adminUrl, dataDir, logger: silent, poolSize: 1 });
      await db.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestServer = RunningServer & { config: Config };

export type TestServerOptions = {
  engine?: 'default' | 'pglite';
  /** share a database with another test server (two processes' worth of servers on one database) */
  database?: TestDatabase;
  /** fixed clock for "today" */
  now?: () => Date;
  env?: Record<string, string>;
};

/**
 * The real server (migrated, seeded from geodata/, serving dist/client) on a random port over a
 * throwaway database. close() stops it and drops the database.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const shared = options.database;
  const database = shared ?? (await createTestDatabase(options.engine));
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    // tests log in and report far faster than people do; test/server/rate-limits.test.ts sets its own
    LOGIN_ATTEMPTS_PER_MINUTE: '1000',
    INTAKE_REQUESTS_PER_MINUTE: '100000',
    // tests count the events they post; a test that wants history sets its own
    SEED_HISTORY_DAYS: '0',
    // no platform unless a test runs the simulator and sets COMMAND_PLATFORM_URL
    PLATFORM_SIMULATOR: 'false',
    DATA_DIR: database.dataDir,
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    ...options.env,
  });
  const server = await startServer(config, silent, options.now);
  return {
    ...server,
    config,
    async close() {
      await server.close();
      if (!shared) await database.drop();
    },
  };
}

/** Logs a demo user in (password DEMO_PASSWORD) and returns the session token. */
export async function loginAs(server: { url: string }, username: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login as ${username} answered ${res.status}`);
  return ((await res.json()) as LoginResult).token;
}

/** Reports an event through the machine intake (X-API-Key): category `other` unless given. */
export async function reportEvent(
  server: { url: string },
  fields: {
    description: string;
    location: { compoundId: number } | { lng: number; lat: number };
  } & Record<string, unknown>,
): Promise<GrievanceEvent> {
  const res = await fetch(`${server.url}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': DEMO_INTEGRATION_API_KEY },
    body: JSON.stringify({ channel: 'hotline_12345', category: 'other', ...fields }),
  });
  if (res.status !== 201) throw new Error(`report answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as GrievanceEvent;
}

/** A point inside a grid and at least 40 m from any of its compounds (routed to the grid alone). */
export async function pointInGrid(
  db: Queryable,
  gridCode: string,
): Promise<{ lng: number; lat: number }> {
  const [p] = await db.query<{ lng: number; lat: number }>(
    `SELECT ST_X(p) AS lng, ST_Y(p) AS lat FROM (
       SELECT ST_PointOnSurface(ST_Difference(g.geom, coalesce(
         (SELECT ST_Union(ST_Buffer(c.geom::geography, 40)::geometry) FROM compounds c WHERE c.grid_code = g.code),
         'POLYGON EMPTY'::geometry))) AS p
       FROM grids g WHERE g.code = $1) x`,
    [gridCode],
  );
  return p!;
}
