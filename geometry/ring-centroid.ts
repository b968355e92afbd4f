import type { Position } from '../common/geo.ts';

/**
 * The area-weighted centroid of a ring (open or closed), what PostGIS's ST_Centroid gives for a
 * polygon without holes; null when the ring has no area. `@turf/centroid` is the vertex mean, a
 * different point; `@turf/center-of-mass` gives this point (test/geometry checks they agree) but
 * builds Features per call, and the neighbour graph calls this for 20,000 rings.
 * @example ringCentroid([[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]) // [1, 1]
 */
export function ringCentroid(ring: readonly Position[]): Position | null {
  const first = ring[0];
  if (!first) return null;
  // relative to the first vertex: cross products of raw lng/lat lose digits to cancellation
  const [x0, y0] = first;
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    const [ax, ay, bx, by] = [xj - x0, yj - y0, xi - x0, yi - y0];
    const cross = ax * by - bx * ay;
    area += cross;
    cx += (ax + bx) * cross;
    cy += (ay + by) * cross;
  }
  if (area === 0) return null;
  return [x0 + cx / (3 * area), y0 + cy / (3 * area)];
}
