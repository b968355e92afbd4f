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
import Flatbush from 'flatbush';
import type { BBox, Feature, Polygon, Position } from '../common/geo.ts';
import type { GeodataSet } from '../common/geodata.ts';
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

/** Where the router looks for candidates: every feature (bounding boxes first), or an index. */
type Candidates = {
  /** grids (in code order) whose box holds the point */
  gridsAt(p: Position): number[];
  /** the nearest grid by exact distance, for a point in none */
  nearestGrid(p: Position, distanceM: (i: number) => number): number;
  /** compounds (in id order) whose box, grown by the tolerance, holds the point */
  compoundsNear(p: Position, dx: number, dy: number): number[];
};

/**
 * The Turf peers: the rule of routePoints point by point, on every feature's bounding box
 * (`indexed` false) or on a Flatbush R-tree of them (`indexed` true, the real in-memory peer).
 */
function createTurfRouter(set: GeodataSet, indexed: boolean): (p: Position) => RoutedPoint {
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
  const perDegree = { x: metresPerDegree(lat0).x, y: METRES_PER_DEGREE };
  const [dx, dy] = [tolerance / perDegree.x, tolerance / perDegree.y];
  const distanceM = (p: Position, polygon: Polygon) =>
    Math.max(0, turf.pointToPolygonDistance(p, polygon, { units: 'meters' }));
  const find = indexed
    ? flatbushCandidates(grids, compounds, perDegree)
    : scanCandidates(grids, compounds);

  return (p) => {
    const insideDistrict = district.some((f) => turf.booleanPointInPolygon(p, f));
    const inside = find.gridsAt(p).find((i) => turf.booleanPointInPolygon(p, grids[i]!.feature));
    const outsideGrid = inside === undefined;
    const grid =
      grids[inside ?? find.nearestGrid(p, (i) => distanceM(p, grids[i]!.feature.geometry))]!
        .feature;
    let compoundId: number | null = null;
    let nearest = Infinity;
    for (const i of find.compoundsNear(p, dx, dy)) {
      const c = compounds[i]!.feature;
      const d = turf.booleanPointInPolygon(p, c) ? 0 : distanceM(p, c.geometry);
      if (d <= tolerance && d < nearest) [nearest, compoundId] = [d, c.properties.id];
    }
    const communityCode = grid.properties.communityCode;
    return {
      insideDistrict,
      gridCode: grid.properties.code,
      communityCode,
      streetCode: streetOf.get(communityCode)!,
      outsideGrid,
      compoundId,
    };
  };
}

const indices = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Every feature, rejected on its bounding box. */
function scanCandidates(grids: Boxed<unknown>[], compounds: Boxed<unknown>[]): Candidates {
  return {
    gridsAt: (p) => indices(grids.length).filter((i) => inBox(p, grids[i]!.box)),
    nearestGrid(_p, distanceM) {
      let [best, at] = [Infinity, 0];
      for (const i of indices(grids.length)) {
        const d = distanceM(i);
        if (d < best) [best, at] = [d, i];
      }
      return at;
    },
    compoundsNear: (p, dx, dy) =>
      indices(compounds.length).filter((i) => {
        const [x0, y0, x1, y1] = compounds[i]!.box;
        return inBox(p, [x0 - dx, y0 - dy, x1 + dx, y1 + dy]);
      }),
  };
}

/**
 * Flatbush R-trees over the same boxes. The nearest grid: the 8 nearest boxes give a first exact
 * distance; every grid whose box is nearer than that (a lower bound, in metres, through the
 * smaller of the two metres-per-degree) is then measured, so the answer equals the scan's.
 */
function flatbushCandidates(
  grids: Boxed<unknown>[],
  compounds: Boxed<unknown>[],
  perDegree: { x: number; y: number },
): Candidates {
  const tree = (items: Boxed<unknown>[]) => {
    const index = new Flatbush(items.length);
    for (const { box } of items) index.add(box[0], box[1], box[2], box[3]);
    index.finish();
    return index;
  };
  const gridTree = tree(grids);
  const compoundTree = tree(compounds);
  const ascending = (ids: number[]) => ids.sort((a, b) => a - b);
  const minPerDegree = Math.min(perDegree.x, perDegree.y);
  return {
    gridsAt: ([x, y]) => ascending(gridTree.search(x!, y!, x!, y!)),
    nearestGrid([x, y], distanceM) {
      const first = Math.min(...gridTree.neighbors(x!, y!, 8).map(distanceM));
      // 1% margin: Turf measures on the sphere, the bound uses a local metres-per-degree
      const within = gridTree.neighbors(x!, y!, Infinity, (first / minPerDegree) * 1.01);
      let [best, at] = [Infinity, 0];
      for (const i of ascending(within)) {
        const d = distanceM(i);
        if (d < best) [best, at] = [d, i];
      }
      return at;
    },
    compoundsNear: ([x, y], dx, dy) =>
      ascending(compoundTree.search(x! - dx, y! - dy, x! + dx, y! + dy)),
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
    const route = createTurfRouter(set, false);
    const routeIndexed = createTurfRouter(set, true);

    const turfRun = await timeRuns(() => points.map(route));
    const indexedRun = await timeRuns(() => points.map(routeIndexed));
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
      'turf + flatbush ms': +indexedRun.ms.toFixed(1),
      'per-point SQL ms': Math.round(perPoint.ms),
      'ours (batch) ms': Math.round(batch.ms),
      'turf / ours': +(turfRun.ms / batch.ms).toFixed(1),
      'flatbush / ours': +(indexedRun.ms / batch.ms).toFixed(2),
      'per-point / ours': +(perPoint.ms / batch.ms).toFixed(1),
      'per-point = batch': perPoint.result.every((r, i) => same(r, batch.result[i]!)),
      'flatbush = turf': indexedRun.result.every((r, i) => same(r, turfRun.result[i]!)),
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
