import type { Position } from '../common/geo.ts';
import { isPointInPolygon } from './point-in-polygon.ts';
import { ringBoundaryDistance } from './ring-boundary-distance.ts';

/**
 * Planar distance between the areas of two closed rings (edge to edge, as PostGIS's ST_Distance
 * between polygons): 0 when they touch, cross, or one lies inside the other.
 * @example ringDistance(square(0, 0, 10), square(2, 2, 2)) // 0 (nested)
 * @example ringDistance(square(0, 0, 1), square(3, 0, 1)) // 2
 */
export function ringDistance(a: readonly Position[], b: readonly Position[]): number {
  const boundary = ringBoundaryDistance(a, b);
  if (boundary === 0) return 0;
  // disjoint outlines: either apart, or one holds the other (then any vertex of it is inside)
  const [pa, pb] = [a[0], b[0]];
  if ((pa && isPointInPolygon(pa, [b])) || (pb && isPointInPolygon(pb, [a]))) return 0;
  return boundary;
}
