import type { Position } from '../../common/geo.ts';

/**
 * Whether a point lies inside a polygon given as rings (outer first, then holes), by the even-odd
 * rule. Rings may be open or closed. A point exactly on an edge may fall either way.
 * @example isPointInPolygon([1, 1], [[[0, 0], [2, 0], [2, 2], [0, 2]]]) // true
 */
export function isPointInPolygon(
  [x, y]: Position,
  rings: readonly (readonly Position[])[],
): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as Position;
      const [xj, yj] = ring[j] as Position;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}
