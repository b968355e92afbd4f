import type { LoginResult } from '../../common/auth.ts';

// the session lives in sessionStorage: per tab, gone when the tab closes, never in a cookie (the API
// reads a Bearer token, so there is nothing for a cross-site request to ride on).

const STORAGE_KEY = 'licheng.session';

/** The part of the Storage API the session needs; sessionStorage in the browser. */
export type SessionStorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * The stored session, or null when there is none, it is malformed or it has expired at `now`.
 * @example readSession(window.sessionStorage, Date.now()) // { token, expiresAt, user } | null
 */
export function readSession(storage: SessionStorageLike, now: number): LoginResult | null {
  let stored: unknown;
  try {
    stored = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    return null;
  }
  if (!isLoginResult(stored)) return null;
  return Date.parse(stored.expiresAt) > now ? stored : null;
}

export function writeSession(storage: SessionStorageLike, session: LoginResult): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(session));
}

export function clearSession(storage: SessionStorageLike): void {
  storage.removeItem(STORAGE_KEY);
}

function isLoginResult(value: unknown): value is LoginResult {
  if (typeof value !== 'object' || value === null) return false;
  const { token, expiresAt, user } = value as Record<string, unknown>;
  return (
    typeof token === 'string' &&
    typeof expiresAt === 'string' &&
    typeof user === 'object' &&
    user !== null &&
    'role' in user &&
    'scope' in user
  );
}
