import type { BBox, Feature, Geometry, Position } from '../../common/geo.ts';

/**
 * The bounding box of a set of features, or null when there is no coordinate at all.
 * @example featureBounds([pointAt(118.5, 24.9), pointAt(118.6, 24.8)]) // [118.5, 24.8, 118.6, 24.9]
 */
export function featureBounds(features: readonly Feature<Geometry | null, unknown>[]): BBox | null {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const extend = ([x, y]: Position) => {
    if (x < box[0]) box[0] = x;
    if (y < box[1]) box[1] = y;
    if (x > box[2]) box[2] = x;
    if (y > box[3]) box[3] = y;
  };
  for (const { geometry } of features) {
    if (!geometry) continue;
    if (geometry.type === 'Point') extend(geometry.coordinates);
    else if (geometry.type === 'Polygon')
      geometry.coordinates.forEach((ring) => ring.forEach(extend));
    else geometry.coordinates.forEach((part) => part.forEach((ring) => ring.forEach(extend)));
  }
  return box[0] <= box[2] ? box : null;
}
