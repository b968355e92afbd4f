import type { Polygon, Position } from '../../common/geo.ts';
import { METRES_PER_DEGREE, metresPerDegree } from '../../geometry/local-projection.ts';
import { isPointInPolygon } from '../../geometry/point-in-polygon.ts';
import type { Random } from './seeded-random.ts';

const DEFAULT_OPTIONS = {
  samplesPerSeed: 60, // lattice points per seed; more gives rounder, more even cells
  iterations: 12, // Lloyd steps (k-means on the lattice)
  density: (_p: Position): number => 1, // weight of a place; denser places get smaller cells
};

/**
 * Chooses `count` Voronoi sites inside a polygon so that their cells come out about equal in
 * (weighted) area: k-means over a lattice of points in the polygon, seeded from the lattice.
 * Returned in a stable sweep order (by angle around the centroid), so neighbouring codes end up
 * next to each other.
 *
 * @example
 * chooseBalancedSeeds(street, 12, random).length; // 12
 */
export function chooseBalancedSeeds(
  polygon: Polygon,
  count: number,
  random: Random,
  options: Partial<typeof DEFAULT_OPTIONS> = {},
): Position[] {
  const { samplesPerSeed, iterations, density } = { ...DEFAULT_OPTIONS, ...options };
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`Seed count must be ≥ 1, got ${count}`);
  const exterior = polygon.coordinates[0] ?? [];
  // east-west degrees shrink by this against north-south ones (the projection's basis)
  const kx = metresPerDegree(exterior[0]?.[1] ?? 0).x / METRES_PER_DEGREE;
  const lattice = samplePolygon(polygon, count * samplesPerSeed, kx);
  if (lattice.length < count) throw new Error(`Polygon too small for ${count} seeds`);
  const weights = lattice.map((p) => density(p));

  // k-means++ start: far-apart lattice points
  const centres: Position[] = [random.pick(lattice)];
  const nearest = lattice.map((p) => distance2(p, centres[0] as Position, kx));
  while (centres.length < count) {
    const total = nearest.reduce((sum, d, i) => sum + d * (weights[i] ?? 1), 0);
    let target = random.next() * total;
    let chosen = lattice.length - 1;
    for (let i = 0; i < lattice.length; i++) {
      target -= (nearest[i] ?? 0) * (weights[i] ?? 1);
      if (target <= 0) {
        chosen = i;
        break;
      }
    }
    const centre = lattice[chosen] as Position;
    centres.push(centre);
    for (let i = 0; i < lattice.length; i++) {
      nearest[i] = Math.min(nearest[i] ?? Infinity, distance2(lattice[i] as Position, centre, kx));
    }
  }

  for (let step = 0; step < iterations; step++) {
    const sums = centres.map(() => [0, 0, 0]);
    for (let i = 0; i < lattice.length; i++) {
      const p = lattice[i] as Position;
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < centres.length; c++) {
        const d = distance2(p, centres[c] as Position, kx);
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      const w = weights[i] ?? 1;
      const sum = sums[best] as number[];
      sum[0] = (sum[0] ?? 0) + p[0] * w;
      sum[1] = (sum[1] ?? 0) + p[1] * w;
      sum[2] = (sum[2] ?? 0) + w;
    }
    for (let c = 0; c < centres.length; c++) {
      const [sx = 0, sy = 0, sw = 0] = sums[c] as number[];
      if (sw > 0) centres[c] = [sx / sw, sy / sw];
    }
  }

  const cx = centres.reduce((s, p) => s + p[0], 0) / centres.length;
  const cy = centres.reduce((s, p) => s + p[1], 0) / centres.length;
  // clockwise from west, so codes run round the unit like a clock face
  const angle = (p: Position): number => {
    const a = Math.atan2(p[1] - cy, (p[0] - cx) * kx);
    return (Math.PI - a + 2 * Math.PI) % (2 * Math.PI);
  };
  return centres
    .map((p): Position => [roundTo(p[0], 7), roundTo(p[1], 7)])
    .sort((a, b) => angle(a) - angle(b) || a[0] - b[0] || a[1] - b[1]);
}

function samplePolygon(polygon: Polygon, target: number, kx: number): Position[] {
  const exterior = polygon.coordinates[0] ?? [];
  const xs = exterior.map((p) => p[0]);
  const ys = exterior.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ];
  const inside = (p: Position): boolean =>
    isPointInPolygon(p, [exterior]) &&
    polygon.coordinates.slice(1).every((hole) => !isPointInPolygon(p, [hole]));
  // shrink the step until the lattice holds enough points (concave shapes fill less of their box)
  let step = Math.sqrt(((maxX - minX) * kx * (maxY - minY)) / target);
  for (let attempt = 0; attempt < 6; attempt++) {
    const points: Position[] = [];
    for (let y = minY + step / 2; y < maxY; y += step) {
      for (let x = minX + step / kx / 2; x < maxX; x += step / kx) {
        if (inside([x, y])) points.push([x, y]);
      }
    }
    if (points.length >= target * 0.5) return points;
    step /= 1.5;
  }
  return [];
}

function distance2(a: Position, b: Position, kx: number): number {
  const dx = (a[0] - b[0]) * kx;
  const dy = a[1] - b[1];
  return dx * dx + dy * dy;
}

function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
