import type { CompoundFeature } from '../../../common/api.ts';
import type { Position } from '../../../common/geo.ts';
import { featureBounds, ringBounds } from '../../../geometry/bounds.ts';
import { labelPoint } from '../../../geometry/label-point.ts';
import { createLocalProjection } from '../../../geometry/local-projection.ts';
import { ringDistance } from '../../../geometry/ring-distance.ts';

/** A link of the neighbour graph as drawn: between the compounds' label points. */
export type NeighbourLink = {
  a: number;
  b: number;
  /** edge-to-edge, in metres (0 when the outlines touch or cross, or one holds the other) */
  distanceM: number;
  /** the two lie in different communities: a bundle (community unit) cannot use this link */
  crossUnit: boolean;
  from: Position;
  to: Position;
};

/**
 * The pairs of compounds within `maxDistanceM` of each other edge-to-edge, for drawing the
 * neighbour graph. The server builds the real graph in PostGIS on EPSG:4549; this local
 * projection (the one `buildNeighbourGraph` uses, tangent at the compounds' centre) agrees to well
 * under a metre across a street, which is plenty for a picture. Pairs are listed once, `a < b`, sorted.
 * @example findNeighbourLinks(streetCompounds, 150) // [{a: 3, b: 7, distanceM: 42.1, …}, …]
 */
export function findNeighbourLinks(
  compounds: readonly CompoundFeature[],
  maxDistanceM: number,
): NeighbourLink[] {
  if (!(maxDistanceM >= 0)) throw new Error(`maxDistanceM must be ≥ 0, got ${maxDistanceM}`);
  if (compounds.length === 0) return [];
  const [minLng, minLat, maxLng, maxLat] = featureBounds(compounds)!;
  const { toMetres } = createLocalProjection([(minLng + maxLng) / 2, (minLat + maxLat) / 2]);
  const shapes = compounds
    .map((compound) => {
      const ring = (compound.geometry.coordinates[0] ?? []).map(toMetres);
      return {
        id: compound.properties.id,
        unit: compound.properties.communityCode ?? null,
        ring,
        box: ringBounds(ring),
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
