import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Logger } from 'pino';
import {
  FEED_CONTRACT_VERSION,
  FEED_HEADERS,
  type FeedCallback,
  type FeedMessage,
} from '../../common/command-feed.ts';
import { signedHeaders, verifyFeedSignature } from '../../server/command-feed/feed-signature.ts';

// The district joint command platform's side of the command-feed contract (common/command-feed.ts),
// in memory, for tests and the demo: POST /feed verifies, de-duplicates and stores what our server
// delivers; POST /control makes the next requests fail the way a real platform does; accepted L4
// events are answered with a signed `accept` callback. Everything lives in memory: it is a simulator.

const DEFAULT_OPTIONS = {
  port: 0, // 0 = any free port (tests)
  host: '127.0.0.1',
  autoAccept: true, // answer takeovers and L4 reports with an `accept` callback
  acceptDelayMs: 1000, // the platform takes a moment before it accepts
  callbackAttempts: 5, // a callback our server does not take (network, 5xx) is retried this often
  callbackRetryMs: 1000, // first retry after this, doubling each time
  callbackTimeoutMs: 5000, // a callback request gives up after this
  maxBodyBytes: 10 * 1024 * 1024, // a daily property snapshot fits easily
};

export const FAULT_MODES = ['ok', 'fail', 'timeout', 'slow', 'drop', 'lose_ack'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

/** POST /control: how the platform answers the next POST /feed requests. */
export type FaultControl = {
  mode: FaultMode;
  /** the HTTP status for `fail` (default 500) */
  status?: number;
  /** the delay for `slow` (default 2000 ms) */
  delayMs?: number;
  /** apply to the next `count` requests only, then back to `ok`; absent = until changed */
  count?: number;
};

/** GET /control. */
export type FaultState = {
  mode: FaultMode;
  status: number;
  delayMs: number;
  remaining: number | null;
};

/** A callback the platform sent to our server (automatic or through POST /control/callback). */
export type SentCallback = {
  callback: FeedCallback;
  attempts: number;
  /** our server's last answer, or null when it never answered */
  status: number | null;
  body: unknown;
};

/** GET /received. */
export type ReceivedReport = {
  /** accepted messages in arrival order, each once */
  messages: FeedMessage[];
  /** requests whose Idempotency-Key had already been processed */
  duplicates: number;
  /** requests refused for their timestamp or signature (401) */
  rejected: number;
  /** requests refused as malformed (400): not JSON, wrong contract, key ≠ message id */
  invalid: number;
  /** messages whose sequence was not the previous one of their event + 1 */
  outOfOrder: number;
  /** per event id, the sequences in arrival order */
  byEvent: Record<string, number[]>;
  callbacks: SentCallback[];
};

export type PlatformSimulatorOptions = {
  port?: number;
  host?: string;
  /** the shared secret (COMMAND_FEED_SECRET) */
  secret: string;
  /** our server's POST /api/command-feed/callbacks; without it no callback is sent */
  callbackUrl?: string;
  autoAccept?: boolean;
  acceptDelayMs?: number;
  callbackAttempts?: number;
  callbackRetryMs?: number;
  callbackTimeoutMs?: number;
  logger?: Pick<Logger, 'info' | 'warn'>;
};

export type PlatformSimulator = {
  /** base URL; the feed endpoint is `${url}/feed` */
  url: string;
  close(): Promise<void>;
  state: PlatformState;
};

/** The simulator's memory, readable in-process by tests. */
export class PlatformState {
  messages: FeedMessage[] = [];
  processedKeys = new Set<string>();
  duplicates = 0;
  rejected = 0;
  invalid = 0;
  outOfOrder = 0;
  byEvent = new Map<number, number[]>();
  callbacks: SentCallback[] = [];
  fault: FaultState = { mode: 'ok', status: 500, delayMs: 2000, remaining: null };

  report(): ReceivedReport {
    return {
      messages: this.messages,
      duplicates: this.duplicates,
      rejected: this.rejected,
      invalid: this.invalid,
      outOfOrder: this.outOfOrder,
      byEvent: Object.fromEntries(this.byEvent),
      callbacks: this.callbacks,
    };
  }

  clear(): void {
    this.messages = [];
    this.processedKeys.clear();
    this.duplicates = 0;
    this.rejected = 0;
    this.invalid = 0;
    this.outOfOrder = 0;
    this.byEvent.clear();
    this.callbacks = [];
  }

  /** The fault for the request now arriving, counting it against `count`. */
  takeFault(): FaultState {
    const fault = { ...this.fault };
    if (this.fault.remaining !== null) {
      this.fault.remaining -= 1;
      if (this.fault.remaining <= 0) this.fault = { ...this.fault, mode: 'ok', remaining: null };
    }
    return fault;
  }
}

const NOOP_LOGGER: Pick<Logger, 'info' | 'warn'> = { info: () => {}, warn: () => {} };
const FEED_KINDS = ['event.reported', 'event.changed', 'event.takeover', 'property.snapshot'];
const CALLBACK_TYPES = ['accept', 'reassign', 'set_deadline', 'resolve', 'close', 'send_down'];
// what a callback signed with the wrong secret is signed with (POST /control/callback badSignature)
const WRONG_SECRET = 'not-the-shared-secret';

type Options = typeof DEFAULT_OPTIONS & PlatformSimulatorOptions;

/** What the handlers share: options, memory, and the timers and requests close() must end. */
type Runtime = {
  opts: Options;
  state: PlatformState;
  logger: Pick<Logger, 'info' | 'warn'>;
  later(ms: number, fn: () => void): void;
  inflight: Set<AbortController>;
  closing: boolean;
};

/**
 * Starts the platform simulator on `host:port` (port 0 = a free one).
 * @example
 * const platform = await startPlatformSimulator({ secret: 'demo-command-feed-secret' });
 * // POST `${platform.url}/feed` signed with that secret; platform.state.messages holds it
 */
export async function startPlatformSimulator(
  options: PlatformSimulatorOptions,
): Promise<PlatformSimulator> {
  const opts: Options = {
    ...DEFAULT_OPTIONS,
    ...withoutUndefined(options),
    secret: options.secret,
  };
  if (!opts.secret) throw new Error('startPlatformSimulator: secret is required');
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const rt: Runtime = {
    opts,
    state: new PlatformState(),
    logger: options.logger ?? NOOP_LOGGER,
    inflight: new Set(),
    closing: false,
    later(ms, fn) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms);
      timers.add(timer);
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > opts.maxBodyBytes) req.socket.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      void Promise.resolve(route(rt, req, res, raw)).catch((err: unknown) => {
        rt.logger.warn({ err }, 'platform: request failed');
        if (!res.headersSent) send(res, 500, { error: 'internal' });
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.host}:${port}`;
  rt.logger.info({ url, callbackUrl: opts.callbackUrl ?? null }, 'platform simulator listening');

  return {
    url,
    state: rt.state,
    close: async () => {
      rt.closing = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const abort of rt.inflight) abort.abort();
      for (const socket of sockets) socket.destroy(); // held (`timeout`) requests included
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function route(rt: Runtime, req: http.IncomingMessage, res: http.ServerResponse, raw: string) {
  const route = `${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}`;
  switch (route) {
    case 'POST /feed':
      return handleFeed(rt, req, res, raw);
    case 'GET /received':
      return send(res, 200, rt.state.report());
    case 'DELETE /received':
      rt.state.clear();
      return send(res, 200, { cleared: true });
    case 'GET /control':
      return send(res, 200, rt.state.fault);
    case 'POST /control':
      return handleControl(rt, res, raw);
    case 'POST /control/callback':
      return handleControlCallback(rt, res, raw);
    default:
      return send(res, 404, { error: 'not_found', reason: `no route ${route}` });
  }
}

/** POSTs one signed callback to our server; never throws. */
async function postCallback(rt: Runtime, callback: FeedCallback, secret: string) {
  if (!rt.opts.callbackUrl) return { status: null, body: { error: 'no callback URL configured' } };
  const body = JSON.stringify(callback);
  const abort = new AbortController();
  rt.inflight.add(abort);
  const timer = setTimeout(() => abort.abort(), rt.opts.callbackTimeoutMs);
  try {
    const response = await fetch(rt.opts.callbackUrl, {
      method: 'POST',
      headers: signedHeaders(secret, callback.id, body),
      body,
      signal: abort.signal,
    });
    const text = await response.text();
    return { status: response.status as number | null, body: parseJson(text) ?? text };
  } catch (err) {
    return { status: null, body: { error: String(err) } };
  } finally {
    clearTimeout(timer);
    rt.inflight.delete(abort);
  }
}

/** Sends a callback, retrying with doubling delays while our server is unreachable or 5xx. */
function sendWithRetries(rt: Runtime, callback: FeedCallback) {
  const record: SentCallback = { callback, attempts: 0, status: null, body: null };
  rt.state.callbacks.push(record);
  const attempt = async () => {
    if (rt.closing) return;
    record.attempts += 1;
    const { status, body } = await postCallback(rt, callback, rt.opts.secret);
    record.status = status;
    record.body = body;
    const retry = status === null || status >= 500;
    rt.logger.info(
      { callback: callback.type, eventId: callback.eventId, status, attempt: record.attempts },
      'platform: callback sent',
    );
    if (retry && record.attempts < rt.opts.callbackAttempts && !rt.closing) {
      rt.later(rt.opts.callbackRetryMs * 2 ** (record.attempts - 1), () => void attempt());
    } else if (retry) {
      rt.logger.warn({ callbackId: callback.id, status }, 'platform: callback given up');
    }
  };
  void attempt();
}

function scheduleAutoAccept(rt: Runtime, message: FeedMessage) {
  if (!rt.opts.autoAccept || !rt.opts.callbackUrl) return;
  const takesOver =
    message.kind === 'event.takeover' ||
    (message.kind === 'event.reported' && message.event.grade === 'L4');
  if (!takesOver) return;
  const callback: FeedCallback = {
    contract: FEED_CONTRACT_VERSION,
    id: crypto.randomUUID(),
    type: 'accept',
    eventId: message.event.id,
    note: '区联合指挥平台已受理',
  };
  rt.later(rt.opts.acceptDelayMs, () => sendWithRetries(rt, callback));
}

/** Verifies, de-duplicates and stores one delivery; the answer to send, if any. */
function processFeed(rt: Runtime, req: http.IncomingMessage, raw: string): Answer {
  const { state, logger } = rt;
  const check = verifyFeedSignature(
    rt.opts.secret,
    {
      timestamp: headerOf(req, FEED_HEADERS.timestamp),
      signature: headerOf(req, FEED_HEADERS.signature),
    },
    raw,
  );
  if (!check.ok) {
    state.rejected += 1;
    logger.warn({ reason: check.reason }, 'platform: delivery rejected');
    return [401, { error: 'bad_signature', reason: check.reason }];
  }
  const key = headerOf(req, FEED_HEADERS.idempotencyKey);
  const message = parseJson(raw);
  const problem = describeProblem(message, key);
  if (problem) {
    state.invalid += 1;
    logger.warn({ reason: problem }, 'platform: delivery malformed');
    return [400, { error: 'invalid', reason: problem }];
  }
  const feed = message as FeedMessage;
  if (state.processedKeys.has(feed.id)) {
    state.duplicates += 1;
    return [200, { duplicate: true, id: feed.id }];
  }
  state.processedKeys.add(feed.id);
  state.messages.push(feed);
  if (feed.kind !== 'property.snapshot') {
    const sequences = state.byEvent.get(feed.event.id) ?? [];
    if (feed.sequence !== (sequences.at(-1) ?? 0) + 1) {
      state.outOfOrder += 1;
      logger.warn(
        { eventId: feed.event.id, sequence: feed.sequence, previous: sequences.at(-1) ?? null },
        'platform: out of order',
      );
    }
    sequences.push(feed.sequence);
    state.byEvent.set(feed.event.id, sequences);
  }
  scheduleAutoAccept(rt, feed);
  return [200, { received: true, id: feed.id }];
}

function handleFeed(
  rt: Runtime,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  raw: string,
): void {
  const fault = rt.state.takeFault();
  switch (fault.mode) {
    case 'fail':
      return send(res, fault.status, { error: 'simulated_failure', status: fault.status });
    case 'timeout':
      return; // hold the socket open until the client gives up (or close() ends it)
    case 'drop':
      req.socket.destroy();
      return;
    case 'lose_ack':
      processFeed(rt, req, raw);
      req.socket.destroy();
      return;
    case 'slow':
      // a slow platform still does the work: the message is stored when the delay ends, even
      // if the sender has given up by then (its retry must then be a duplicate)
      return rt.later(fault.delayMs, () => {
        const [status, body] = processFeed(rt, req, raw);
        if (!res.destroyed) send(res, status, body);
      });
    case 'ok': {
      const [status, body] = processFeed(rt, req, raw);
      return send(res, status, body);
    }
  }
}

async function handleControlCallback(rt: Runtime, res: http.ServerResponse, raw: string) {
  const input = parseJson(raw) as (Record<string, unknown> & { badSignature?: unknown }) | null;
  if (!input || typeof input !== 'object') {
    return send(res, 400, { error: 'invalid', reason: 'body: expected a FeedCallback as JSON' });
  }
  if (!rt.opts.callbackUrl) {
    return send(res, 409, { error: 'no_callback_url', reason: 'start with a callback URL' });
  }
  const { badSignature, ...rest } = input;
  const callback = {
    contract: FEED_CONTRACT_VERSION,
    id: crypto.randomUUID(),
    ...rest,
  } as FeedCallback;
  if (!CALLBACK_TYPES.includes(callback.type) || typeof callback.eventId !== 'number') {
    return send(res, 400, {
      error: 'invalid',
      reason: `type: one of ${CALLBACK_TYPES.join(', ')}, and eventId: a number`,
    });
  }
  const secret = badSignature === true ? WRONG_SECRET : rt.opts.secret;
  const answer = await postCallback(rt, callback, secret);
  rt.state.callbacks.push({ callback, attempts: 1, ...answer });
  rt.logger.info(
    { callback: callback.type, eventId: callback.eventId, status: answer.status },
    'platform: callback sent on request',
  );
  return send(res, 200, { callback, status: answer.status, body: answer.body });
}

function handleControl(rt: Runtime, res: http.ServerResponse, raw: string) {
  const input = parseJson(raw) as Partial<FaultControl> | null;
  const problem = describeControlProblem(input);
  if (problem) return send(res, 400, { error: 'invalid', reason: problem });
  const control = input as FaultControl;
  rt.state.fault = {
    mode: control.mode,
    status: control.status ?? 500,
    delayMs: control.delayMs ?? 2000,
    remaining: control.mode === 'ok' ? null : (control.count ?? null),
  };
  rt.logger.info({ fault: rt.state.fault }, 'platform: fault mode set');
  return send(res, 200, rt.state.fault);
}

type Answer = [status: number, body: unknown];

function send(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function headerOf(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** What is wrong with a delivered body, or null when it is a message of this contract. */
export function describeProblem(message: unknown, key: string | undefined): string | null {
  if (!message || typeof message !== 'object') return 'body: expected a FeedMessage as JSON';
  const m = message as Record<string, unknown>;
  if (m.contract !== FEED_CONTRACT_VERSION) {
    return `contract: expected ${FEED_CONTRACT_VERSION}, got ${JSON.stringify(m.contract)}`;
  }
  if (typeof m.id !== 'string' || m.id === '') return 'id: expected a non-empty string';
  if (!FEED_KINDS.includes(m.kind as string)) {
    return `kind: expected one of ${FEED_KINDS.join(', ')}, got ${JSON.stringify(m.kind)}`;
  }
  if (key !== m.id) {
    return `${FEED_HEADERS.idempotencyKey}: expected the message id ${m.id}, got ${key ?? 'none'}`;
  }
  if (m.kind === 'property.snapshot') return null;
  if (!Number.isInteger(m.sequence) || (m.sequence as number) < 1) {
    return 'sequence: expected an integer ≥ 1';
  }
  const event = m.event as { id?: unknown } | undefined;
  if (!event || !Number.isInteger(event.id)) return 'event.id: expected an integer';
  return null;
}

function describeControlProblem(input: Partial<FaultControl> | null): string | null {
  if (!input || typeof input !== 'object')
    return 'body: expected {mode, status?, delayMs?, count?}';
  if (!FAULT_MODES.includes(input.mode as FaultMode)) {
    return `mode: expected one of ${FAULT_MODES.join(', ')}`;
  }
  const { status, delayMs, count } = input;
  if (status !== undefined && !(Number.isInteger(status) && status >= 400 && status <= 599)) {
    return 'status: expected an integer in [400, 599]';
  }
  if (delayMs !== undefined && !(Number.isInteger(delayMs) && delayMs >= 0 && delayMs <= 600_000)) {
    return 'delayMs: expected an integer in [0, 600000]';
  }
  if (count !== undefined && !(Number.isInteger(count) && count >= 1)) {
    return 'count: expected an integer ≥ 1';
  }
  return null;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
