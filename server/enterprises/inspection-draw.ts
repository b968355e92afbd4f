import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { DrawCandidate, DrawnEnterprise } from '../../common/enterprises.ts';

// 双随机: enterprises to inspect and the inspectors who go, both drawn at random from a seed that
// is published with the result, so anyone holding the candidates can redraw and check it. Pure.

export const DRAW_DEFAULTS = {
  teamSize: 2, // inspectors sent to each enterprise (law enforcement goes in pairs)
};

export type DrawInput = {
  seed: number;
  candidates: readonly DrawCandidate[];
  inspectors: readonly string[];
  enterpriseCount: number;
  inspectorCount: number;
  /** draw from each street in proportion to its candidates (largest remainder) */
  stratified: boolean;
};

/**
 * Draws `enterpriseCount` enterprises and `inspectorCount` inspectors; each drawn enterprise gets a
 * team of two of the drawn inspectors in turn. Candidates are taken in id order and inspectors in
 * name order first, so the order they were given in does not change the draw.
 * @example drawInspection({seed: 7, candidates, inspectors, enterpriseCount: 2, inspectorCount: 2, stratified: false})
 *   // [{enterpriseId: 3, inspectors: ['王', '李']}, {enterpriseId: 1, inspectors: ['李', '王']}]
 */
export function drawInspection(input: DrawInput): DrawnEnterprise[] {
  const { seed, enterpriseCount, inspectorCount } = input;
  if (!Number.isInteger(seed)) throw new Error(`Seed must be an integer, got ${seed}`);
  const candidates = [...input.candidates].sort((a, b) => a.id - b.id);
  const inspectors = [...new Set(input.inspectors)].sort();
  if (enterpriseCount < 1 || enterpriseCount > candidates.length) {
    throw new Error(`enterpriseCount must be in [1, ${candidates.length}], got ${enterpriseCount}`);
  }
  if (inspectorCount < 1 || inspectorCount > inspectors.length) {
    throw new Error(`inspectorCount must be in [1, ${inspectors.length}], got ${inspectorCount}`);
  }
  const rng = xoroshiro128plus(seed);
  const pick = <T>(list: readonly T[], n: number): T[] => {
    const pool = [...list];
    // a partial Fisher–Yates shuffle: the first n places are the draw
    for (let i = 0; i < n; i++) {
      const j = uniformInt(rng, i, pool.length - 1);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    return pool.slice(0, n);
  };
  const drawnIds = input.stratified
    ? strata(candidates, enterpriseCount).flatMap(([ids, n]) => pick(ids, n))
    : pick(
        candidates.map((c) => c.id),
        enterpriseCount,
      );
  const team = pick(inspectors, inspectorCount);
  const size = Math.min(DRAW_DEFAULTS.teamSize, team.length);
  return drawnIds.map((enterpriseId, k) => ({
    enterpriseId,
    inspectors: Array.from({ length: size }, (_, i) => team[(k * size + i) % team.length]!),
  }));
}

/**
 * Each street's candidate ids (streets in code order) and how many to draw from it: shares of
 * `total` in proportion to the street's candidates, the remainders going to the largest
 * fractions (ties to the lower street code).
 */
export function strata(candidates: readonly DrawCandidate[], total: number): [number[], number][] {
  const byStreet = new Map<string, number[]>();
  for (const c of candidates)
    byStreet.set(c.streetCode, [...(byStreet.get(c.streetCode) ?? []), c.id]);
  const streets = [...byStreet.keys()].sort();
  const exact = streets.map((s) => (byStreet.get(s)!.length * total) / candidates.length);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = streets
    .map((_, i) => i)
    .sort((a, b) => exact[b]! - counts[b]! - (exact[a]! - counts[a]!) || a - b);
  for (const i of order) {
    if (left === 0) break;
    counts[i]! += 1;
    left -= 1;
  }
  return streets.map((s, i) => [byStreet.get(s)!, counts[i]!]);
}
