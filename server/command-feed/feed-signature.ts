import crypto from 'node:crypto';
import { FEED_HEADERS, FEED_SIGNATURE_WINDOW_S } from '../../common/command-feed.ts';

// HMAC-SHA256 signing of the command-feed contract (common/command-feed.ts), both directions:
// sha256=<hex of HMAC(secret, `${timestamp}.${body}`)>, timestamp in Unix seconds.

/**
 * The signature header value for a body signed at `timestamp`.
 * @example
 * signFeedBody('secret', 1700000000, '{}') // 'sha256=…64 hex digits'
 */
export function signFeedBody(secret: string, timestamp: number, body: string): string {
  const mac = crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `sha256=${mac}`;
}

/** The headers for POSTing a signed body. */
export function signedHeaders(
  secret: string,
  idempotencyKey: string,
  body: string,
  nowMs = Date.now(),
): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    'content-type': 'application/json',
    [FEED_HEADERS.idempotencyKey]: idempotencyKey,
    [FEED_HEADERS.timestamp]: String(timestamp),
    [FEED_HEADERS.signature]: signFeedBody(secret, timestamp, body),
  };
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Checks a received body's timestamp (within the window of our clock) and signature (in constant
 * time). The reason names what failed, for the log and the 401 answer.
 */
export function verifyFeedSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowMs = Date.now(),
  windowS = FEED_SIGNATURE_WINDOW_S,
): SignatureCheck {
  const { timestamp, signature } = headers;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, reason: `${FEED_HEADERS.timestamp}: expected Unix seconds` };
  }
  const skew = Math.abs(nowMs / 1000 - Number(timestamp));
  if (skew > windowS) {
    return {
      ok: false,
      reason: `${FEED_HEADERS.timestamp}: ${Math.round(skew)} s from our clock, outside ±${windowS} s`,
    };
  }
  if (!signature || !/^sha256=[0-9a-f]{64}$/.test(signature)) {
    return { ok: false, reason: `${FEED_HEADERS.signature}: expected sha256=<64 hex digits>` };
  }
  const expected = Buffer.from(signFeedBody(secret, Number(timestamp), body));
  if (!crypto.timingSafeEqual(expected, Buffer.from(signature))) {
    return { ok: false, reason: `${FEED_HEADERS.signature}: does not match the body` };
  }
  return { ok: true };
}
