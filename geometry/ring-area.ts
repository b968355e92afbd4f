import type { Position } from '../common/geo.ts';

/**
 * Signed planar area of a ring by the shoelace formula, in squared coordinate units: positive when
 * counter-clockwise. The ring may be open or closed. Hand-written because `@turf/area` answers a
 * different question (unsigned geodesic m² of lng/lat): callers here need the sign (orientation) or
 * work in projected metres.
 * @example ringSignedArea([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]) // 1
 */
export function ringSignedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    sum += xj * yi - xi * yj;
  }
  return sum / 2;
}
