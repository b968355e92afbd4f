import crypto from 'node:crypto';

// A signed session token: base64url(JSON payload) + "." + base64url(HMAC-SHA256). Stateless, so
// any server process holding the shared secret (app_secrets, or SESSION_SECRET) can verify it.

export type TokenPayload = { sub: number; exp: number }; // user id, expiry in epoch seconds

export function signToken(payload: TokenPayload, secret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${sign(body, secret)}`;
}

/** The payload of a well-signed, unexpired token, else null. */
export function verifyToken(
  token: string,
  secret: string,
  nowSeconds: number,
): TokenPayload | null {
  const [body, signature] = token.split('.');
  if (!body || !signature) return null;
  const expected = Buffer.from(sign(body, secret));
  const actual = Buffer.from(signature);
  if (actual.length !== expected.length || !crypto.timingSafeEqual(actual, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenPayload;
    if (!Number.isInteger(payload.sub) || typeof payload.exp !== 'number') return null;
    return payload.exp > nowSeconds ? payload : null;
  } catch {
    return null;
  }
}

function sign(body: string, secret: string): string {
  return crypto.createHmac('sha256', secret).update(body).digest('base64url');
}
