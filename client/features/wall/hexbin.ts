import { metresPerDegree } from '../../../geometry/local-projection.ts';

// Hexagonal binning of many points for the history layer, in metres on a local plane (the
// district spans ~10 km, where an equirectangular projection is exact to well under a metre per
// hex). Flat-top hexagons, so they match deck.gl's ColumnLayer disk at diskResolution 6, angle 0.

export type HexBin = { position: [number, number]; count: number };

/**
 * Counts points per hexagon of the given radius (centre to corner, metres). Points are flat
 * `[lng0, lat0, lng1, lat1, …]`; bins come out sorted by count, highest first, then west to east.
 * @example hexbin([118.58, 24.9, 118.5801, 24.9], 200) // [{ position: [118.58…, 24.9…], count: 2 }]
 */
export function hexbin(points: ArrayLike<number>, radiusM: number): HexBin[] {
  if (!(radiusM > 0)) throw new Error(`hexbin radius must be > 0 metres, got ${radiusM}`);
  if (points.length % 2 !== 0) throw new Error('hexbin points must be flat lng,lat pairs');
  if (points.length === 0) return [];
  const { x: mx, y: my } = metresPerDegree(points[1]!);
  const counts = new Map<string, number>();
  for (let i = 0; i < points.length; i += 2) {
    const x = points[i]! * mx;
    const y = points[i + 1]! * my;
    const [q, r] = roundAxial(
      (2 / 3) * (x / radiusM),
      ((-1 / 3) * x + (Math.sqrt(3) / 3) * y) / radiusM,
    );
    const key = `${q},${r}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const bins: HexBin[] = [];
  for (const [key, count] of counts) {
    const [q, r] = key.split(',').map(Number) as [number, number];
    const x = radiusM * 1.5 * q;
    const y = radiusM * Math.sqrt(3) * (r + q / 2);
    bins.push({ position: [x / mx, y / my], count });
  }
  return bins.sort((a, b) => b.count - a.count || a.position[0] - b.position[0]);
}

// the nearest hexagon in axial coordinates: round in cube coordinates, fix the largest error
function roundAxial(q: number, r: number): [number, number] {
  const s = -q - r;
  let rq = Math.round(q);
  let rr = Math.round(r);
  const rs = Math.round(s);
  const dq = Math.abs(rq - q);
  const dr = Math.abs(rr - r);
  const ds = Math.abs(rs - s);
  if (dq > dr && dq > ds) rq = -rr - rs;
  else if (dr > ds) rr = -rq - rs;
  return [rq + 0, rr + 0]; // + 0 turns -0 into 0 for the keys
}
