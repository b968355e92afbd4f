import type { Position } from '../common/geo.ts';

/**
 * Planar distance from `p` to the segment `ab`, in the positions' units (projected metres, as a
 * rule). Hand-written: `@turf/point-to-line-distance` measures lng/lat along the sphere and builds
 * Features per call; this runs in the neighbour graph's and the geodata generator's inner loops.
 * @example pointSegmentDistance([1, 1], [0, 0], [2, 0]) // 1
 */
export function pointSegmentDistance(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t =
    len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}
