import { readFileSync } from 'node:fs';
import centerOfMass from '@turf/center-of-mass';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Polygon } from '../../common/geo.ts';
import { ringCentroid } from '../../geometry/ring-centroid.ts';

describe('ringCentroid', () => {
  it('is the point @turf/center-of-mass gives, for every committed compound', () => {
    const compounds = JSON.parse(
      readFileSync('geodata/compounds.geojson', 'utf8'),
    ) as FeatureCollection<Polygon>;
    expect(compounds.features).toHaveLength(520);
    for (const { geometry } of compounds.features) {
      const ours = ringCentroid(geometry.coordinates[0]!)!;
      const turf = centerOfMass(geometry).geometry.coordinates;
      // 1e-9° is a tenth of a millimetre
      expect(Math.abs(ours[0] - turf[0]!)).toBeLessThan(1e-9);
      expect(Math.abs(ours[1] - turf[1]!)).toBeLessThan(1e-9);
    }
  });

  it('gives the same point for an open ring as for the closed one', () => {
    expect(
      ringCentroid([
        [0, 0],
        [4, 0],
        [0, 3],
      ]),
    ).toEqual(
      ringCentroid([
        [0, 0],
        [4, 0],
        [0, 3],
        [0, 0],
      ]),
    );
  });
});
