import gcoord from 'gcoord';
import type { ImportCrs } from '../../common/ledgers.ts';

// Coordinates of a ledger to WGS84 (what we store), with gcoord. CGCS2000 (Tianditu, surveys)
// differs from WGS84 by centimetres here: taken as WGS84. GCJ-02 (Amap, DataV) is ~550 m off in
// Licheng, BD-09 (Baidu) further.

export type FixedCrs = Exclude<ImportCrs, 'auto'>;

const GCOORD_CRS = {
  wgs84: gcoord.WGS84,
  cgcs2000: gcoord.WGS84,
  gcj02: gcoord.GCJ02,
  bd09: gcoord.BD09,
} as const;

type Position = [number, number];

/** A position read in `crs`, in WGS84, to 7 decimals (≈ 1 cm). */
export function toWgs84(p: Position, crs: FixedCrs): Position {
  if (GCOORD_CRS[crs] === gcoord.WGS84) return p;
  const [lng, lat] = gcoord.transform<Position>([p[0], p[1]], GCOORD_CRS[crs], gcoord.WGS84);
  return [round7(lng), round7(lat)];
}

/** A Point, Polygon or MultiPolygon with every position converted (a new object). */
export function geometryToWgs84<G extends { type: string; coordinates: unknown }>(
  g: G,
  crs: FixedCrs,
): G {
  const walk = (c: unknown): unknown =>
    typeof (c as unknown[])[0] === 'number'
      ? toWgs84(c as Position, crs)
      : (c as unknown[]).map(walk);
  return { ...g, coordinates: walk(g.coordinates) };
}

/**
 * The GCJ-02 test, for a file that declares no CRS (`auto`): each sample position is read both as
 * WGS84 and as GCJ-02 converted to WGS84, and the database counts how many land inside their own
 * row's community and inside the district outline (compound-import-queries.ts countInside). The
 * reading with more hits wins; a tie is WGS84 (what we store). A 550 m shift moves most points out
 * of a community (a few hundred metres across), so a GCJ-02 file scores far higher converted.
 * @example detectCrs({wgs84: 3, gcj02: 47}) // 'gcj02'
 */
export function detectCrs(hits: { wgs84: number; gcj02: number }): 'wgs84' | 'gcj02' {
  return hits.gcj02 > hits.wgs84 ? 'gcj02' : 'wgs84';
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;
