import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiRequest, toQueryString } from '../../client/lib/api-client.ts';

// a real loopback server: the client is tested over HTTP, without mocking fetch
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/echo') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            method: request.method,
            authorization: request.headers.authorization ?? null,
            contentType: request.headers['content-type'] ?? null,
            body: body ? (JSON.parse(body) as unknown) : null,
          }),
        );
      });
    } else if (url.pathname === '/ok') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ query: url.search }));
    } else if (url.pathname === '/missing') {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ error: { code: 'not_found', message: 'Unknown compound id: 9' } }),
      );
    } else {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<h1>Bad gateway</h1>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('apiGet', () => {
  it('resolves a 200 to { data }', async () => {
    expect(await apiGet(`${base}/ok`, { fields: ['kind', 'services'] })).toEqual({
      data: { query: '?fields=kind,services' },
    });
  });

  it('resolves an API error body to { error }', async () => {
    expect(await apiGet(`${base}/missing`)).toEqual({
      error: { code: 'not_found', message: 'Unknown compound id: 9' },
    });
  });

  it('turns a non-JSON failure into an internal error naming the path and status', async () => {
    expect(await apiGet(`${base}/proxy-down`)).toEqual({
      error: {
        code: 'internal',
        message: `${base}/proxy-down answered 502 without an error body`,
      },
    });
  });

  it('turns a refused connection into an unavailable error (no answer: retry later)', async () => {
    const result = await apiGet('http://127.0.0.1:1/api/health');
    expect('error' in result && result.error.code).toBe('unavailable');
  });
});

describe('apiRequest', () => {
  it('sends a JSON body with the session token', async () => {
    const result = await apiRequest(`${base}/echo`, {
      method: 'POST',
      body: { action: 'accept' },
      token: 'abc.def',
    });
    expect(result).toEqual({
      data: {
        method: 'POST',
        authorization: 'Bearer abc.def',
        contentType: 'application/json',
        body: { action: 'accept' },
      },
    });
  });

  it('sends no authorization header and no body by default', async () => {
    expect(await apiRequest(`${base}/echo`)).toEqual({
      data: { method: 'GET', authorization: null, contentType: null, body: null },
    });
  });
});

describe('toQueryString', () => {
  it('joins arrays with commas, skips undefined values and is empty without params', () => {
    expect(
      toQueryString({ bbox: [118.5, 24.8, 118.6, 24.9].map(String), x: undefined, n: 2 }),
    ).toBe('?bbox=118.5,24.8,118.6,24.9&n=2');
    expect(toQueryString({})).toBe('');
  });
});
