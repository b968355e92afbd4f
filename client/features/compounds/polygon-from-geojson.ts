import type { Polygon, Position } from '../../../common/geo.ts';

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * A drawn ring (first ≠ last) as the register's Polygon: closed, positions to 6 decimals (≈ 0.1 m).
 * @example polygonFromRing([[118.5, 24.9], [118.501, 24.9], [118.501, 24.901]]).coordinates[0].length // 4
 */
export function polygonFromRing(ring: Position[]): Polygon {
  const positions = ring.map(([lng, lat]) => [round6(lng!), round6(lat!)] as Position);
  return { type: 'Polygon', coordinates: [[...positions, positions[0]!]] };
}

const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) && p.length >= 2 && p.every((v) => typeof v === 'number' && Number.isFinite(v));

/**
 * The one polygon in pasted GeoJSON: a Polygon, a Feature of one, a FeatureCollection or
 * MultiPolygon holding exactly one; its outer ring closed if it was not. Null when there is not
 * exactly one polygon (the server judges the rest: its size, place and overlaps).
 * @example polygonFromGeoJson('{"type":"Feature","geometry":{"type":"Polygon",…}}') // {type: 'Polygon', …}
 */
export function polygonFromGeoJson(text: string): Polygon | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const rings = outerRings(value);
  if (rings.length !== 1) return null;
  const ring = rings[0]!;
  if (!Array.isArray(ring) || ring.length < 3 || !ring.every(isPosition)) return null;
  const open = ring.length > 3 && samePosition(ring[0]!, ring.at(-1)!) ? ring.slice(0, -1) : ring;
  return polygonFromRing(open.map(([lng, lat]) => [lng!, lat!]));
}

const samePosition = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

function outerRings(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null) return [];
  const v = value as {
    type?: unknown;
    coordinates?: unknown;
    geometry?: unknown;
    features?: unknown;
  };
  if (v.type === 'Polygon' && Array.isArray(v.coordinates)) return [v.coordinates[0]];
  if (v.type === 'MultiPolygon' && Array.isArray(v.coordinates)) {
    return v.coordinates.map((p: unknown) => (Array.isArray(p) ? p[0] : null));
  }
  if (v.type === 'Feature') return outerRings(v.geometry);
  if (v.type === 'FeatureCollection' && Array.isArray(v.features)) {
    return v.features.flatMap((f) => outerRings(f));
  }
  return [];
}
