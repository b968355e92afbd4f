import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { featureBounds, ringBounds } from '../../geometry/bounds.ts';
import { convexHull } from '../../geometry/convex-hull.ts';
import { labelPoint } from '../../geometry/label-point.ts';
import { createLocalProjection } from '../../geometry/local-projection.ts';
import { isPointInPolygon } from '../../geometry/point-in-polygon.ts';
import { pointSegmentDistance } from '../../geometry/point-segment-distance.ts';
import { ringSignedArea } from '../../geometry/ring-area.ts';
import { ringBoundaryDistance } from '../../geometry/ring-boundary-distance.ts';
import { ringCentroid } from '../../geometry/ring-centroid.ts';
import { ringDistance } from '../../geometry/ring-distance.ts';
import { doSegmentsIntersect } from '../../geometry/segments-intersect.ts';

// Golden files in Turf's manner: test/fixtures/<fn>/in/<case>.json holds the arguments (a JSON
// array), out/<case>.json the answer. `REGEN=1 npx vitest run test/geometry/golden.test.ts`
// rewrites the answers; review them as a diff.

type Args = never[];
const FUNCTIONS: Record<string, (...args: Args) => unknown> = {
  'point-in-polygon': isPointInPolygon,
  'ring-area': ringSignedArea,
  'ring-centroid': ringCentroid,
  'ring-bounds': ringBounds,
  'feature-bounds': featureBounds,
  'convex-hull': convexHull,
  'label-point': labelPoint,
  'point-segment-distance': pointSegmentDistance,
  'segments-intersect': doSegmentsIntersect,
  'ring-boundary-distance': ringBoundaryDistance,
  'ring-distance': ringDistance,
  // [origin, positions] → each position in metres, and back again
  'local-projection': (origin, positions: [number, number][]) => {
    const projection = createLocalProjection(origin);
    const metres = positions.map(projection.toMetres);
    return { metres, back: metres.map(projection.toLngLat) };
  },
};

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');
const REGEN = process.env.REGEN === '1';

describe.each(Object.keys(FUNCTIONS))('golden fixtures: %s', (name) => {
  const dir = path.join(FIXTURES, name);
  const cases = readdirSync(path.join(dir, 'in')).filter((f) => f.endsWith('.json'));

  it('has fixtures', () => {
    expect(cases.length, `${dir}/in holds no case`).toBeGreaterThan(0);
  });

  it.each(cases)('%s', (file) => {
    const args = JSON.parse(readFileSync(path.join(dir, 'in', file), 'utf8')) as Args;
    // JSON has no -0 or Infinity; what it would write is what is compared
    const answer = JSON.parse(JSON.stringify(FUNCTIONS[name]!(...args)) ?? 'null') as unknown;
    const outFile = path.join(dir, 'out', file);
    if (REGEN) {
      mkdirSync(path.dirname(outFile), { recursive: true });
      writeFileSync(outFile, `${JSON.stringify(answer)}\n`);
    }
    expect(answer, `${name}(${file})`).toEqual(JSON.parse(readFileSync(outFile, 'utf8')));
  });
});
