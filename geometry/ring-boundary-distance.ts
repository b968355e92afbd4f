import type { Position } from '../common/geo.ts';
import { pointSegmentDistance } from './point-segment-distance.ts';
import { doSegmentsIntersect } from './segments-intersect.ts';

/**
 * Smallest planar distance between the boundaries of two closed rings: 0 when they touch or cross,
 * and the gap between the outlines when one lies inside the other (how far a compound keeps from
 * its grid's edge). For the distance between the areas, see `ringDistance`.
 * @example ringBoundaryDistance(square(0, 0, 10), square(2, 2, 2)) // 2 (nested)
 */
export function ringBoundaryDistance(r1: readonly Position[], r2: readonly Position[]): number {
  let best = Infinity;
  for (let i = 0; i + 1 < r1.length; i++) {
    const a = r1[i] as Position;
    const b = r1[i + 1] as Position;
    for (let j = 0; j + 1 < r2.length; j++) {
      const c = r2[j] as Position;
      const d = r2[j + 1] as Position;
      if (doSegmentsIntersect(a, b, c, d)) return 0;
      // for disjoint segments the minimum is at an endpoint of one of them; the other endpoints
      // come round as the first endpoint of the next segment of a closed ring
      best = Math.min(best, pointSegmentDistance(a, c, d), pointSegmentDistance(c, a, b));
    }
  }
  return best;
}
