import crypto from 'node:crypto';

// A signed session token: base64url(JSON payload) + "." + base64url(HMAC-SHA256). Any server
// process holding the shared secret (app_secrets, or SESSION_SECRET) can verify it; `ver` is the
// user's session version when it was issued, which a logout bumps (auth-routes.ts checks it).

/** user id, expiry in epoch seconds, the user's session version at issue */
export type TokenPayload = { sub: number; exp: number; ver: number };

// exactly two base64url parts; the signature is a 32-byte HMAC (43 characters, no padding)
const TOKEN_FORM = /^[A-Za-z0-9_-]{1,2048}\.[A-Za-z0-9_-]{43}$/;

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
  if (!TOKEN_FORM.test(token)) return null;
  const [body, signature] = token.split('.') as [string, string];
  const expected = Buffer.from(sign(body, secret));
  const actual = Buffer.from(signature);
  if (actual.length !== expected.length || !crypto.timingSafeEqual(actual, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenPayload;
    if (
      !Number.isInteger(payload.sub) ||
      typeof payload.exp !== 'number' ||
      !Number.isInteger(payload.ver)
    ) {
      return null;
    }
    return payload.exp > nowSeconds ? payload : null;
  } catch {
    return null;
  }
}

function sign(body: string, secret: string): string {
  return crypto.createHmac('sha256', secret).update(body).digest('base64url');
}
