import { describe, expect, it } from 'vitest';
import type { Feature, Geometry } from '../../common/geo.ts';
import { featureBounds } from '../../geometry/bounds.ts';

const feature = (geometry: Geometry | null): Feature<Geometry | null> => ({
  type: 'Feature',
  geometry,
  properties: {},
});

describe('featureBounds', () => {
  it('spans points, polygons and multipolygons', () => {
    const bounds = featureBounds([
      feature({ type: 'Point', coordinates: [118.6, 24.95] }),
      feature({
        type: 'Polygon',
        coordinates: [
          [
            [118.5, 24.9],
            [118.55, 24.85],
            [118.52, 24.92],
            [118.5, 24.9],
          ],
        ],
      }),
      feature({
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [118.45, 24.88],
              [118.46, 24.88],
              [118.46, 24.89],
              [118.45, 24.88],
            ],
          ],
        ],
      }),
    ]);
    expect(bounds).toEqual([118.45, 24.85, 118.6, 24.95]);
  });

  it('returns null for no features or only null geometries', () => {
    expect(featureBounds([])).toBeNull();
    expect(featureBounds([feature(null)])).toBeNull();
  });
});
