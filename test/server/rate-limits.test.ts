import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/auth/auth-queries.ts';
import { DEMO_INTEGRATION_API_KEY } from '../../server/config.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    env: { LOGIN_ATTEMPTS_PER_MINUTE: '3', INTAKE_REQUESTS_PER_MINUTE: '2' },
  });
});
afterAll(async () => {
  await server?.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('rate limits', () => {
  it('answers the 4th login attempt in a minute with 429, even with the right password', async () => {
    const statuses = [];
    for (const password of ['wrong', 'wrong', 'wrong', DEMO_PASSWORD]) {
      statuses.push((await post('/api/auth/login', { username: 'grid1', password })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const res = await post('/api/auth/login', { username: 'grid1', password: DEMO_PASSWORD });
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await res.json()).toEqual({
      error: {
        code: 'rate_limited',
        message: 'Too many login attempts: at most 3 a minute; retry later',
      },
      requestId: res.headers.get('x-request-id'),
    });
  });

  it('limits intake per API key, storing nothing beyond the limit', async () => {
    const body = {
      channel: 'hotline_12345',
      category: 'other',
      description: '限流测试',
      location: { compoundId: 1 },
    };
    const key = { 'x-api-key': DEMO_INTEGRATION_API_KEY };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post('/api/events', body, key)).status);
    expect(statuses).toEqual([201, 201, 429]);
    const [{ n }] = (await server.db.query(
      `SELECT count(*)::int AS n FROM events WHERE description = '限流测试'`,
    )) as [{ n: number }];
    expect(n).toBe(2);
  });
});
