import { io as connect, type Socket } from 'socket.io-client';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResult } from '../../common/auth.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../common/events.ts';
import type { GrievanceEvent } from '../../common/grievances.ts';
import { DEMO_PASSWORD } from '../../server/auth/auth-queries.ts';
import { DEMO_INTEGRATION_API_KEY } from '../../server/config.ts';
import {
  createTestDatabase,
  startTestServer,
  type TestDatabase,
  type TestServer,
} from '../helpers/test-server.ts';

// two server instances on one PostgreSQL, joined by the Redis streams adapter: an event taken in
// by one reaches a client of the other, and a token signed by one is accepted by the other (the
// session secret lives in the database). Needs a shared PostgreSQL and Redis, as CI has; embedded
// PGlite is one process's database by design, so without DATABASE_URL this file does not run.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const LOGIN_LIMIT = 6;

describe.runIf(process.env.DATABASE_URL)('two server processes', () => {
  let database: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { REDIS_URL, LOGIN_ATTEMPTS_PER_MINUTE: String(LOGIN_LIMIT) };
    a = await startTestServer({ database, env });
    b = await startTestServer({ database, env });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it('delivers an event reported on one server to a client of the other', async () => {
    const login = await fetch(`${a.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'operator', password: DEMO_PASSWORD }),
    });
    const { token } = (await login.json()) as LoginResult;
    const client: Socket<ServerToClientEvents, ClientToServerEvents> = connect(b.url, {
      auth: { token },
      transports: ['websocket'],
    });
    await new Promise((resolve, reject) => {
      client.once('connect', () => resolve(null));
      client.once('connect_error', reject);
    });
    const received = new Promise<GrievanceEvent>((resolve) =>
      client.once('grievance:reported', resolve),
    );
    const res = await fetch(`${a.url}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': DEMO_INTEGRATION_API_KEY },
      body: JSON.stringify({
        channel: 'hotline_12345',
        category: 'elevator_fault',
        description: '电梯困人',
        location: { compoundId: 1 },
      }),
    });
    const sent = (await res.json()) as GrievanceEvent;
    expect(res.status).toBe(201);
    expect((await received).id).toBe(sent.id);
    client.disconnect();
  });

  it('counts a rate limit across both processes (the counters live in Redis)', async () => {
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    for await (const keys of redis.scanIterator({ MATCH: 'licheng:rate:login:*' })) {
      if (keys.length) await redis.del(keys);
    }
    await redis.quit();
    const attempt = async (server: TestServer) =>
      (
        await fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'operator', password: 'wrong-password' }),
        })
      ).status;
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMIT + 1; i++) statuses.push(await attempt(i % 2 ? b : a));
    // each process alone has seen only half the attempts: only shared counters refuse the last
    expect(statuses).toEqual([...Array<number>(LOGIN_LIMIT).fill(401), 429]);
  });
});
