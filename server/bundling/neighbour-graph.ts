import Flatbush from 'flatbush';
import type { FeatureCollection, Polygon, Position } from '../../common/geo.ts';
import type { CompoundProps } from '../../common/geodata.ts';
import type {
  BundlingCompound,
  BundlingUnit,
  NeighbourEdge,
  NeighbourGraph,
} from '../../common/bundling.ts';

// the same graph NEIGHBOUR_GRAPH_SQL gives from PostGIS, built from GeoJSON in memory: for tests,
// the bench and a database-free fallback. Pure: no I/O.

const EARTH_RADIUS_M = 6371008.8; // turf's mean radius, as scripts/geodata/local-projection.ts
const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;

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

  const project = createProjection(features.map((f) => f.geometry.coordinates[0]!));
  const rings = features.map((f) => f.geometry.coordinates[0]!.map(project));
  const boxes = rings.map(ringBox);
  const index = new Flatbush(features.length);
  for (const [minX, minY, maxX, maxY] of boxes) index.add(minX, minY, maxX, maxY);
  index.finish();

  const nodes: BundlingCompound[] = features.map((f, i) => {
    const p = f.properties;
    const [x, y] = ringCentroid(rings[i]!);
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

type Pt = [number, number];

function createProjection(rings: Position[][]): (p: Position) => Pt {
  let minLng = Infinity;
  let maxLng = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const ring of rings) {
    for (const [lng, lat] of ring) {
      minLng = Math.min(minLng, lng);
      maxLng = Math.max(maxLng, lng);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    }
  }
  const lng0 = (minLng + maxLng) / 2;
  const lat0 = (minLat + maxLat) / 2;
  const kx = Math.cos((lat0 * Math.PI) / 180) * M_PER_DEG;
  return ([lng, lat]) => [(lng - lng0) * kx, (lat - lat0) * M_PER_DEG];
}

function ringBox(ring: Pt[]): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of ring) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return [minX, minY, maxX, maxY];
}

// area-weighted centroid of a closed ring (what ST_Centroid gives for a polygon without holes)
function ringCentroid(ring: Pt[]): Pt {
  let a2 = 0;
  let cx = 0;
  let cy = 0;
  const [ox, oy] = ring[0]!; // offset for precision
  for (let i = 0; i + 1 < ring.length; i++) {
    const x1 = ring[i]![0] - ox;
    const y1 = ring[i]![1] - oy;
    const x2 = ring[i + 1]![0] - ox;
    const y2 = ring[i + 1]![1] - oy;
    const c = x1 * y2 - x2 * y1;
    a2 += c;
    cx += (x1 + x2) * c;
    cy += (y1 + y2) * c;
  }
  if (a2 === 0) return [ox, oy];
  return [ox + cx / (3 * a2), oy + cy / (3 * a2)];
}

/** Edge-to-edge distance of two closed rings: 0 when they touch, cross or one holds the other. */
function ringDistance(a: Pt[], b: Pt[]): number {
  let best = Infinity;
  for (let i = 0; i + 1 < a.length; i++) {
    for (let j = 0; j + 1 < b.length; j++) {
      const d = segmentDistance(a[i]!, a[i + 1]!, b[j]!, b[j + 1]!);
      if (d < best) {
        best = d;
        if (best === 0) return 0;
      }
    }
  }
  if (pointInRing(a[0]!, b) || pointInRing(b[0]!, a)) return 0;
  return best;
}

function segmentDistance(p1: Pt, p2: Pt, q1: Pt, q2: Pt): number {
  if (segmentsCross(p1, p2, q1, q2)) return 0;
  return Math.min(
    pointSegmentDistance(p1, q1, q2),
    pointSegmentDistance(p2, q1, q2),
    pointSegmentDistance(q1, p1, p2),
    pointSegmentDistance(q2, p1, p2),
  );
}

function orient(a: Pt, b: Pt, c: Pt): number {
  return Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
}

function segmentsCross(p1: Pt, p2: Pt, q1: Pt, q2: Pt): boolean {
  // collinear touching is caught by the point-segment distances being 0
  const o1 = orient(p1, p2, q1);
  const o2 = orient(p1, p2, q2);
  const o3 = orient(q1, q2, p1);
  const o4 = orient(q1, q2, p2);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

function pointSegmentDistance(p: Pt, a: Pt, b: Pt): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t =
    len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

function pointInRing(p: Pt, ring: Pt[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}
