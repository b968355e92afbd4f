import type { Position } from '../../common/geo.ts';
import { isPointInPolygon } from '../../geometry/point-in-polygon.ts';
import { pointSegmentDistance } from '../../geometry/point-segment-distance.ts';
import { ringCentroid } from '../../geometry/ring-centroid.ts';
import type { Random } from './seeded-random.ts';

const DEFAULT_OPTIONS = {
  edgeMargin: 25, // m inside the unit's border, so rounding can never push a station out
  obstacleMargin: 4, // m clear of any compound: service centres stand on public land
  candidates: 80, // random points tried besides the centroid
};

/**
 * Picks a site for a service station inside a unit ring (local metres), clear of the obstacles
 * (compound rings): of the candidates that fit, the one nearest the unit's centroid.
 *
 * @example
 * findStationSite(communityRing, compoundRings, random); // [x, y] in metres
 */
export function findStationSite(
  unit: readonly Position[],
  obstacles: readonly (readonly Position[])[],
  random: Random,
  options: Partial<typeof DEFAULT_OPTIONS> = {},
): Position {
  const { edgeMargin, obstacleMargin, candidates } = { ...DEFAULT_OPTIONS, ...options };
  const centre = ringCentroid(unit) ?? unit[0] ?? [0, 0];
  const xs = unit.map((p) => p[0]);
  const ys = unit.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ];
  const points: Position[] = [centre];
  for (let i = 0; i < candidates; i++)
    points.push([random.range(minX, maxX), random.range(minY, maxY)]);

  let best: Position | null = null;
  let bestDistance = Infinity;
  for (const margin of [edgeMargin, edgeMargin / 5]) {
    for (const p of points) {
      if (!isPointInPolygon(p, [unit]) || boundaryDistance(p, unit) < margin) continue;
      if (
        obstacles.some((o) => isPointInPolygon(p, [o]) || boundaryDistance(p, o) < obstacleMargin)
      )
        continue;
      const d = Math.hypot(p[0] - centre[0], p[1] - centre[1]);
      if (d < bestDistance) {
        best = p;
        bestDistance = d;
      }
    }
    if (best) return best;
  }
  throw new Error(`No station site found in a unit of ${unit.length - 1} vertices`);
}

function boundaryDistance(p: Position, ring: readonly Position[]): number {
  let best = Infinity;
  for (let i = 0; i + 1 < ring.length; i++) {
    best = Math.min(best, pointSegmentDistance(p, ring[i] as Position, ring[i + 1] as Position));
  }
  return best;
}
