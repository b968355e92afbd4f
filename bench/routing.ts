// Routing N event locations to district, grid, community, street and compound: ours (routePoints:
// one query, GiST lookups) beside (a) a Turf loop doing the same work per point (district test,
// the containing grid with the lowest code or else the nearest grid, its community and street, the
// compound containing the point or nearest within the tolerance), with bounding-box rejection, and
// (b) one PostGIS query per point, on the committed district data and the city-scale set. Each
// method runs once to warm up, then --runs times; the table gives medians.
//   npx tsx bench/routing.ts [--points 2000] [--runs 5]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import * as turf from '@turf/turf';
import type { BBox, Feature, Polygon, Position } from '../common/geo.ts';
import type { GeodataSet, GridProps } from '../common/geodata.ts';
import { featureBounds } from '../geometry/bounds.ts';
import { METRES_PER_DEGREE, metresPerDegree } from '../geometry/local-projection.ts';
import { readGeodata } from '../server/geodata-loader.ts';
import { ROUTING, routePoints, type RoutedPoint } from '../server/grievances/routing-queries.ts';
import { createRandom } from '../scripts/geodata/seeded-random.ts';
import { withSeededDatabase } from './lib/with-seeded-database.ts';

const { values } = parseArgs({
  options: {
    points: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '5' },
  },
});
const N = Number(values.points);
const RUNS = Number(values.runs);
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
const CITY_DIR = 'geodata/city-scale';
if (!fs.existsSync(`${CITY_DIR}/grids.geojson`)) {
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/generate-geodata.ts', '--city-scale', '20000'],
    { stdio: 'ignore' },
  );
}

type Boxed<P> = { feature: Feature<Polygon, P>; box: BBox };
const boxed = <P>(features: Feature<Polygon, P>[]): Boxed<P>[] =>
  features.map((feature) => ({ feature, box: featureBounds([feature])! }));
const inBox = ([x, y]: Position, [x0, y0, x1, y1]: BBox) =>
  x >= x0 && x <= x1 && y >= y0 && y <= y1;

/** The Turf baseline: the rule of routePoints, point by point, with bounding boxes first. */
function createTurfRouter(set: GeodataSet): (p: Position) => RoutedPoint {
  const district = set.district.features;
  const grids = boxed(
    [...set.grids.features].sort((a, b) => cmp(a.properties.code, b.properties.code)),
  );
  const streetOf = new Map(
    set.communities.features.map((c) => [c.properties.code, c.properties.streetCode]),
  );
  const compounds = boxed(
    [...set.compounds.features].sort((a, b) => a.properties.id - b.properties.id),
  );
  const tolerance = ROUTING.compoundToleranceM;
  const lat0 = district[0] ? (featureBounds(district)![1] + featureBounds(district)![3]) / 2 : 0;
  const [dx, dy] = [tolerance / metresPerDegree(lat0).x, tolerance / METRES_PER_DEGREE];
  const distanceM = (p: Position, polygon: Polygon) =>
    Math.max(0, turf.pointToPolygonDistance(p, polygon, { units: 'meters' }));

  return (p) => {
    const insideDistrict = district.some((f) => turf.booleanPointInPolygon(p, f));
    let grid: Feature<Polygon, GridProps> | undefined = grids.find(
      (g) => inBox(p, g.box) && turf.booleanPointInPolygon(p, g.feature),
    )?.feature;
    const outsideGrid = grid === undefined;
    if (!grid) {
      let best = Infinity;
      for (const g of grids) {
        const d = distanceM(p, g.feature.geometry);
        if (d < best) [best, grid] = [d, g.feature];
      }
    }
    let compoundId: number | null = null;
    let nearest = Infinity;
    for (const c of compounds) {
      const [x0, y0, x1, y1] = c.box;
      if (!inBox(p, [x0 - dx, y0 - dy, x1 + dx, y1 + dy])) continue;
      const d = turf.booleanPointInPolygon(p, c.feature) ? 0 : distanceM(p, c.feature.geometry);
      if (d <= tolerance && d < nearest) [nearest, compoundId] = [d, c.feature.properties.id];
    }
    const communityCode = grid!.properties.communityCode;
    return {
      insideDistrict,
      gridCode: grid!.properties.code,
      communityCode,
      streetCode: streetOf.get(communityCode)!,
      outsideGrid,
      compoundId,
    };
  };
}

async function timeRuns<T>(work: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  let result = await work(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    result = await work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, result };
}

async function run(label: string, dir: string) {
  const set = readGeodata(dir);
  return withSeededDatabase(dir, async (db) => {
    const random = createRandom(42);
    const [x0, y0, x1, y1] = turf.bbox(set.district);
    const district = set.district.features[0]!;
    const points: Position[] = [];
    while (points.length < N) {
      const p: Position = [random.range(x0, x1), random.range(y0, y1)];
      if (turf.booleanPointInPolygon(p, district)) points.push(p);
    }
    const asLngLat = points.map(([lng, lat]) => ({ lng, lat }));
    const route = createTurfRouter(set);

    const turfRun = await timeRuns(() => points.map(route));
    const perPoint = await timeRuns(async () => {
      const out: RoutedPoint[] = [];
      for (const p of asLngLat) out.push((await routePoints(db, [p]))[0]!);
      return out;
    });
    const batch = await timeRuns(() => routePoints(db, asLngLat));

    const same = (a: RoutedPoint, b: RoutedPoint) => JSON.stringify(a) === JSON.stringify(b);
    const differing = points.filter((_, i) => !same(turfRun.result[i]!, batch.result[i]!));
    const fields = new Set(
      differing.flatMap((_, k) => {
        const i = points.indexOf(differing[k]!);
        return (Object.keys(batch.result[i]!) as (keyof RoutedPoint)[]).filter(
          (key) => turfRun.result[i]![key] !== batch.result[i]![key],
        );
      }),
    );
    // why a point differs: both methods' distances to both compounds (Turf on the sphere, PostGIS
    // in EPSG:4549), in metres
    for (const p of differing) {
      const i = points.indexOf(p);
      const ids = [turfRun.result[i]!.compoundId, batch.result[i]!.compoundId].filter(
        (id): id is number => id !== null,
      );
      const postgis = await db.query<{ id: number; d: number }>(
        `SELECT id, ST_Distance(geom_m, ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 4549)) AS d
         FROM compounds WHERE id = ANY($3) ORDER BY id`,
        [p[0], p[1], ids],
      );
      const byTurf = ids.map((id) => {
        const c = set.compounds.features.find((f) => f.properties.id === id)!;
        return { id, d: turf.pointToPolygonDistance(p, c.geometry, { units: 'meters' }) };
      });
      console.log(
        `${label}: point ${p.join(', ')}: turf → compound ${turfRun.result[i]!.compoundId}, ours → ` +
          `${batch.result[i]!.compoundId}; distances (m) turf ${JSON.stringify(byTurf)}, ` +
          `PostGIS ${JSON.stringify(postgis)}`,
      );
    }
    return {
      data: label,
      grids: set.grids.features.length,
      compounds: set.compounds.features.length,
      points: N,
      'turf loop ms': Math.round(turfRun.ms),
      'per-point SQL ms': Math.round(perPoint.ms),
      'ours (batch) ms': Math.round(batch.ms),
      'turf / ours': +(turfRun.ms / batch.ms).toFixed(1),
      'per-point / ours': +(perPoint.ms / batch.ms).toFixed(1),
      'per-point = batch': perPoint.result.every((r, i) => same(r, batch.result[i]!)),
      'turf ≠ batch':
        differing.length === 0 ? 0 : `${differing.length} (${[...fields].join(', ')})`,
    };
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const rows = [await run('district', 'geodata'), await run('city-scale', CITY_DIR)];
console.log(
  `\nrouting ${N} points (PostgreSQL ${process.env.DATABASE_URL}); median of ${RUNS} runs after a warm-up`,
);
console.table(rows);
