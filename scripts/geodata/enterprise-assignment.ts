import type { Random } from './seeded-random.ts';

const DEFAULT_OPTIONS = {
  zipf: 0.8, // portfolio sizes fall off like rank^-0.8: a few large firms, many small ones
  homeBias: 8, // a firm is this many times likelier to win a compound in its home street
};

/**
 * Gives every professionally managed compound an enterprise id (1..enterpriseCount). Each firm has
 * a home street where it wins most of its compounds; every firm ends up with at least one compound.
 *
 * @example
 * assignEnterprises([{street: 0}, {street: 0}, {street: 3}], 2, random); // e.g. [1, 1, 2]
 */
export function assignEnterprises(
  compounds: readonly { street: number }[],
  enterpriseCount: number,
  random: Random,
  options: Partial<typeof DEFAULT_OPTIONS> = {},
): number[] {
  const { zipf, homeBias } = { ...DEFAULT_OPTIONS, ...options };
  if (compounds.length < enterpriseCount) {
    throw new Error(
      `${enterpriseCount} enterprises need at least as many compounds, got ${compounds.length}`,
    );
  }
  const streets = [...new Set(compounds.map((c) => c.street))].sort((a, b) => a - b);
  const perStreet = new Map(
    streets.map((s) => [s, compounds.filter((c) => c.street === s).length]),
  );
  // home streets in proportion to how many professional compounds each street has
  const homes = Array.from({ length: enterpriseCount }, () => {
    let target = random.next() * compounds.length;
    for (const s of streets) {
      target -= perStreet.get(s) ?? 0;
      if (target < 0) return s;
    }
    return streets[streets.length - 1] ?? 0;
  });
  const weights = homes.map((_, rank) => (rank + 1) ** -zipf);

  const owner = compounds.map((c) => {
    const scores = weights.map((w, e) => w * (homes[e] === c.street ? homeBias : 1));
    let target = random.next() * scores.reduce((sum, s) => sum + s, 0);
    for (let e = 0; e < scores.length; e++) {
      target -= scores[e] ?? 0;
      if (target < 0) return e;
    }
    return scores.length - 1;
  });

  // a firm without a compound takes one from the largest portfolio, in its home street if it can
  for (let e = 0; e < enterpriseCount; e++) {
    if (owner.includes(e)) continue;
    const counts = new Map<number, number>();
    for (const o of owner) counts.set(o, (counts.get(o) ?? 0) + 1);
    const largest = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
    const candidates = owner.map((o, i) => (o === largest ? i : -1)).filter((i) => i >= 0);
    const home = candidates.find((i) => compounds[i]?.street === homes[e]);
    owner[home ?? candidates[0] ?? 0] = e;
  }
  return owner.map((e) => e + 1);
}
