import bbox from '@turf/bbox';
import type { BBox, Feature, Geometry, Position } from '../common/geo.ts';

/**
 * The bounding box `[minX, minY, maxX, maxY]` of a ring, by `@turf/bbox`, in the ring's units;
 * `[Infinity, Infinity, -Infinity, -Infinity]` for an empty ring.
 * @example ringBounds([[0, 0], [2, 1], [1, 3]]) // [0, 0, 2, 3]
 */
export function ringBounds(ring: readonly Position[]): BBox {
  return bbox({ type: 'LineString', coordinates: ring as Position[] }) as BBox;
}

/**
 * The bounding box of a set of features (null geometries skipped), by `@turf/bbox`, or null when
 * there is no coordinate at all.
 * @example featureBounds([pointAt(118.5, 24.9), pointAt(118.6, 24.8)]) // [118.5, 24.8, 118.6, 24.9]
 */
export function featureBounds(features: readonly Feature<Geometry | null, unknown>[]): BBox | null {
  const box = bbox({ type: 'FeatureCollection', features: features as Feature<Geometry>[] });
  return box[0] <= box[2] ? ([box[0], box[1], box[2], box[3]] as BBox) : null;
}
