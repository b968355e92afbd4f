import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../common/errors.ts';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-server.ts';

// Every request has an id: the caller's X-Request-Id when it is a safe short token, else a new
// UUID; echoed in the answer's header, in every error body and in the request's log line.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type LogLine = {
  level: number;
  msg: string;
  requestId?: string;
  req?: Record<string, unknown>;
  res?: { statusCode: number };
};
const lines: LogLine[] = [];
const capture = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      lines.push(JSON.parse(line) as LogLine);
    }
    done();
  },
});

let database: TestDatabase;
let server: RunningServer;
beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'debug',
    NODE_ENV: 'test',
    LOGIN_ATTEMPTS_PER_MINUTE: '1',
    SEED_HISTORY_DAYS: '0',
    PLATFORM_SIMULATOR: 'false',
    DATA_DIR: database.dataDir,
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
  });
  server = await startServer(config, pino({ level: 'debug', base: undefined }, capture));
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(server.url + path, { headers });
const post = (path: string, body: string) =>
  fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });

/** The log line of the answer to the request with this id (pino-http logs it on finish). */
async function logLineOf(requestId: string): Promise<LogLine> {
  for (let i = 0; i < 50; i++) {
    const line = lines.find((l) => l.requestId === requestId && l.res);
    if (line) return line;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no log line for request ${requestId}: ${JSON.stringify(lines.slice(-3))}`);
}

describe('request ids', () => {
  it('echoes a safe incoming X-Request-Id and logs the request under it, health at debug', async () => {
    const res = await get('/api/health', { 'x-request-id': 'lb-7f3a.0001' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('lb-7f3a.0001');
    const line = await logLineOf('lb-7f3a.0001');
    expect([line.level, line.msg, line.req, line.res]).toEqual([
      20,
      'request completed',
      { method: 'GET', url: '/api/health' },
      { statusCode: 200 },
    ]);
  });

  it('generates a UUID when none is sent', async () => {
    const res = await get('/api/layers/streets');
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(UUID);
    const line = await logLineOf(id);
    expect([line.level, line.req]).toEqual([30, { method: 'GET', url: '/api/layers/streets' }]);
  });

  it.each([
    ['too long', 'x'.repeat(65)],
    ['with a space', 'a b'],
    ['with markup', '<script>'],
    ['with a quote', 'id"1'],
  ])('replaces an unsafe incoming id (%s) with a new UUID', async (_case, unsafe) => {
    const res = await get('/api/health', { 'x-request-id': unsafe });
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(UUID);
  });

  it('puts the id in a 404 answer and logs it as a warning', async () => {
    const res = await get('/api/nothing-here', { 'x-request-id': 'probe-404' });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('probe-404');
    expect((await res.json()) as ApiError).toEqual({
      error: { code: 'not_found', message: 'Unknown API route' },
      requestId: 'probe-404',
    });
    expect((await logLineOf('probe-404')).level).toBe(40);
  });

  it('puts the id in a 400 for a body that is not JSON', async () => {
    const res = await post('/api/auth/login', '{"username": ');
    expect(res.status).toBe(400);
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(UUID);
    expect((await res.json()) as ApiError).toEqual({
      error: { code: 'bad_request', message: 'Request body is not valid JSON', field: 'body' },
      requestId: id,
    });
  });

  it("answers body-parser's other refusals (an unknown charset) with a 400 carrying the id", async () => {
    const res = await fetch(server.url + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=klingon', 'x-request-id': 'charset-1' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect((await res.json()) as ApiError).toEqual({
      error: {
        code: 'bad_request',
        message: 'Request body: unsupported charset "KLINGON"',
        field: 'body',
      },
      requestId: 'charset-1',
    });
  });

  it('puts the id in a 413 for a body over the limit', async () => {
    const res = await post('/api/auth/login', JSON.stringify({ username: 'x'.repeat(200_000) }));
    expect(res.status).toBe(413);
    const id = res.headers.get('x-request-id')!;
    expect((await res.json()) as ApiError).toEqual({
      error: {
        code: 'payload_too_large',
        message: 'Request body exceeds the size limit',
        field: 'body',
      },
      requestId: id,
    });
  });

  it('puts the id in a 429 from the rate limit, with its Retry-After', async () => {
    const login = () =>
      fetch(server.url + '/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'login-flood' },
        body: JSON.stringify({ username: 'grid1', password: 'wrong' }),
      });
    expect((await login()).status).toBe(401);
    const res = await login();
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await res.json()) as ApiError).toEqual({
      error: {
        code: 'rate_limited',
        message: 'Too many login attempts: at most 1 a minute; retry later',
      },
      requestId: 'login-flood',
    });
  });
});
