import type { Logger } from 'pino';
import type { Db } from '../db.ts';
import { signedHeaders } from './feed-signature.ts';
import {
  claimMessages,
  enqueueSnapshotIfDue,
  markDelivered,
  markFailed,
  type ClaimedMessage,
} from './outbox-queries.ts';

export const DEFAULT_FEED_OPTIONS = {
  batchSize: 50, // messages claimed per round; a full batch starts the next round at once
  concurrency: 8, // requests in flight to the platform at once
  leaseS: 60, // a claimed message is ours this long; after, another worker may take it over
  timeoutMs: 10_000, // a request the platform has not answered by then has failed
  maxAttempts: 20, // then a dead letter; 20 attempts at the default backoff span over 1.5 hours
  backoffBaseMs: 1000, // first retry after ≈ 1 s, doubling per attempt …
  backoffMaxMs: 300_000, // … up to 5 minutes between attempts
  pollMs: 500, // how often an idle worker looks for due messages
  snapshotCheckMs: 60_000, // how often it checks whether today's property snapshot is written
  personalData: false, // the contract allows the reporter's name and phone
  snapshots: true, // write the daily property.snapshot; off for demonstration data and a real platform
};
export type FeedOptions = typeof DEFAULT_FEED_OPTIONS & { url: string; secret: string };

/**
 * Retry delay after `attempt` failed attempts: exponential, capped, with "equal jitter" (half
 * fixed, half random) so that retries of many messages after an outage spread out.
 * @example
 * retryDelayMs(3, 1000, 300_000, () => 0.5) // 3000: 4 s halved, plus half of the other half
 */
export function retryDelayMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * Whether a failure may succeed on retry: no answer, a 5xx, 408 or 429 may; any other 4xx is the
 * platform refusing the message itself, which retrying will not change (a dead letter at once).
 */
export function isRetryable(status: number | null): boolean {
  return status === null || status >= 500 || status === 408 || status === 429;
}

/** The message as sent: the reporter removed unless the contract allows personal data. */
export function outgoingBody(body: Record<string, unknown>, personalData: boolean): string {
  const event = body.event as Record<string, unknown> | undefined;
  if (personalData || !event || !('reporter' in event)) return JSON.stringify(body);
  const { reporter: _reporter, ...rest } = event;
  return JSON.stringify({ ...body, event: rest });
}

export type FeedWorker = {
  /** one round: claim due messages, deliver them; resolves with how many were claimed */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
};

/**
 * Delivers the outbox to the platform until stopped. Each process may run one: claims are leased
 * and skip-locked (outbox-queries.ts), so two workers never send the same message at once, and
 * the idempotency key makes a repeat after a lost answer harmless.
 */
export function startFeedWorker(
  db: Db,
  options: Partial<typeof DEFAULT_FEED_OPTIONS> & { url: string; secret: string },
  logger: Logger,
  localDate: () => string,
): FeedWorker {
  const opts: FeedOptions = { ...DEFAULT_FEED_OPTIONS, ...options };
  const inFlight = new Set<AbortController>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let lastSnapshotCheck = 0;
  let running: Promise<number> | null = null;

  async function deliver(m: ClaimedMessage): Promise<void> {
    const body = outgoingBody(m.body, opts.personalData);
    const abort = new AbortController();
    inFlight.add(abort);
    const timeout = setTimeout(() => abort.abort(), opts.timeoutMs);
    let status: number | null = null;
    let error: string;
    try {
      const res = await fetch(opts.url, {
        method: 'POST',
        headers: signedHeaders(opts.secret, m.messageId, body),
        body,
        signal: abort.signal,
      });
      status = res.status;
      const text = await res.text();
      if (res.ok) {
        await markDelivered(db, m.id);
        return;
      }
      error = `HTTP ${res.status}: ${text.slice(0, 200)}`;
    } catch (err) {
      error = abort.signal.aborted
        ? stopped
          ? 'worker stopped during delivery'
          : `no answer within ${opts.timeoutMs} ms`
        : describe(err);
    } finally {
      clearTimeout(timeout);
      inFlight.delete(abort);
    }
    const dead = m.attempts >= opts.maxAttempts || !isRetryable(status);
    const retryInMs = retryDelayMs(m.attempts, opts.backoffBaseMs, opts.backoffMaxMs);
    await markFailed(db, m.id, error, { dead, retryInMs });
    const log = { messageId: m.messageId, attempts: m.attempts, error, retryInMs };
    if (dead) logger.error(log, 'command feed: dead letter');
    else logger.warn(log, 'command feed: delivery failed, will retry');
  }

  async function round(): Promise<number> {
    if (opts.snapshots && Date.now() - lastSnapshotCheck >= opts.snapshotCheckMs) {
      lastSnapshotCheck = Date.now();
      if (await enqueueSnapshotIfDue(db, localDate())) {
        logger.info({ date: localDate() }, 'command feed: property snapshot queued');
      }
    }
    const claimed = await claimMessages(db, opts.batchSize, opts.leaseS);
    for (let i = 0; i < claimed.length; i += opts.concurrency) {
      await Promise.all(claimed.slice(i, i + opts.concurrency).map(deliver));
    }
    return claimed.length;
  }

  const runOnce = () => (running ??= round().finally(() => (running = null)));

  const loop = async () => {
    if (stopped) return;
    let claimed = 0;
    try {
      claimed = await runOnce();
    } catch (err) {
      if (!stopped) logger.error({ err }, 'command feed: round failed');
    }
    if (!stopped) timer = setTimeout(loop, claimed >= opts.batchSize ? 0 : opts.pollMs);
  };
  timer = setTimeout(loop, 0);

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      for (const abort of inFlight) abort.abort();
      await running?.catch(() => {});
    },
  };
}

function describe(err: unknown): string {
  const e = err as { message?: string; cause?: { code?: string; message?: string } };
  return [e.message, e.cause?.code ?? e.cause?.message].filter(Boolean).join(': ') || String(err);
}
