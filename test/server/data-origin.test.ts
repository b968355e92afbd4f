import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Health } from '../../common/api.ts';
import type { LoginResult } from '../../common/auth.ts';
import { readGeodata } from '../../server/geodata-loader.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

// Data honesty: a database seeded with the synthetic geodata/ says so in every API answer and
// /api/health; production seeds nothing synthetic (only the boundaries and, if configured, the
// bootstrap admin); demonstration data never goes to a real platform as a property snapshot.

const geodata = readGeodata('geodata');
const ADMIN_PASSWORD = 'bootstrap-admin-password-1';

async function counts(server: TestServer): Promise<Record<string, number>> {
  const tables = [
    'district',
    'streets',
    'communities',
    'grids',
    'compounds',
    'enterprises',
    'stations',
    'owners_committees',
    'coverage_history',
    'cameras',
    'events',
    'users',
  ];
  const [row] = await server.db.query<Record<string, number>>(
    `SELECT ${tables.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`,
  );
  return row!;
}

describe('production', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: {
        NODE_ENV: 'production',
        SEED_HISTORY_DAYS: '30', // asked for, but production seeds no invented history
        BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('starts on empty registers plus the boundaries and one bootstrap admin', async () => {
    expect(await counts(server)).toEqual({
      district: 1,
      streets: geodata.streets.features.length,
      communities: geodata.communities.features.length,
      grids: geodata.grids.features.length,
      compounds: 0,
      enterprises: 0,
      stations: 0,
      owners_committees: 0,
      coverage_history: 0,
      cameras: 0,
      events: 0,
      users: 1,
    });
  });

  it('says its data are registers, in /api/health and the X-Data-Origin header', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.headers.get('x-data-origin')).toBe('registers');
    expect(((await res.json()) as Health).dataOrigin).toBe('registers');
  });

  it('lets the bootstrap admin log in as district admin; demo users do not exist', async () => {
    const login = (username: string, password: string) =>
      fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
    const admin = await login('admin', ADMIN_PASSWORD);
    expect(admin.status).toBe(200);
    expect(((await admin.json()) as LoginResult).user.role).toBe('district_admin');
    expect((await login('operator', 'licheng2024')).status).toBe(401);
  });
});

describe('development (demonstration data)', () => {
  let server: TestServer;
  beforeAll(async () => {
    // a "real" platform (nothing listens there): demonstration data must not be sent to it
    server = await startTestServer({
      env: { COMMAND_PLATFORM_URL: 'http://127.0.0.1:9/feed', FEED_POLL_MS: '20' },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('labels every API answer, errors included, as demonstration data', async () => {
    const health = await fetch(`${server.url}/api/health`);
    expect(health.headers.get('x-data-origin')).toBe('demonstration');
    expect(((await health.json()) as Health).dataOrigin).toBe('demonstration');
    const refused = await fetch(`${server.url}/api/committees`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-data-origin')).toBe('demonstration');
    expect((await counts(server)).compounds).toBe(geodata.compounds.features.length);
  });

  it('queues no property snapshot for a real platform', async () => {
    await new Promise((r) => setTimeout(r, 400)); // the worker's first rounds have run
    const rows = await server.db.query(
      "SELECT 1 FROM feed_outbox WHERE kind = 'property.snapshot'",
    );
    expect(rows).toEqual([]);
  });
});
