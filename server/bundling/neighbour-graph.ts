import Flatbush from 'flatbush';
import type { FeatureCollection, Polygon } from '../../common/geo.ts';
import type { CompoundProps } from '../../common/geodata.ts';
import type {
  BundlingCompound,
  BundlingUnit,
  NeighbourEdge,
  NeighbourGraph,
} from '../../common/bundling.ts';
import { featureBounds, ringBounds } from '../../geometry/bounds.ts';
import { createLocalProjection } from '../../geometry/local-projection.ts';
import { ringCentroid } from '../../geometry/ring-centroid.ts';
import { ringDistance } from '../../geometry/ring-distance.ts';

// the same graph NEIGHBOUR_GRAPH_SQL gives from PostGIS, built from GeoJSON in memory: for tests,
// the bench and a database-free fallback. Pure: no I/O.

export type NeighbourGraphOptions = {
  /** pairs farther apart than this (edge-to-edge, metres) get no edge */
  maxDistanceM: number;
  /** pairs in different units get no edge; 'street' keeps community pairs too */
  unit: BundlingUnit;
};

/**
 * Builds the neighbour graph of compounds: centroids and polygons projected to a plane tangent at
 * the data's centre (good to a fraction of a percent across a city), a Flatbush index over the
 * polygons' boxes, and exact edge-to-edge distances for the pairs whose boxes come within reach.
 *
 * @example
 * const graph = buildNeighbourGraph(compounds, { maxDistanceM: 150, unit: 'street' });
 * graph.edges[0]; // {a: 1, b: 7, distanceM: 42.3}
 */
export function buildNeighbourGraph(
  compounds: FeatureCollection<Polygon, CompoundProps>,
  options: NeighbourGraphOptions,
): NeighbourGraph {
  const { maxDistanceM, unit } = options;
  if (!(maxDistanceM >= 0)) throw new Error(`maxDistanceM must be ≥ 0, got ${maxDistanceM}`);
  const features = compounds.features;
  if (features.length === 0) return { compounds: [], edges: [] };

  // the plane is tangent at the centre of the compounds' box
  const [minLng, minLat, maxLng, maxLat] = featureBounds(features)!;
  const { toMetres } = createLocalProjection([(minLng + maxLng) / 2, (minLat + maxLat) / 2]);
  const rings = features.map((f) => f.geometry.coordinates[0]!.map(toMetres));
  const boxes = rings.map(ringBounds);
  const index = new Flatbush(features.length);
  for (const [minX, minY, maxX, maxY] of boxes) index.add(minX, minY, maxX, maxY);
  index.finish();

  const nodes: BundlingCompound[] = features.map((f, i) => {
    const p = f.properties;
    const [x, y] = ringCentroid(rings[i]!) ?? rings[i]![0]!;
    return {
      id: p.id,
      households: p.households,
      buildings: p.buildings,
      communityCode: p.communityCode,
      streetCode: p.streetCode,
      coverageMode: p.coverageMode,
      x: Math.round(x * 100) / 100,
      y: Math.round(y * 100) / 100,
    };
  });
  const unitOf = (i: number) =>
    unit === 'street' ? nodes[i]!.streetCode : nodes[i]!.communityCode;

  const edges: NeighbourEdge[] = [];
  for (let i = 0; i < features.length; i++) {
    const [minX, minY, maxX, maxY] = boxes[i]!;
    const near = index.search(
      minX - maxDistanceM,
      minY - maxDistanceM,
      maxX + maxDistanceM,
      maxY + maxDistanceM,
    );
    for (const j of near) {
      if (nodes[j]!.id <= nodes[i]!.id || unitOf(i) !== unitOf(j)) continue;
      const d = ringDistance(rings[i]!, rings[j]!);
      if (d <= maxDistanceM) {
        edges.push({ a: nodes[i]!.id, b: nodes[j]!.id, distanceM: Math.round(d * 100) / 100 });
      }
    }
  }
  edges.sort((e, f) => e.a - f.a || e.b - f.b);
  return { compounds: nodes, edges };
}
