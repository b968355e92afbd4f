import type { Polygon, Position } from '../../common/geo.ts';
import { findRingSelfIntersections } from './ring-geometry.ts';

const DEFAULT_OPTIONS = {
  tolerance: 2e-6, // degrees (≈ 0.2 m): rounding to 6 decimals moves a point at most ≈ 0.7e-6
  cellSize: 0.002, // degrees, spatial hash cell
};

/**
 * Inserts into every edge each vertex of any polygon that lies on it (within `tolerance`), so
 * that nested and neighbouring polygons share their borders vertex for vertex. Clipping puts a
 * child's corner exactly on its parent's edge, but rounding both to 6 decimals leaves slivers a few
 * centimetres wide; with the corner in both rings the borders coincide again.
 *
 * @example
 * const [street, community] = shareBoundaryVertices([street, community]);
 */
export function shareBoundaryVertices(
  polygons: readonly Polygon[],
  options: Partial<typeof DEFAULT_OPTIONS> = {},
): Polygon[] {
  const { tolerance, cellSize } = { ...DEFAULT_OPTIONS, ...options };
  const cells = new Map<string, Position[]>();
  const seen = new Set<string>();
  for (const polygon of polygons) {
    for (const ring of polygon.coordinates) {
      for (const p of ring) {
        const key = `${p[0]},${p[1]}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const cell = `${Math.floor(p[0] / cellSize)},${Math.floor(p[1] / cellSize)}`;
        cells.set(cell, [...(cells.get(cell) ?? []), p]);
      }
    }
  }

  const onEdge = (a: Position, b: Position): Position[] => {
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len2 = dx * dx + dy * dy;
    if (len2 === 0) return [];
    const found: { t: number; p: Position }[] = [];
    const x0 = Math.floor((Math.min(a[0], b[0]) - tolerance) / cellSize);
    const x1 = Math.floor((Math.max(a[0], b[0]) + tolerance) / cellSize);
    const y0 = Math.floor((Math.min(a[1], b[1]) - tolerance) / cellSize);
    const y1 = Math.floor((Math.max(a[1], b[1]) + tolerance) / cellSize);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        for (const p of cells.get(`${cx},${cy}`) ?? []) {
          const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
          if (t <= 0 || t >= 1) continue;
          const distance = Math.abs((p[0] - a[0]) * dy - (p[1] - a[1]) * dx) / Math.sqrt(len2);
          if (distance <= tolerance) found.push({ t, p });
        }
      }
    }
    return found.sort((u, v) => u.t - v.t).map((f) => f.p);
  };

  return polygons.map((polygon, index) => {
    const rings = polygon.coordinates.map((ring) => {
      const out: Position[] = [];
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i] as Position;
        out.push(a, ...onEdge(a, ring[i + 1] as Position));
      }
      out.push(ring[0] as Position);
      return out;
    });
    for (const ring of rings) {
      const crossings = findRingSelfIntersections(ring);
      if (crossings.length > 0) {
        throw new Error(
          `Polygon ${index} self-intersects after sharing vertices at edges ${crossings[0]?.join(',')}`,
        );
      }
    }
    return { type: 'Polygon', coordinates: rings };
  });
}
