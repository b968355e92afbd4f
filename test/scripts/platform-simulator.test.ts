import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedCallback, FeedEvent, FeedMessage } from '../../common/command-feed.ts';
import type { Grade } from '../../common/grievances.ts';
import { signedHeaders, verifyFeedSignature } from '../../server/command-feed/feed-signature.ts';
import {
  startPlatformSimulator,
  type PlatformSimulator,
  type PlatformSimulatorOptions,
  type ReceivedReport,
} from '../../scripts/platform-simulator/platform-server.ts';

// the platform simulator on its own, over real HTTP: what it accepts, refuses, de-duplicates and
// how each fault mode answers. The round trip with our server is in the command-feed server tests.

const SECRET = 'test-command-feed-secret';
const started: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function startPlatform(
  options: Partial<PlatformSimulatorOptions> = {},
): Promise<PlatformSimulator> {
  const platform = await startPlatformSimulator({ secret: SECRET, ...options });
  started.push(platform);
  return platform;
}

function feedEvent(id: number, grade: Grade = 'L2'): FeedEvent {
  return {
    id,
    channel: 'hotline_12345',
    category: 'sanitation',
    grade,
    level: 'grid',
    state: 'reported',
    description: '楼道堆放杂物',
    location: [118.58, 24.91],
    gridCode: '350502001001001',
    communityCode: '350502001001',
    streetCode: '350502001',
    compoundId: 12,
    assignee: null,
    deadline: '2024-06-01T12:00:00+08:00',
    overdue: false,
    reportedAt: '2024-06-01T10:00:00+08:00',
    updatedAt: '2024-06-01T10:00:00+08:00',
  };
}

let messageCount = 0;
function reported(eventId: number, sequence = 1, grade: Grade = 'L2'): FeedMessage {
  messageCount += 1;
  return {
    contract: 1,
    id: `msg-${eventId}-${sequence}-${messageCount}`,
    createdAt: '2024-06-01T10:00:01+08:00',
    kind: 'event.reported',
    sequence,
    event: feedEvent(eventId, grade),
  };
}

function takeover(eventId: number, sequence: number): FeedMessage {
  return {
    contract: 1,
    id: `msg-${eventId}-${sequence}-takeover`,
    createdAt: '2024-06-01T11:00:00+08:00',
    kind: 'event.takeover',
    sequence,
    event: { ...feedEvent(eventId, 'L3'), level: 'district' },
    change: {
      action: 'escalate',
      actor: 'kaiyuan',
      fromState: 'accepted',
      toState: 'reported',
      fromLevel: 'street',
      toLevel: 'district',
      note: null,
      at: '2024-06-01T11:00:00+08:00',
    },
  };
}

type DeliverOptions = { secret?: string; key?: string; nowMs?: number; signal?: AbortSignal };

/** POSTs a message to /feed signed the way our worker signs it. */
function deliver(platform: PlatformSimulator, message: FeedMessage, options: DeliverOptions = {}) {
  const body = JSON.stringify(message);
  return fetch(`${platform.url}/feed`, {
    method: 'POST',
    headers: signedHeaders(
      options.secret ?? SECRET,
      options.key ?? message.id,
      body,
      options.nowMs,
    ),
    body,
    signal: options.signal,
  });
}

async function control(platform: PlatformSimulator, body: unknown) {
  const response = await fetch(`${platform.url}/control`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

async function received(platform: PlatformSimulator): Promise<ReceivedReport> {
  return (await (await fetch(`${platform.url}/received`)).json()) as ReceivedReport;
}

type Recorded = { headers: http.IncomingHttpHeaders; body: string };

/**
 * Where the simulator's callbacks land in these tests: records each request and answers the
 * statuses given, in turn (then 200). It checks nothing; the tests verify what was recorded.
 */
async function startRecorder(statuses: number[] = []) {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      requests.push({ headers: req.headers, body });
      const status = statuses.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ recorded: requests.length }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const recorder = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/command-feed/callbacks`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  started.push(recorder);
  return recorder;
}

async function waitFor(check: () => boolean, timeoutMs = 5000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('POST /feed', () => {
  it('stores a signed message and answers 200 with its id', async () => {
    const platform = await startPlatform();
    const message = reported(1);
    const response = await deliver(platform, message);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, id: message.id });
    const report = await received(platform);
    expect(report.messages).toEqual([message]);
    expect(report.byEvent).toEqual({ '1': [1] });
    expect([report.duplicates, report.rejected, report.outOfOrder]).toEqual([0, 0, 0]);
  });

  it('refuses a signature made with another secret: 401, counted, nothing stored', async () => {
    const platform = await startPlatform();
    const response = await deliver(platform, reported(1), { secret: 'another-secret' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: 'bad_signature',
      reason: 'x-licheng-signature: does not match the body',
    });
    const report = await received(platform);
    expect(report.messages).toEqual([]);
    expect(report.rejected).toBe(1);
  });

  it('refuses a timestamp outside the ±300 s window', async () => {
    const platform = await startPlatform();
    const response = await deliver(platform, reported(1), { nowMs: Date.now() - 600_000 });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { reason: string };
    expect(body.reason).toMatch(/^x-licheng-timestamp: 60\d s from our clock, outside ±300 s$/);
    expect((await received(platform)).rejected).toBe(1);
  });

  it('refuses a body that was changed after signing', async () => {
    const platform = await startPlatform();
    const message = reported(1);
    const headers = signedHeaders(SECRET, message.id, JSON.stringify(message));
    const response = await fetch(`${platform.url}/feed`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ ...message, sequence: 2 }),
    });
    expect(response.status).toBe(401);
    expect((await received(platform)).rejected).toBe(1);
  });

  it('refuses an Idempotency-Key other than the message id with 400', async () => {
    const platform = await startPlatform();
    const message = reported(1);
    const response = await deliver(platform, message, { key: 'other-key' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid',
      reason: `idempotency-key: expected the message id ${message.id}, got other-key`,
    });
    const report = await received(platform);
    expect([report.messages.length, report.invalid, report.rejected]).toEqual([0, 1, 0]);
  });

  it('answers a repeated idempotency key with {duplicate: true} and stores it once', async () => {
    const platform = await startPlatform();
    const message = reported(1);
    await deliver(platform, message);
    const again = await deliver(platform, message);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ duplicate: true, id: message.id });
    const report = await received(platform);
    expect(report.messages).toEqual([message]);
    expect(report.duplicates).toBe(1);
    expect(report.byEvent).toEqual({ '1': [1] });
    expect(report.outOfOrder).toBe(0);
  });

  it('counts each arrival whose sequence is not the previous + 1 of its event', async () => {
    const platform = await startPlatform();
    // event 7: 1, 3 (skips 2), 2 (after 3); event 8 in order; event 9 starts at 2
    for (const [eventId, sequence] of [
      [7, 1],
      [8, 1],
      [7, 3],
      [8, 2],
      [7, 2],
      [9, 2],
    ] as const) {
      expect((await deliver(platform, reported(eventId, sequence))).status).toBe(200);
    }
    const report = await received(platform);
    expect(report.byEvent).toEqual({ '7': [1, 3, 2], '8': [1, 2], '9': [2] });
    expect(report.outOfOrder).toBe(3);
    expect(report.messages.map((m) => m.id)).toHaveLength(6);
  });

  it('stores a property snapshot outside any event sequence', async () => {
    const platform = await startPlatform();
    const snapshot: FeedMessage = {
      contract: 1,
      id: 'snapshot-2024-06-01',
      createdAt: '2024-06-01T02:00:00+08:00',
      kind: 'property.snapshot',
      snapshot: {
        date: '2024-06-01',
        compounds: [],
        stations: [],
        cameras: [],
        coverageByStreet: [],
      },
    };
    expect((await deliver(platform, snapshot)).status).toBe(200);
    const report = await received(platform);
    expect(report.messages).toEqual([snapshot]);
    expect(report.byEvent).toEqual({});
  });

  it('forgets everything on DELETE /received, so a key can be delivered again', async () => {
    const platform = await startPlatform();
    const message = reported(1);
    await deliver(platform, message);
    await deliver(platform, message, { secret: 'wrong' });
    const cleared = await fetch(`${platform.url}/received`, { method: 'DELETE' });
    expect(await cleared.json()).toEqual({ cleared: true });
    expect(await received(platform)).toEqual({
      messages: [],
      duplicates: 0,
      rejected: 0,
      invalid: 0,
      outOfOrder: 0,
      byEvent: {},
      callbacks: [],
    });
    expect(await (await deliver(platform, message)).json()).toEqual({
      received: true,
      id: message.id,
    });
  });
});

describe('fault modes (POST /control)', () => {
  it('fail: answers the given status for the next `count` requests, then back to ok', async () => {
    const platform = await startPlatform();
    expect(await control(platform, { mode: 'fail', status: 503, count: 2 })).toEqual({
      status: 200,
      body: { mode: 'fail', status: 503, delayMs: 2000, remaining: 2 },
    });
    const first = await deliver(platform, reported(1));
    expect(first.status).toBe(503);
    expect(await first.json()).toEqual({ error: 'simulated_failure', status: 503 });
    expect((await deliver(platform, reported(2))).status).toBe(503);
    expect((await deliver(platform, reported(3))).status).toBe(200);
    expect((await received(platform)).byEvent).toEqual({ '3': [1] });
    const mode = await (await fetch(`${platform.url}/control`)).json();
    expect(mode).toEqual({ mode: 'ok', status: 503, delayMs: 2000, remaining: null });
  });

  it('fail without a status or count answers 500 until changed', async () => {
    const platform = await startPlatform();
    await control(platform, { mode: 'fail' });
    for (let i = 1; i <= 3; i++) expect((await deliver(platform, reported(i))).status).toBe(500);
    await control(platform, { mode: 'ok' });
    expect((await deliver(platform, reported(4))).status).toBe(200);
    expect((await received(platform)).messages.map((m) => m.id)).toHaveLength(1);
  });

  it('timeout: never answers, so the sender gives up, and nothing is stored', async () => {
    const platform = await startPlatform();
    await control(platform, { mode: 'timeout', count: 1 });
    const started = Date.now();
    const error = await deliver(platform, reported(1), { signal: AbortSignal.timeout(300) }).catch(
      (err: unknown) => err,
    );
    expect((error as Error).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect((await received(platform)).messages).toEqual([]);
    expect((await deliver(platform, reported(2))).status).toBe(200);
  });

  it('slow: answers after delayMs and stores the message', async () => {
    const platform = await startPlatform();
    await control(platform, { mode: 'slow', delayMs: 400, count: 1 });
    const started = Date.now();
    const response = await deliver(platform, reported(1));
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect((await received(platform)).byEvent).toEqual({ '1': [1] });
  });

  it('slow: stores the message even when the sender gave up, so its retry is a duplicate', async () => {
    const platform = await startPlatform();
    await control(platform, { mode: 'slow', delayMs: 300, count: 1 });
    const message = reported(1);
    const error = await deliver(platform, message, { signal: AbortSignal.timeout(100) }).catch(
      (err: unknown) => err,
    );
    expect((error as Error).name).toBe('TimeoutError');
    await waitFor(() => platform.state.messages.length === 1);
    expect(await (await deliver(platform, message)).json()).toEqual({
      duplicate: true,
      id: message.id,
    });
  });

  it('drop: closes the connection without an answer and stores nothing', async () => {
    const platform = await startPlatform();
    await control(platform, { mode: 'drop', count: 1 });
    const error = await deliver(platform, reported(1)).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TypeError); // fetch failed: the socket closed
    expect((await received(platform)).messages).toEqual([]);
    expect(platform.state.fault.mode).toBe('ok');
  });

  it('lose_ack: stores the message, drops the answer, and de-duplicates the retry', async () => {
    const platform = await startPlatform();
    await control(platform, { mode: 'lose_ack', count: 1 });
    const message = reported(1);
    const error = await deliver(platform, message).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TypeError);
    expect((await received(platform)).messages).toEqual([message]);
    const retry = await deliver(platform, message);
    expect(await retry.json()).toEqual({ duplicate: true, id: message.id });
    const report = await received(platform);
    expect([report.messages.length, report.duplicates]).toEqual([1, 1]);
  });

  it('refuses an unknown mode or a bad parameter with 400 naming it', async () => {
    const platform = await startPlatform();
    expect(await control(platform, { mode: 'explode' })).toEqual({
      status: 400,
      body: {
        error: 'invalid',
        reason: 'mode: expected one of ok, fail, timeout, slow, drop, lose_ack',
      },
    });
    expect(await control(platform, { mode: 'fail', status: 200 })).toEqual({
      status: 400,
      body: { error: 'invalid', reason: 'status: expected an integer in [400, 599]' },
    });
    expect(await control(platform, { mode: 'slow', count: 0 })).toEqual({
      status: 400,
      body: { error: 'invalid', reason: 'count: expected an integer ≥ 1' },
    });
    expect(platform.state.fault.mode).toBe('ok');
  });
});

describe('callbacks to our server', () => {
  it('accepts a takeover with a signed accept callback keyed by its id', async () => {
    const recorder = await startRecorder();
    const platform = await startPlatform({ callbackUrl: recorder.url, acceptDelayMs: 50 });
    await deliver(platform, reported(5, 1));
    await deliver(platform, takeover(5, 2));
    await waitFor(() => recorder.requests.length === 1);
    const [request] = recorder.requests;
    const callback = JSON.parse(request!.body) as FeedCallback;
    expect(callback).toEqual({
      contract: 1,
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'accept',
      eventId: 5,
      note: '区联合指挥平台已受理',
    });
    expect(request!.headers['idempotency-key']).toBe(callback.id);
    const check = verifyFeedSignature(
      SECRET,
      {
        timestamp: request!.headers['x-licheng-timestamp'] as string,
        signature: request!.headers['x-licheng-signature'] as string,
      },
      request!.body,
    );
    expect(check).toEqual({ ok: true });
    await waitFor(() => platform.state.callbacks[0]?.status === 200);
    expect(platform.state.callbacks).toEqual([
      { callback, attempts: 1, status: 200, body: { recorded: 1 } },
    ]);
  });

  it('accepts an event reported at L4 and leaves lower grades alone', async () => {
    const recorder = await startRecorder();
    const platform = await startPlatform({ callbackUrl: recorder.url, acceptDelayMs: 50 });
    await deliver(platform, reported(6, 1, 'L3'));
    await deliver(platform, reported(7, 1, 'L4'));
    await waitFor(() => recorder.requests.length === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(recorder.requests.map((r) => (JSON.parse(r.body) as FeedCallback).eventId)).toEqual([7]);
  });

  it('sends no callback for a duplicate delivery or with autoAccept off', async () => {
    const recorder = await startRecorder();
    const auto = await startPlatform({ callbackUrl: recorder.url, acceptDelayMs: 50 });
    const manual = await startPlatform({
      callbackUrl: recorder.url,
      acceptDelayMs: 50,
      autoAccept: false,
    });
    const message = takeover(8, 2);
    await deliver(auto, message);
    await deliver(auto, message);
    await deliver(manual, takeover(9, 2));
    await new Promise((r) => setTimeout(r, 300));
    expect(recorder.requests.map((r) => (JSON.parse(r.body) as FeedCallback).eventId)).toEqual([8]);
  });

  it('retries a callback our server answers with 5xx, with the same id', async () => {
    const recorder = await startRecorder([503, 502]);
    const platform = await startPlatform({
      callbackUrl: recorder.url,
      acceptDelayMs: 10,
      callbackRetryMs: 50,
    });
    await deliver(platform, takeover(5, 1));
    await waitFor(() => platform.state.callbacks[0]?.status === 200);
    const ids = recorder.requests.map((r) => r.headers['idempotency-key']);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
    expect(platform.state.callbacks[0]!.attempts).toBe(3);
  });

  it('does not retry a callback our server refuses with 4xx', async () => {
    const recorder = await startRecorder([409]);
    const platform = await startPlatform({
      callbackUrl: recorder.url,
      acceptDelayMs: 10,
      callbackRetryMs: 20,
    });
    await deliver(platform, takeover(5, 1));
    await waitFor(() => platform.state.callbacks[0]?.status === 409);
    await new Promise((r) => setTimeout(r, 200));
    expect(recorder.requests).toHaveLength(1);
  });

  it('POST /control/callback sends a callback now and returns our server answer', async () => {
    const recorder = await startRecorder([202]);
    const platform = await startPlatform({ callbackUrl: recorder.url });
    const response = await fetch(`${platform.url}/control/callback`, {
      method: 'POST',
      body: JSON.stringify({ type: 'reassign', eventId: 11, department: '区住建局' }),
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { callback: FeedCallback; status: number };
    expect(answer).toEqual({
      callback: {
        contract: 1,
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        type: 'reassign',
        eventId: 11,
        department: '区住建局',
      },
      status: 202,
      body: { recorded: 1 },
    });
    expect(JSON.parse(recorder.requests[0]!.body)).toEqual(answer.callback);
  });

  it('POST /control/callback with badSignature signs with another secret', async () => {
    const recorder = await startRecorder([401]);
    const platform = await startPlatform({ callbackUrl: recorder.url });
    const response = await fetch(`${platform.url}/control/callback`, {
      method: 'POST',
      body: JSON.stringify({ id: 'cb-bad-1', type: 'accept', eventId: 3, badSignature: true }),
    });
    expect(((await response.json()) as { status: number }).status).toBe(401);
    const [request] = recorder.requests;
    expect(JSON.parse(request!.body)).toEqual({
      contract: 1,
      id: 'cb-bad-1',
      type: 'accept',
      eventId: 3,
    });
    const check = verifyFeedSignature(
      SECRET,
      {
        timestamp: request!.headers['x-licheng-timestamp'] as string,
        signature: request!.headers['x-licheng-signature'] as string,
      },
      request!.body,
    );
    expect(check).toEqual({ ok: false, reason: 'x-licheng-signature: does not match the body' });
  });

  it('POST /control/callback without a callback URL answers 409', async () => {
    const platform = await startPlatform();
    const response = await fetch(`${platform.url}/control/callback`, {
      method: 'POST',
      body: JSON.stringify({ type: 'accept', eventId: 3 }),
    });
    expect(response.status).toBe(409);
  });
});
