import type { MultiPolygon, Polygon, Position } from '../common/geo.ts';
import { isPointInPolygon } from './point-in-polygon.ts';
import { ringCentroid } from './ring-centroid.ts';
import { ringSignedArea } from './ring-area.ts';

/**
 * A point inside a polygon to hang its label on: the area centroid of its outer ring when that lies
 * inside, else the middle of the widest inside span on the centroid's latitude (concave shapes such
 * as river-bend streets). For a MultiPolygon, the largest part is labelled.
 * @example labelPoint({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] }) // [1, 1]
 */
export function labelPoint(geometry: Polygon | MultiPolygon): Position | null {
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : largestPart(geometry);
  const outer = rings[0];
  if (!outer || outer.length < 4) return null;
  const centroid = ringCentroid(outer);
  // tested against all rings, so a centroid in a hole counts as outside
  if (centroid && isPointInPolygon(centroid, rings)) return centroid;
  const y = centroid ? centroid[1] : (outer[0] as Position)[1];
  return widestSpanMiddle(rings, y) ?? (outer[0] as Position);
}

function largestPart(geometry: MultiPolygon): Position[][] {
  let best: Position[][] = [];
  let bestArea = -1;
  for (const part of geometry.coordinates) {
    const area = part[0] ? Math.abs(ringSignedArea(part[0])) : 0;
    if (area > bestArea) {
      best = part;
      bestArea = area;
    }
  }
  return best;
}

function widestSpanMiddle(rings: Position[][], y: number): Position | null {
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as Position;
      const [xj, yj] = ring[j] as Position;
      if (yi > y !== yj > y) xs.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
    }
  }
  xs.sort((a, b) => a - b);
  let best: Position | null = null;
  let bestWidth = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const left = xs[i] as number;
    const right = xs[i + 1] as number;
    if (right - left > bestWidth) {
      bestWidth = right - left;
      best = [(left + right) / 2, y];
    }
  }
  return best;
}
