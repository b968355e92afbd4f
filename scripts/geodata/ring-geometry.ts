import type { Polygon, Position } from '../../common/geo.ts';
import { ringSignedArea } from '../../geometry/ring-area.ts';
import { doSegmentsIntersect } from '../../geometry/segments-intersect.ts';

// Cleaning helpers for the generator's closed rings (first position repeated last); the general
// geometry (areas, point in polygon, distances) is in geometry/.

/** Pairs of non-adjacent edges of a closed ring that touch or cross (empty for a simple ring). */
export function findRingSelfIntersections(ring: readonly Position[]): [number, number][] {
  const found: [number, number][] = [];
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      // neighbouring edges share a vertex by design
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      const a = ring[i] as Position;
      const b = ring[i + 1] as Position;
      const c = ring[j] as Position;
      const d = ring[j + 1] as Position;
      if (doSegmentsIntersect(a, b, c, d)) found.push([i, j]);
    }
  }
  return found;
}

/**
 * Rounds a ring to `decimals`, then drops repeated vertices and zero-area spikes or straight-line
 * vertices (exactly collinear after rounding), and closes it.
 */
export function cleanRing(ring: readonly Position[], decimals: number): Position[] {
  const factor = 10 ** decimals;
  let points: Position[] = ring.map(([x, y]) => [
    Math.round(x * factor) / factor,
    Math.round(y * factor) / factor,
  ]);
  if (
    points.length > 1 &&
    samePosition(points[0] as Position, points[points.length - 1] as Position)
  ) {
    points.pop();
  }
  let changed = true;
  while (changed && points.length >= 3) {
    changed = false;
    const kept: Position[] = [];
    for (let i = 0; i < points.length; i++) {
      const prev =
        kept.length > 0
          ? (kept[kept.length - 1] as Position)
          : (points[points.length - 1] as Position);
      const cur = points[i] as Position;
      const next = points[(i + 1) % points.length] as Position;
      if (samePosition(prev, cur) || cross(prev, cur, next) === 0) {
        changed = true;
        continue;
      }
      kept.push(cur);
    }
    points = kept;
  }
  if (points.length < 3) return [];
  return [...points, points[0] as Position];
}

/** Returns the ring with counter-clockwise (exterior, RFC 7946) or clockwise (hole) orientation. */
export function orientRing(ring: readonly Position[], counterClockwise: boolean): Position[] {
  const isCcw = ringSignedArea(ring) > 0;
  return isCcw === counterClockwise ? [...ring] : [...ring].reverse();
}

/** Cleans every ring of a polygon at `decimals` and orients it as RFC 7946 asks. */
export function cleanPolygon(polygon: Polygon, decimals: number): Polygon {
  const rings = polygon.coordinates
    .map((ring) => cleanRing(ring, decimals))
    .filter((ring) => ring.length >= 4)
    .map((ring, i) => orientRing(ring, i === 0));
  if (rings.length === 0) throw new Error('Polygon collapsed to nothing when cleaned');
  return { type: 'Polygon', coordinates: rings };
}

/** True when the ring turns the same way at every vertex. */
export function isConvexRing(ring: readonly Position[]): boolean {
  let sign = 0;
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    const c = cross(
      ring[(i + n - 1) % n] as Position,
      ring[i] as Position,
      ring[(i + 1) % n] as Position,
    );
    if (c === 0) continue;
    if (sign === 0) sign = Math.sign(c);
    else if (Math.sign(c) !== sign) return false;
  }
  return true;
}

export function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function cross(o: Position, a: Position, b: Position): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}
