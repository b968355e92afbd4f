import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Position } from '../common/geo.ts';

/**
 * Whether a point lies inside a polygon given as rings (outer first, then holes), by
 * `@turf/boolean-point-in-polygon`. Rings may be open (a drawn lasso) or closed; a point on any edge
 * (a hole's too) counts as inside, as with PostGIS's ST_Intersects. A ring of fewer than three
 * points holds nothing.
 * @example isPointInPolygon([1, 1], [[[0, 0], [2, 0], [2, 2], [0, 2]]]) // true
 */
export function isPointInPolygon(
  point: Position,
  rings: readonly (readonly Position[])[],
): boolean {
  const closed = rings.map(closeRing);
  if (!closed[0]) return false;
  return booleanPointInPolygon(point, {
    type: 'Polygon',
    // a degenerate hole is dropped rather than failing the whole test
    coordinates: [closed[0], ...closed.slice(1).filter((ring) => ring !== null)],
  });
}

// turf's test reads an open ring as if it had no closing edge (silently false), so close it
function closeRing(ring: readonly Position[]): Position[] | null {
  const first = ring[0];
  const last = ring.at(-1);
  if (!first || !last) return null;
  const isClosed = first[0] === last[0] && first[1] === last[1];
  const out = isClosed ? [...ring] : [...ring, first];
  return out.length >= 4 ? out : null;
}
