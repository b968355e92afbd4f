import type { BundleCompactness } from '../../common/bundling.ts';

/**
 * Compactness of a set of centroids (metres): sum of distances to their mean, convex-hull area and
 * span. O(k log k); the hull is of the centroids, a cheap stand-in for the polygons' hull.
 *
 * @example
 * measureCompactness([0, 10], [0, 0]); // {sumDistanceToCentreM: 10, hullAreaM2: 0, spanM: 10}
 */
export function measureCompactness(
  xs: readonly number[],
  ys: readonly number[],
): BundleCompactness {
  const n = xs.length;
  if (n !== ys.length) throw new Error(`Expected as many ys as xs (${n}), got ${ys.length}`);
  if (n === 0) return { sumDistanceToCentreM: 0, hullAreaM2: 0, spanM: 0 };
  const hull = convexHull(xs, ys);
  return {
    sumDistanceToCentreM: round1(sumDistanceToMean(xs, ys)),
    hullAreaM2: round1(polygonArea(hull)),
    spanM: round1(hullDiameter(hull)),
  };
}

/** Sum of Euclidean distances from each point to the points' mean. */
export function sumDistanceToMean(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (n === 0) return 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < n; i++) {
    cx += xs[i]!;
    cy += ys[i]!;
  }
  cx /= n;
  cy /= n;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.hypot(xs[i]! - cx, ys[i]! - cy);
  return sum;
}

// figures go to the UI and into exact test assertions: a decimetre is plenty
function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

type Point = [number, number];

// Andrew's monotone chain; collinear points are dropped
function convexHull(xs: readonly number[], ys: readonly number[]): Point[] {
  const pts: Point[] = xs.map((x, i) => [x, ys[i]!]);
  pts.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  if (pts.length < 3) return pts;
  const cross = (o: Point, a: Point, b: Point) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Point[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower.at(-2)!, lower.at(-1)!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!;
    while (upper.length >= 2 && cross(upper.at(-2)!, upper.at(-1)!, p) <= 0) upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

function polygonArea(ring: Point[]): number {
  let twice = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    twice += x1 * y2 - x2 * y1;
  }
  return Math.abs(twice) / 2;
}

// hulls of a bundle have a handful of vertices: the quadratic scan is cheaper than calipers
function hullDiameter(hull: Point[]): number {
  let best = 0;
  for (let i = 0; i < hull.length; i++) {
    for (let j = i + 1; j < hull.length; j++) {
      best = Math.max(best, Math.hypot(hull[i]![0] - hull[j]![0], hull[i]![1] - hull[j]![1]));
    }
  }
  return best;
}
