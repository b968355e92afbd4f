/**
 * One token bucket per key (a user): `burst` calls at once, refilled at `perMinute`. Kept in this
 * process's memory; with several server processes each allows the rate on its own.
 * @example
 * const buckets = new TokenBuckets({ perMinute: 60, burst: 10 });
 * buckets.take('operator'); // → 0 (allowed), or the seconds until a token is back
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly options: { perMinute: number; burst: number; now?: () => number }) {}

  /** Takes a token for key: 0 when allowed, else the whole seconds until one is back (≥ 1). */
  take(key: string): number {
    const { perMinute, burst, now = Date.now } = this.options;
    const at = now();
    const known = this.buckets.get(key);
    const refilled = known ? known.tokens + ((at - known.at) / 60_000) * perMinute : burst;
    const tokens = Math.min(burst, refilled);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at });
      return Math.max(1, Math.ceil(((1 - tokens) * 60) / perMinute));
    }
    this.buckets.set(key, { tokens: tokens - 1, at }); // one entry per user: bounded by the users table
    return 0;
  }
}
