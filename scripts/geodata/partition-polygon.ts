import * as turf from '@turf/turf';
import type { Polygon, Position } from '../../common/geo.ts';
import { ringBounds } from '../../geometry/bounds.ts';
import { isPointInPolygon } from '../../geometry/point-in-polygon.ts';
import { ringSignedArea } from '../../geometry/ring-area.ts';
import { doSegmentsIntersect } from '../../geometry/segments-intersect.ts';
import {
  cleanPolygon,
  findRingSelfIntersections,
  isConvexRing,
  orientRing,
} from './ring-geometry.ts';

/** A Voronoi site and the unit (index into the result) whose cell it adds to. */
export type PartitionSite = { position: Position; unit: number };

const DEFAULT_OPTIONS = {
  decimals: 6, // output precision, ≈ 0.1 m
  minPieceArea: 1e-10, // deg², ≈ 1 m²: leftovers of float noise below this are dropped
};

/**
 * Splits a polygon into `unitCount` polygons: the Voronoi cell of every site clipped to the parent,
 * cells of one unit merged. A unit that comes out in several pieces keeps its largest; each other
 * piece joins the neighbour it shares the longest border with, so every unit is one Polygon and the
 * units still cover the parent. Output is rounded, cleaned and checked to be simple.
 *
 * @example
 * const [west, east] = partitionPolygon(square, [{position: [0.2, 0.5], unit: 0}, {position: [0.8, 0.5], unit: 1}], 2);
 */
export function partitionPolygon(
  parent: Polygon,
  sites: readonly PartitionSite[],
  unitCount: number,
  options: Partial<typeof DEFAULT_OPTIONS> = {},
): Polygon[] {
  const { decimals, minPieceArea } = { ...DEFAULT_OPTIONS, ...options };
  if (sites.length === 0) throw new Error('partitionPolygon needs at least one site');
  for (const site of sites) {
    if (!Number.isInteger(site.unit) || site.unit < 0 || site.unit >= unitCount) {
      throw new Error(`Site unit ${site.unit} is outside 0..${unitCount - 1}`);
    }
  }
  const exterior = parent.coordinates[0] ?? [];
  const isSimpleConvex = parent.coordinates.length === 1 && isConvexRing(exterior);

  const pieces: Position[][][][] = Array.from({ length: unitCount }, () => []);
  for (const [i, cell] of voronoiCells(parent, sites).entries()) {
    const unit = (sites[i] as PartitionSite).unit;
    if (isSimpleConvex) {
      const clipped = clipConvexRing(cell, orientRing(exterior, true));
      if (clipped.length >= 4) (pieces[unit] as Position[][][]).push([clipped]);
    } else if (parent.coordinates.length === 1 && isRingInsideRing(cell, exterior)) {
      (pieces[unit] as Position[][][]).push([cell]);
    } else {
      const hit = turf.intersect(
        turf.featureCollection([turf.polygon([cell]), turf.polygon(parent.coordinates)]),
      );
      if (hit) (pieces[unit] as Position[][][]).push(...polygonsOf(hit.geometry));
    }
  }

  // merge each unit's cells, then split off every piece but the largest
  const mains: (Position[][] | null)[] = [];
  const orphans: Position[][][] = [];
  for (const unitPieces of pieces) {
    const parts = mergePieces(unitPieces).filter(
      (rings) => ringArea(rings[0] ?? []) >= minPieceArea,
    );
    parts.sort((a, b) => ringArea(b[0] ?? []) - ringArea(a[0] ?? []));
    mains.push(parts[0] ?? null);
    orphans.push(...parts.slice(1));
  }
  orphans.sort((a, b) => ringArea(b[0] ?? []) - ringArea(a[0] ?? []));
  for (const orphan of orphans) adoptOrphan(mains, orphan);

  return mains.map((rings, unit) => {
    if (!rings) throw new Error(`Unit ${unit} got no area; move its sites apart`);
    const cleaned = cleanPolygon({ type: 'Polygon', coordinates: rings }, decimals);
    const holes = cleaned.coordinates.slice(1).filter((ring) => ringArea(ring) >= minPieceArea);
    const polygon: Polygon = {
      type: 'Polygon',
      coordinates: [cleaned.coordinates[0] ?? [], ...holes],
    };
    const crossings = findRingSelfIntersections(polygon.coordinates[0] ?? []);
    if (crossings.length > 0)
      throw new Error(
        `Unit ${unit} self-intersects after rounding at edges ${crossings[0]?.join(',')}`,
      );
    return polygon;
  });
}

/** Clips a ring by a convex counter-clockwise ring (Sutherland–Hodgman); exact for convex inputs. */
export function clipConvexRing(
  subject: readonly Position[],
  clip: readonly Position[],
): Position[] {
  let output: Position[] = subject.slice(0, -1);
  for (let i = 0; i + 1 < clip.length && output.length > 0; i++) {
    const a = clip[i] as Position;
    const b = clip[i + 1] as Position;
    const input = output;
    output = [];
    for (let j = 0; j < input.length; j++) {
      const p = input[j] as Position;
      const q = input[(j + 1) % input.length] as Position;
      const pIn = side(a, b, p) >= 0;
      const qIn = side(a, b, q) >= 0;
      if (pIn) output.push(p);
      if (pIn !== qIn) output.push(lineIntersection(a, b, p, q));
    }
  }
  return output.length >= 3 ? [...output, output[0] as Position] : [];
}

function voronoiCells(parent: Polygon, sites: readonly PartitionSite[]): Position[][] {
  const [minX, minY, maxX, maxY] = turf.bbox(parent);
  const pad = Math.max(maxX - minX, maxY - minY) * 0.05;
  const cells = turf.voronoi(turf.featureCollection(sites.map((s) => turf.point(s.position))), {
    bbox: [minX - pad, minY - pad, maxX + pad, maxY + pad],
  });
  return cells.features.map((cell, i) => {
    // turf.voronoi leaves a null geometry for a repeated site
    if (!cell?.geometry)
      throw new Error(`Site ${i} at ${sites[i]?.position.join(',')} repeats another site`);
    return orientRing(
      (cell.geometry.coordinates[0] ?? []).map(([x = 0, y = 0]): Position => [x, y]),
      true,
    );
  });
}

function mergePieces(unitPieces: Position[][][]): Position[][][] {
  if (unitPieces.length <= 1) return unitPieces;
  const merged = turf.union(turf.featureCollection(unitPieces.map((rings) => turf.polygon(rings))));
  return merged ? polygonsOf(merged.geometry) : [];
}

function adoptOrphan(mains: (Position[][] | null)[], orphan: Position[][]): void {
  const orphanBox = turf.bbox(turf.polygon(orphan));
  let best: { unit: number; shared: number; rings: Position[][] } | null = null;
  for (const [unit, rings] of mains.entries()) {
    if (!rings || !boxesTouch(orphanBox, turf.bbox(turf.polygon(rings)))) continue;
    const merged = turf.union(turf.featureCollection([turf.polygon(rings), turf.polygon(orphan)]));
    if (!merged || merged.geometry.type !== 'Polygon') continue;
    const mergedRings = polygonsOf(merged.geometry)[0] ?? [];
    // perimeter lost by merging is twice the shared border
    const shared = (perimeter(rings) + perimeter(orphan) - perimeter(mergedRings)) / 2;
    if (!best || shared > best.shared) best = { unit, shared, rings: mergedRings };
  }
  if (!best) throw new Error(`A piece of ${ringArea(orphan[0] ?? [])} deg² touches no unit`);
  mains[best.unit] = best.rings;
}

function polygonsOf(geometry: {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
}): Position[][][] {
  const list =
    geometry.type === 'Polygon'
      ? [geometry.coordinates as number[][][]]
      : (geometry.coordinates as number[][][][]);
  return list.map((rings) => rings.map((ring) => ring.map(([x = 0, y = 0]): Position => [x, y])));
}

function isRingInsideRing(inner: readonly Position[], outer: readonly Position[]): boolean {
  if (!inner.every((p) => isPointInPolygon(p, [outer]))) return false;
  const [minX, minY, maxX, maxY] = ringBounds(inner);
  for (let j = 0; j + 1 < outer.length; j++) {
    const c = outer[j] as Position;
    const d = outer[j + 1] as Position;
    if (Math.max(c[0], d[0]) < minX || Math.min(c[0], d[0]) > maxX) continue;
    if (Math.max(c[1], d[1]) < minY || Math.min(c[1], d[1]) > maxY) continue;
    for (let i = 0; i + 1 < inner.length; i++) {
      if (doSegmentsIntersect(inner[i] as Position, inner[i + 1] as Position, c, d)) return false;
    }
  }
  return true;
}

function boxesTouch(a: number[], b: number[]): boolean {
  const eps = 1e-9;
  return (
    (a[0] ?? 0) <= (b[2] ?? 0) + eps &&
    (b[0] ?? 0) <= (a[2] ?? 0) + eps &&
    (a[1] ?? 0) <= (b[3] ?? 0) + eps &&
    (b[1] ?? 0) <= (a[3] ?? 0) + eps
  );
}

function ringArea(ring: readonly Position[]): number {
  return Math.abs(ringSignedArea(ring));
}

function perimeter(rings: readonly Position[][]): number {
  let sum = 0;
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = ring[i] as Position;
      const b = ring[i + 1] as Position;
      sum += Math.hypot(b[0] - a[0], b[1] - a[1]);
    }
  }
  return sum;
}

function side(a: Position, b: Position, p: Position): number {
  return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
}

function lineIntersection(a: Position, b: Position, p: Position, q: Position): Position {
  const d = (a[0] - b[0]) * (p[1] - q[1]) - (a[1] - b[1]) * (p[0] - q[0]);
  const t = ((a[0] - p[0]) * (p[1] - q[1]) - (a[1] - p[1]) * (p[0] - q[0])) / d;
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
}
