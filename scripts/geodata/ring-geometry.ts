import type { Polygon, Position } from '../../common/geo.ts';

// Plain planar helpers for closed rings (first position repeated last). They work in whatever
// units the positions are in: degrees for orientation and topology, local metres for distances.

/** Twice the signed area; positive for counter-clockwise rings. */
export function ringSignedArea2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i] as Position;
    const [x2, y2] = ring[i + 1] as Position;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

/** Ray casting; points exactly on the boundary may fall either way. */
export function isPointInRing([x, y]: Position, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when the closed segments ab and cd share at least one point. */
export function doSegmentsIntersect(a: Position, b: Position, c: Position, d: Position): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    return true;
  }
  return (
    (d1 === 0 && isOnSegment(c, d, a)) ||
    (d2 === 0 && isOnSegment(c, d, b)) ||
    (d3 === 0 && isOnSegment(a, b, c)) ||
    (d4 === 0 && isOnSegment(a, b, d))
  );
}

/** Distance from p to the segment ab. */
export function pointSegmentDistance(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t =
    len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** Smallest distance between two ring boundaries; 0 when they touch or cross. */
export function ringBoundaryDistance(r1: readonly Position[], r2: readonly Position[]): number {
  let best = Infinity;
  for (let i = 0; i + 1 < r1.length; i++) {
    const a = r1[i] as Position;
    const b = r1[i + 1] as Position;
    for (let j = 0; j + 1 < r2.length; j++) {
      const c = r2[j] as Position;
      const d = r2[j + 1] as Position;
      if (doSegmentsIntersect(a, b, c, d)) return 0;
      // for disjoint segments the minimum is reached at an endpoint of one of them
      best = Math.min(best, pointSegmentDistance(a, c, d), pointSegmentDistance(c, a, b));
    }
  }
  return best;
}

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
  const isCcw = ringSignedArea2(ring) > 0;
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

function isOnSegment(a: Position, b: Position, p: Position): boolean {
  return (
    Math.min(a[0], b[0]) <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] &&
    p[1] <= Math.max(a[1], b[1])
  );
}

/** The bounding box [minX, minY, maxX, maxY] of a ring. */
export function ringBox(ring: readonly Position[]): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of ring) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return [minX, minY, maxX, maxY];
}
