import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/auth/auth-queries.ts';
import { DUMMY_PASSWORD_HASH, verifyLogin } from '../../server/auth/auth-routes.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import { signToken, verifyToken } from '../../server/auth/tokens.ts';
import {
  createTestDatabase,
  loginAs,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.ts';

// Login and sessions as an attacker would try them: user enumeration by timing, the login limit,
// a reverse proxy's client address, logout, sockets of an ended session, malformed tokens.

let server: TestServer; // trusts no proxy
let proxied: TestServer; // TRUST_PROXY=loopback, as behind nginx on the same host
beforeAll(async () => {
  const database = await createTestDatabase();
  server = await startTestServer({ database, env: { LOGIN_ATTEMPTS_PER_MINUTE: '3' } });
  proxied = await startTestServer({
    database,
    env: { LOGIN_ATTEMPTS_PER_MINUTE: '3', TRUST_PROXY: 'loopback' },
  });
  (server as { dropDatabase?: () => Promise<void> }).dropDatabase = database.drop;
});
afterAll(async () => {
  await proxied?.close();
  await server?.close();
  await (server as { dropDatabase?: () => Promise<void> } | undefined)?.dropDatabase?.();
});

const login = (
  on: TestServer,
  username: string,
  password: string,
  headers: Record<string, string> = {},
) =>
  fetch(`${on.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });

const tokenOf = (username: string) => loginAs(server, username);

const me = (token: string, on = server) =>
  fetch(`${on.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });

describe('login', () => {
  it('checks an unknown user against a dummy hash of the same cost as a real one', async () => {
    // the same scrypt parameters as a stored password: an unknown name costs what a known one does
    const real = (await hashPassword('anything')).split('$').slice(0, 4);
    expect(DUMMY_PASSWORD_HASH.split('$').slice(0, 4)).toEqual(real);
    expect(await verifyLogin(null, 'licheng2024')).toBe(false);
    const res = await login(server, 'nobody-here', 'licheng2024');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 'unauthorized', message: 'Wrong username or password' },
      requestId: res.headers.get('x-request-id'),
    });
  });

  it('limits failed attempts per address and username; successful logins do not count', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await login(server, 'grid2', 'wrong')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    // another user from the same address is not locked out by someone guessing grid2's password
    const ok: number[] = [];
    for (let i = 0; i < 5; i++) ok.push((await login(server, 'planner', DEMO_PASSWORD)).status);
    expect(ok).toEqual([200, 200, 200, 200, 200]);
    // case and spaces do not make a new count
    expect((await login(server, 'GRID2', 'wrong')).status).toBe(429);
  });

  it('takes the client address from X-Forwarded-For only behind a trusted proxy', async () => {
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    const direct: number[] = [];
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']) {
      direct.push((await login(server, 'kaiyuan', 'wrong', from(ip))).status);
    }
    // not trusted: the header is ignored, every attempt is the same address
    expect(direct).toEqual([401, 401, 401, 429]);
    const behind: number[] = [];
    for (const ip of ['10.0.0.1', '10.0.0.1', '10.0.0.1', '10.0.0.1', '10.0.0.2']) {
      behind.push((await login(proxied, 'community', 'wrong', from(ip))).status);
    }
    expect(behind).toEqual([401, 401, 401, 429, 401]);
  });
});

describe('login input', () => {
  it('names the field and its range for a bad username, and still serves the good login beside it', async () => {
    const answers = await Promise.all([
      login(server, 'x'.repeat(100_000), 'x'),
      login(server, 'a\u0000b', 'x'),
      login(server, 'operator', DEMO_PASSWORD),
    ]);
    expect(await Promise.all(answers.map(async (r) => [r.status, await r.json()]))).toEqual([
      [
        400,
        {
          error: {
            code: 'bad_request',
            field: 'username',
            message: 'username: expected 1–64 characters',
          },
          requestId: expect.any(String),
        },
      ],
      [
        400,
        {
          error: {
            code: 'bad_request',
            field: 'username',
            message: 'username: text must not contain NUL (\\u0000) characters',
          },
          requestId: expect.any(String),
        },
      ],
      [200, expect.objectContaining({ token: expect.any(String) })],
    ]);
  });
});

describe('sessions', () => {
  it('logout revokes the token, on every process, and a new login works', async () => {
    const token = await tokenOf('district');
    expect((await me(token)).status).toBe(200);
    expect((await me(token, proxied)).status).toBe(200);
    const out = await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.status).toBe(204);
    for (const on of [server, proxied]) {
      const res = await me(token, on);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        error: { code: 'unauthorized', message: 'Session expired or invalid: log in again' },
        requestId: res.headers.get('x-request-id'),
      });
    }
    expect((await me(await tokenOf('district'))).status).toBe(200);
    const anonymous = await fetch(`${server.url}/api/auth/logout`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
  });

  it('drops the sockets of a session that ended: at logout and at expiry', async () => {
    const open = (token: string) =>
      new Promise<Socket>((resolve, reject) => {
        const s = connect(server.url, { auth: { token }, transports: ['websocket'] });
        s.once('connect', () => resolve(s));
        s.once('connect_error', reject);
      });
    const closed = (s: Socket) =>
      new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason)));

    const token = await tokenOf('grid1');
    const socket = await open(token);
    const ended = closed(socket);
    await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await ended).toBe('io server disconnect');
    // the ended token cannot open a new one
    await expect(open(token)).rejects.toThrow('unauthorized');

    // a token that expires in 2 s (signed as login signs one) is dropped when it does
    const fresh = await tokenOf('grid1');
    const payload = verifyToken(fresh, server.auth.secret, Date.now() / 1000)!;
    const short = signToken(
      { ...payload, exp: Math.floor(Date.now() / 1000) + 2 },
      server.auth.secret,
    );
    const expiring = await open(short);
    expect(await closed(expiring)).toBe('io server disconnect');
  });

  it('accepts a token only in its exact form', async () => {
    const token = await tokenOf('operator');
    const [body, signature] = token.split('.') as [string, string];
    for (const bad of [
      `${token}.extra`,
      `${token}.`,
      `.${token}`,
      `${body}.${signature}=`,
      `${body}..${signature}`,
      ` ${token}`,
    ]) {
      const res = await me(bad);
      expect([bad, res.status]).toEqual([bad, 401]);
    }
    expect((await me(token)).status).toBe(200);
  });
});
