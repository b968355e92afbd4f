import type { Position } from '../common/geo.ts';

/**
 * True when the closed segments `ab` and `cd` share at least one point (touching counts).
 * Hand-written: `@turf/line-intersect` builds an index and Features per call, too heavy for the
 * pairwise edge loops of ring distances and self-intersection checks.
 * @example doSegmentsIntersect([0, 0], [2, 2], [0, 2], [2, 0]) // true
 */
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

// > 0 when o → a → b turns counter-clockwise
function cross(o: Position, a: Position, b: Position): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

// p is known to be collinear with ab: is it within the segment's box?
function isOnSegment(a: Position, b: Position, p: Position): boolean {
  return (
    Math.min(a[0], b[0]) <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] &&
    p[1] <= Math.max(a[1], b[1])
  );
}
