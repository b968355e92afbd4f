import type { CompoundFeature } from '../../../common/api.ts';
import type { Position } from '../../../common/geo.ts';
import { labelPoint } from '../../lib/label-point.ts';

/** A link of the neighbour graph as drawn: between the compounds' label points. */
export type NeighbourLink = {
  a: number;
  b: number;
  /** edge-to-edge, in metres (0 when the outlines touch or cross) */
  distanceM: number;
  /** the two lie in different communities: a bundle (community unit) cannot use this link */
  crossUnit: boolean;
  from: Position;
  to: Position;
};

/**
 * The pairs of compounds within `maxDistanceM` of each other edge-to-edge, for drawing the
 * neighbour graph. The server builds the real graph in PostGIS on EPSG:4549; this local
 * equirectangular approximation agrees to well under a metre across a street, which is plenty for a
 * picture. Pairs are listed once, `a < b`, sorted.
 * @example findNeighbourLinks(streetCompounds, 150) // [{a: 3, b: 7, distanceM: 42.1, …}, …]
 */
export function findNeighbourLinks(
  compounds: readonly CompoundFeature[],
  maxDistanceM: number,
): NeighbourLink[] {
  if (!(maxDistanceM >= 0)) throw new Error(`maxDistanceM must be ≥ 0, got ${maxDistanceM}`);
  if (compounds.length === 0) return [];
  const lat0 = compounds[0]!.geometry.coordinates[0]?.[0]?.[1] ?? 0;
  // metres per degree on the WGS84 ellipsoid at the first compound's latitude
  const phi = (lat0 * Math.PI) / 180;
  const kx = 111_412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi);
  const ky = 111_132.92 - 559.82 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
  const shapes = compounds
    .map((compound) => {
      const ring = (compound.geometry.coordinates[0] ?? []).map(([lng, lat]): Position => [
        lng * kx,
        lat * ky,
      ]);
      const xs = ring.map((p) => p[0]);
      const ys = ring.map((p) => p[1]);
      return {
        id: compound.properties.id,
        unit: compound.properties.communityCode ?? null,
        ring,
        box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const,
        at: labelPoint(compound.geometry),
      };
    })
    .filter((shape) => shape.ring.length >= 2 && shape.at !== null)
    .sort((p, q) => p.id - q.id);

  const links: NeighbourLink[] = [];
  for (let i = 0; i < shapes.length; i++) {
    const p = shapes[i]!;
    for (let j = i + 1; j < shapes.length; j++) {
      const q = shapes[j]!;
      // boxes further apart than the threshold cannot hold a closer pair of edges
      if (
        q.box[0] - p.box[2] > maxDistanceM ||
        p.box[0] - q.box[2] > maxDistanceM ||
        q.box[1] - p.box[3] > maxDistanceM ||
        p.box[1] - q.box[3] > maxDistanceM
      ) {
        continue;
      }
      const distanceM = ringDistance(p.ring, q.ring);
      if (distanceM <= maxDistanceM) {
        links.push({
          a: p.id,
          b: q.id,
          distanceM: Math.round(distanceM * 10) / 10,
          crossUnit: p.unit !== q.unit,
          from: p.at!,
          to: q.at!,
        });
      }
    }
  }
  return links;
}

// the shortest distance between two outlines: 0 when edges cross, else the closest vertex–edge pair
function ringDistance(p: Position[], q: Position[]): number {
  let best = Infinity;
  for (let i = 0; i + 1 < p.length; i++) {
    for (let j = 0; j + 1 < q.length; j++) {
      const d = segmentDistance(p[i]!, p[i + 1]!, q[j]!, q[j + 1]!);
      if (d < best) best = d;
      if (best === 0) return 0;
    }
  }
  return best;
}

function segmentDistance(a: Position, b: Position, c: Position, d: Position): number {
  if (segmentsCross(a, b, c, d)) return 0;
  return Math.min(
    pointSegmentDistance(a, c, d),
    pointSegmentDistance(b, c, d),
    pointSegmentDistance(c, a, b),
    pointSegmentDistance(d, a, b),
  );
}

function pointSegmentDistance(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  const t =
    length2 === 0
      ? 0
      : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

function segmentsCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const side = (o: Position, p: Position, q: Position) =>
    Math.sign((p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0]));
  return side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0;
}
