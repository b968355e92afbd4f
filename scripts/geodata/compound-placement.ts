import type { Position } from '../../common/geo.ts';
import { ringBounds } from '../../geometry/bounds.ts';
import { isPointInPolygon } from '../../geometry/point-in-polygon.ts';
import { ringBoundaryDistance } from '../../geometry/ring-boundary-distance.ts';
import type { Random } from './seeded-random.ts';

/** The shape to place, in metres: a rotated rectangle, optionally with one corner cut off. */
export type Footprint = {
  area: number; // m²
  aspect: number; // long side / short side, ≥ 1
  angle: number; // radians, rotation of the long side from east
  chamfer: number; // 0 for a plain rectangle, else the fraction of the short side cut at one corner
};

const DEFAULT_OPTIONS = {
  edgeGap: 10, // m kept clear along the grid border, where the roads are (≥ 8 m asked for)
  compoundGap: 12, // m between two compounds: a lane or road
  attempts: 250, // random positions tried before giving up
};

/**
 * Finds a place for a footprint strictly inside a grid ring (local metres), at least `edgeGap` from
 * its border and `compoundGap` from every compound already placed. Returns the closed,
 * counter-clockwise ring in metres, or null when no tried position fits.
 *
 * @example
 * placeFootprint(gridRing, [], {area: 2000, aspect: 1.4, angle: 0.3, chamfer: 0}, random);
 */
export function placeFootprint(
  grid: readonly Position[],
  placed: readonly (readonly Position[])[],
  footprint: Footprint,
  random: Random,
  options: Partial<typeof DEFAULT_OPTIONS> = {},
): Position[] | null {
  const { edgeGap, compoundGap, attempts } = { ...DEFAULT_OPTIONS, ...options };
  if (!(footprint.area > 0) || !(footprint.aspect >= 1)) {
    throw new Error(
      `Footprint needs area > 0 and aspect ≥ 1, got ${footprint.area}, ${footprint.aspect}`,
    );
  }
  const long = Math.sqrt(footprint.area * footprint.aspect);
  const short = footprint.area / long;
  const [minX, minY, maxX, maxY] = ringBounds(grid);
  const placedBoxes = placed.map(ringBounds);

  for (let attempt = 0; attempt < attempts; attempt++) {
    const centre: Position = [random.range(minX, maxX), random.range(minY, maxY)];
    if (!isPointInPolygon(centre, [grid])) continue;
    const ring = footprintRing(centre, long, short, footprint.angle, footprint.chamfer);
    if (!ring.every((p) => isPointInPolygon(p, [grid]))) continue;
    if (ringBoundaryDistance(ring, grid) < edgeGap) continue;
    const box = ringBounds(ring);
    const clash = placed.some((other, i) => {
      const otherBox = placedBoxes[i] as Box;
      if (
        box[0] > otherBox[2] + compoundGap ||
        otherBox[0] > box[2] + compoundGap ||
        box[1] > otherBox[3] + compoundGap ||
        otherBox[1] > box[3] + compoundGap
      ) {
        return false;
      }
      return (
        ring.some((p) => isPointInPolygon(p, [other])) ||
        other.some((p) => isPointInPolygon(p, [ring])) ||
        ringBoundaryDistance(ring, other) < compoundGap
      );
    });
    if (!clash) return ring;
  }
  return null;
}

type Box = [number, number, number, number];

function footprintRing(
  [cx, cy]: Position,
  long: number,
  short: number,
  angle: number,
  chamfer: number,
): Position[] {
  const hl = long / 2;
  const hs = short / 2;
  // counter-clockwise, starting at the corner that may be cut
  const local: Position[] =
    chamfer > 0
      ? [
          [-hl + chamfer * short, -hs],
          [hl, -hs],
          [hl, hs],
          [-hl, hs],
          [-hl, -hs + chamfer * short],
        ]
      : [
          [-hl, -hs],
          [hl, -hs],
          [hl, hs],
          [-hl, hs],
        ];
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const ring = local.map(([x, y]): Position => [cx + x * cos - y * sin, cy + x * sin + y * cos]);
  return [...ring, ring[0] as Position];
}
