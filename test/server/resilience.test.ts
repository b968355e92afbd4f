import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INTEGRATION_API_KEY } from '../../server/config.ts';
import { DatabaseUnavailableError, openDb } from '../../server/db.ts';
import { toAppError } from '../../server/errors.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

// the server survives its database: a killed embedded engine is restarted, requests meanwhile
// get a clear 503, and nothing answered 201 is lost.

const postEvent = (url: string, n: number) =>
  fetch(`${url}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': DEMO_INTEGRATION_API_KEY },
    body: JSON.stringify({
      channel: 'libianmin',
      category: 'sanitation',
      description: `resilience ${n}`,
      location: { compoundId: 1 + (n % 500) },
    }),
  }).then(
    async (r) => ({
      status: r.status,
      body: (await r.json()) as { id?: number; error?: { code: string } },
    }),
    () => ({ status: 0, body: {} }),
  );

describe('embedded engine killed mid-load', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ engine: 'pglite' });
  }, 120_000);
  afterAll(async () => server?.close());

  it('keeps serving, answers 503 meanwhile, recovers and keeps every event it answered 201', async () => {
    const pid = server.db.embeddedPid()!;
    const results: { status: number; body: { id?: number; error?: { code: string } } }[] = [];
    let n = 0;
    const load = async (until: () => boolean) => {
      while (!until()) results.push(await postEvent(server.url, n++));
    };
    let stop = false;
    const workers = Array.from({ length: 8 }, () => load(() => stop));
    await new Promise((r) => setTimeout(r, 500));
    process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 1500));
    stop = true;
    await Promise.all(workers);
    const statuses = new Set(results.map((r) => r.status));
    expect([...statuses].every((s) => s === 201 || s === 503)).toBe(true);
    expect(
      results.filter((r) => r.status === 503).every((r) => r.body.error?.code === 'unavailable'),
    ).toBe(true);
    expect(results.some((r) => r.status === 503)).toBe(true);
    let health = 0;
    for (let i = 0; i < 120 && health !== 200; i++) {
      health = (await fetch(`${server.url}/api/health`)).status;
      if (health !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect(health).toBe(200);
    const created = results.filter((r) => r.status === 201).map((r) => r.body.id!);
    const [row] = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM events WHERE id = ANY($1)',
      [created],
    );
    expect(row!.n).toBe(created.length);
    expect(server.db.embeddedPid()).not.toBe(pid);
  }, 120_000);
});

// protocol 3.0, user=postgres, database=postgres
const STARTUP_MESSAGE = (() => {
  const body = Buffer.from('\0\x03\0\0user\0postgres\0database\0postgres\0\0', 'latin1');
  const len = Buffer.alloc(4);
  len.writeInt32BE(body.length + 4);
  return Buffer.concat([len, body]);
})();

describe('embedded engine socket', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ engine: 'pglite' });
  }, 120_000);
  afterAll(async () => server?.close());

  it('listens on a unix socket only its owner can reach, in a 0700 directory, and on no TCP port', async () => {
    const dir = path.join(server.config.dataDir, 'socket');
    const socketPath = path.join(dir, '.s.PGSQL.5432');
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(socketPath).isSocket()).toBe(true);
    expect(fs.statSync(socketPath).mode & 0o777).toBe(0o600);
    // the engine's own sockets: none of them is a TCP listener
    const pid = server.db.embeddedPid()!;
    const inodes = fs
      .readdirSync(`/proc/${pid}/fd`)
      .map((fd) => fs.readlinkSync(`/proc/${pid}/fd/${fd}`, { encoding: 'utf8' }))
      .flatMap((link) => /^socket:\[(\d+)\]$/.exec(link)?.[1] ?? []);
    const listening = ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((f) =>
      fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .slice(1)
        .map((line) => line.trim().split(/\s+/))
        .filter((cols) => cols[3] === '0A')
        .map((cols) => cols[9]),
    );
    expect(inodes.length).toBeGreaterThan(0);
    expect(inodes.filter((i) => listening.includes(i))).toEqual([]);
  });

  it('closes a second connection unanswered while the server holds its one', async () => {
    await server.db.query('SELECT 1');
    const socketPath = path.join(server.config.dataDir, 'socket', '.s.PGSQL.5432');
    // dropped before a byte is read: closed or reset, depending on timing
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      const s = net.connect(socketPath, () => s.write(STARTUP_MESSAGE));
      s.on('data', (d) => (text += d.toString()));
      s.on('close', () => resolve(text));
      s.on('error', () => {});
    });
    expect(answer).toBe('');
    expect(await server.db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});

describe('PostgreSQL down', () => {
  it('fails a query at once with a 503 unavailable when the server refuses connections', async () => {
    const db = await openDb({
      databaseUrl: 'postgres://postgres@127.0.0.1:1/none',
      dataDir: os.tmpdir(),
      logger: pino({ level: 'silent' }),
      connectTimeoutMs: 1000,
    });
    const started = performance.now();
    const err = await db.query('SELECT 1').catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect(toAppError(err)).toMatchObject({ status: 503, code: 'unavailable' });
    await db.close();
  });

  it('maps connection-class errors to 503 and statement errors not', () => {
    for (const code of [
      'ECONNREFUSED',
      'ECONNRESET',
      '57P01',
      '57P02',
      '57P03',
      '08006',
      '08001',
    ]) {
      expect(toAppError(Object.assign(new Error('x'), { code }))?.status, code).toBe(503);
    }
    expect(toAppError(Object.assign(new Error('x'), { code: '57014' }))).toBeNull();
    expect(toAppError(Object.assign(new Error('x'), { code: '23505' }))?.status).toBe(409);
  });
});
