/** A deterministic random source; the same seed always gives the same sequence. */
export type Random = {
  /** uniform in [0, 1) */
  next(): number;
  /** uniform in [min, max) */
  range(min: number, max: number): number;
  /** integer uniform in [min, max], both ends included */
  int(min: number, max: number): number;
  /** true with probability p */
  chance(p: number): boolean;
  /** one element of a non-empty list */
  pick<T>(items: readonly T[]): T;
  /** a shuffled copy (Fisher–Yates) */
  shuffle<T>(items: readonly T[]): T[];
  /** an independent stream named by label; it does not depend on draws already made here */
  fork(label: string): Random;
};

/**
 * Creates a seeded random source (sfc32, seeded through splitmix32).
 *
 * @example
 * const random = createRandom(20240318);
 * random.int(1, 6); // the same number on every run
 */
export function createRandom(seed: number): Random {
  if (!Number.isInteger(seed)) throw new Error(`Seed must be an integer, got ${seed}`);
  let s = seed >>> 0;
  // splitmix32 spreads a small seed over the four state words
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();

  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };

  const random: Random = {
    next,
    range: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('Cannot pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j] as (typeof out)[number], out[i] as (typeof out)[number]];
      }
      return out;
    },
    fork: (label) => createRandom(hashString(`${seed}:${label}`)),
  };
  return random;
}

/** FNV-1a, enough to turn a label into a seed offset. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
