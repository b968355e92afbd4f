import { earthRadius } from '@turf/helpers';
import type { Position } from '../common/geo.ts';

/** Converts between WGS84 degrees and metres on a plane tangent at an origin. */
export type LocalProjection = {
  toMetres(position: Position): Position;
  toLngLat(position: Position): Position;
};

/**
 * Metres per degree of latitude: the project's one basis, on Turf's mean earth radius
 * (6,371,008.8 m) so local distances agree with `@turf/distance` and `@turf/area`.
 */
export const METRES_PER_DEGREE = (earthRadius * Math.PI) / 180;

/**
 * Metres per degree of longitude and of latitude at `lat` on the project's sphere.
 * @example metresPerDegree(24.9) // { x: 100858.8…, y: 111195.08… }
 */
export function metresPerDegree(lat: number): { x: number; y: number } {
  return { x: Math.cos((lat * Math.PI) / 180) * METRES_PER_DEGREE, y: METRES_PER_DEGREE };
}

/**
 * An equirectangular projection around `origin`; within a city (tens of km) its distances are good
 * to a fraction of a percent. Every metric calculation on lng/lat in client, server and scripts
 * goes through it (PostGIS's own metric work uses EPSG:4549).
 * @example createLocalProjection([118.55, 24.9]).toMetres([118.56, 24.9]) // [1008.588…, 0]
 */
export function createLocalProjection(origin: Position): LocalProjection {
  const [lng0, lat0] = origin;
  if (!(Math.abs(lat0) <= 85)) throw new Error(`Origin latitude must be within ±85°, got ${lat0}`);
  const kx = metresPerDegree(lat0).x;
  const ky = METRES_PER_DEGREE;
  return {
    toMetres: ([lng, lat]) => [(lng - lng0) * kx, (lat - lat0) * ky],
    toLngLat: ([x, y]) => [lng0 + x / kx, lat0 + y / ky],
  };
}
