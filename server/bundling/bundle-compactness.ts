import type { BundleCompactness } from '../../common/bundling.ts';
import type { Position } from '../../common/geo.ts';
import { convexHull } from '../../geometry/convex-hull.ts';
import { ringSignedArea } from '../../geometry/ring-area.ts';

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
  const hull = convexHull(xs.map((x, i): Position => [x, ys[i]!]));
  return {
    sumDistanceToCentreM: round1(sumDistanceToMean(xs, ys)),
    hullAreaM2: round1(Math.abs(ringSignedArea(hull))),
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

// hulls of a bundle have a handful of vertices: the quadratic scan is cheaper than calipers
function hullDiameter(hull: Position[]): number {
  let best = 0;
  for (let i = 0; i < hull.length; i++) {
    for (let j = i + 1; j < hull.length; j++) {
      best = Math.max(best, Math.hypot(hull[i]![0] - hull[j]![0], hull[i]![1] - hull[j]![1]));
    }
  }
  return best;
}
