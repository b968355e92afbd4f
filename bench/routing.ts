// Routing N event locations to their grid: ours (routePoints: one query, GiST lookups) beside
// (a) a naive @turf/boolean-point-in-polygon loop over every grid and (b) one PostGIS query per
// point, on the committed district data and the city-scale set. Assignments must be identical.
//   npx tsx bench/routing.ts [--points 2000]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import * as turf from '@turf/turf';
import { pino } from 'pino';
import { openDb } from '../server/db.ts';
import { loadGeodataIfEmpty, readGeodata } from '../server/geodata-loader.ts';
import { routePoints } from '../server/grievances/routing-queries.ts';
import { migrate } from '../server/migrate.ts';
import { createRandom } from '../scripts/geodata/seeded-random.ts';
import { createTestDatabase } from '../test/helpers/test-server.ts';

const { values } = parseArgs({ options: { points: { type: 'string', default: '2000' } } });
const N = Number(values.points);
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
const CITY_DIR = 'geodata/city-scale';
if (!fs.existsSync(`${CITY_DIR}/grids.geojson`)) {
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/generate-geodata.ts', '--city-scale', '20000'],
    {
      stdio: 'ignore',
    },
  );
}

async function run(label: string, dir: string) {
  const set = readGeodata(dir);
  const database = await createTestDatabase();
  const db = await openDb({
    databaseUrl: database.databaseUrl,
    dataDir: database.dataDir,
    logger: pino({ level: 'silent' }),
  });
  try {
    await migrate(db);
    await loadGeodataIfEmpty(db, dir, { demo: true });
    const random = createRandom(42);
    const [x0, y0, x1, y1] = turf.bbox(set.district);
    const district = set.district.features[0]!;
    const points: { lng: number; lat: number }[] = [];
    while (points.length < N) {
      const p = { lng: random.range(x0, x1), lat: random.range(y0, y1) };
      if (turf.booleanPointInPolygon([p.lng, p.lat], district)) points.push(p);
    }
    const grids = [...set.grids.features].sort((a, b) =>
      a.properties.code < b.properties.code ? -1 : 1,
    );

    let t = performance.now();
    const naive = points.map(
      (p) =>
        grids.find((g) => turf.booleanPointInPolygon([p.lng, p.lat], g))?.properties.code ?? null,
    );
    const naiveMs = performance.now() - t;

    t = performance.now();
    const perPoint: string[] = [];
    for (const p of points) perPoint.push((await routePoints(db, [p]))[0]!.gridCode);
    const perPointMs = performance.now() - t;

    t = performance.now();
    const batch = (await routePoints(db, points)).map((r) => r.gridCode);
    const batchMs = performance.now() - t;

    const inside = naive.filter((c) => c !== null).length;
    const identical = points.every(
      (_, i) => batch[i] === perPoint[i] && (naive[i] === null || naive[i] === batch[i]),
    );
    return {
      data: label,
      grids: grids.length,
      points: N,
      'naive turf ms': Math.round(naiveMs),
      'per-point SQL ms': Math.round(perPointMs),
      'ours (batch) ms': Math.round(batchMs),
      'naive / ours': +(naiveMs / batchMs).toFixed(1),
      'per-point / ours': +(perPointMs / batchMs).toFixed(1),
      'in a grid': inside,
      identical,
    };
  } finally {
    await db.close();
    await database.drop();
  }
}

const rows = [await run('district', 'geodata'), await run('city-scale', CITY_DIR)];
console.log(`\nrouting ${N} points to grids (PostgreSQL ${process.env.DATABASE_URL})`);
console.table(rows);
