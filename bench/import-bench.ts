// Importing a 10,000-compound ledger (issue 13): the import's dry run and apply (whole-file
// batched statements: one footprint measure over a temporary GiST-indexed table, one INSERT …
// SELECT per step) beside the baseline doing the same work one compound at a time through the
// register's own queries (findCommunity → measureFootprint → insertCompound with its audit row,
// one transaction per compound, as POST /api/compounds does), same rows, same database.
//   npx tsx bench/import-bench.ts [--rows 10000]
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import type { Polygon, Position } from '../common/geo.ts';
import { ringBounds } from '../geometry/bounds.ts';
import { isPointInPolygon } from '../geometry/point-in-polygon.ts';
import {
  findCommunity,
  insertCompound,
  measureFootprint,
} from '../server/compounds/compound-register-queries.ts';
import { footprintProblem } from '../server/compounds/compound-rules.ts';
import {
  lockImportChanges,
  undoCompoundImport,
} from '../server/imports/compound-import-queries.ts';
import { COMPOUND_COLUMNS } from '../server/imports/compound-import-rows.ts';
import { importCompounds, type ImportRequest } from '../server/imports/compound-import.ts';
import { startTestServer } from '../test/helpers/test-server.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000' } } });
const N = Number(values.rows);
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';

// the boundaries only (as production starts): no seeded compound in the way
const server = await startTestServer({
  env: { SEED_DEMO_DATA: 'false', SEED_DEMO_USERS: 'false' },
});
try {
  const communities = (
    await server.db.query<{ code: string; name: string; geometry: Polygon }>(
      'SELECT code, name, ST_AsGeoJSON(geom, 6)::json AS geometry FROM communities ORDER BY code',
    )
  ).map((c) => ({ ...c, ring: c.geometry.coordinates[0]! }));
  const [district] = await server.db.query<{ geometry: { coordinates: Position[][][] } }>(
    'SELECT ST_AsGeoJSON(geom, 6)::json AS geometry FROM district LIMIT 1',
  );
  const inDistrict = (p: Position) =>
    district!.geometry.coordinates.some((polygon) => isPointInPolygon(p, polygon));
  const H = 0.0001; // a square of about 20 m × 22 m, every 60 m
  const rows: { name: string; community: string; ring: Position[] }[] = [];
  for (let step = 0.0006; rows.length < N + 100; step *= 0.8) {
    rows.length = 0;
    for (const c of communities) {
      const [minX, minY, maxX, maxY] = ringBounds(c.ring);
      for (let y = minY + step; y < maxY && rows.length < N + 100; y += step) {
        for (let x = minX + step; x < maxX && rows.length < N + 100; x += step) {
          const sq: Position[] = [
            [x - H, y - H],
            [x + H, y - H],
            [x + H, y + H],
            [x - H, y + H],
          ];
          // a margin of twice the square around it: the district's outline is not convex
          const margin: Position[] = [
            [x - 3 * H, y - 3 * H],
            [x + 3 * H, y - 3 * H],
            [x + 3 * H, y + 3 * H],
            [x - 3 * H, y + 3 * H],
          ];
          if (!sq.every((p) => isPointInPolygon(p, [c.ring])) || !margin.every(inDistrict))
            continue;
          const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
          const ring = [...sq, sq[0]!].map(([a, b]) => [r6(a), r6(b)] as Position);
          rows.push({ name: `压测小区${rows.length + 1}`, community: c.code, ring });
        }
      }
    }
  }
  const workbook = async (of: typeof rows) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('小区');
    ws.addRow(COMPOUND_COLUMNS.map((c) => c.zh));
    for (const r of of) {
      const wkt = `POLYGON((${r.ring.map((p) => p.join(' ')).join(', ')}))`;
      ws.addRow([
        null,
        r.name,
        null,
        r.community,
        100,
        2,
        2000,
        '无物业',
        null,
        null,
        null,
        wkt,
        null,
      ]);
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  // a few squares near the outline still leave the district (its polygon has slivers): an
  // untimed dry run names them, and the timed file is the first N rows the register accepts
  const probe = await importCompounds(server.db, {
    buffer: await workbook(rows),
    fileName: 'probe.xlsx',
    crs: 'wgs84',
    actor: 'bench',
    scope: { district: true, streets: [], communities: [], grids: [] },
    dryRun: true,
    today: '2026-12-04',
    progress: () => {},
  });
  const refused = new Set(probe.issues.map((i) => i.row - 2));
  rows.splice(0, rows.length, ...rows.filter((_, i) => !refused.has(i)).slice(0, N));
  const buffer = await workbook(rows);
  console.log(
    `${N} compounds, XLSX ${(buffer.length / 1024 / 1024).toFixed(1)} MB, ${server.db.engine}`,
  );

  const request = (dryRun: boolean): ImportRequest => ({
    buffer,
    fileName: 'bench.xlsx',
    crs: 'wgs84',
    actor: 'bench',
    scope: { district: true, streets: [], communities: [], grids: [] },
    dryRun,
    today: '2026-12-04',
    progress: () => {},
  });
  const time = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const out = await fn();
    const s = (performance.now() - t) / 1000;
    console.log(
      `${label.padEnd(52)} ${s.toFixed(1).padStart(7)} s  ${Math.round(N / s)
        .toString()
        .padStart(6)} rows/s`,
    );
    return out;
  };

  const dry = await time('import dry run (read, check, measure)', () =>
    importCompounds(server.db, request(true)),
  );
  if (dry.counts.create !== N)
    throw new Error(
      `dry run: ${JSON.stringify(dry.counts)} ${JSON.stringify(dry.issues.slice(0, 3))}`,
    );
  const applied = await time('import apply (the same + batched writes, audit)', () =>
    importCompounds(server.db, request(false)),
  );
  if (applied.counts.create !== N) throw new Error(`apply: ${JSON.stringify(applied.counts)}`);
  const live = async () =>
    (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM compounds'))[0]!.n;
  if ((await live()) !== N) throw new Error('apply wrote the wrong number of compounds');
  // undo retires them all, so the baseline starts from the same empty live register
  await server.db.withTransaction(async (tx) => {
    const changes = await lockImportChanges(tx, applied.importId!);
    await undoCompoundImport(tx, {
      importId: applied.importId!,
      changes,
      actor: 'bench',
      today: '2026-12-04',
      reason: 'bench',
    });
  });
  if ((await live()) !== 0) throw new Error('undo left compounds');

  await time('baseline: one transaction per compound (register path)', async () => {
    for (const r of rows) {
      await server.db.withTransaction(async (tx) => {
        const community = (await findCommunity(tx, r.community))!;
        const geometry: Polygon = { type: 'Polygon', coordinates: [r.ring] };
        const figures = await measureFootprint(tx, geometry, community.code, null);
        const problem = footprintProblem(figures, community.name);
        if (problem) throw new Error(problem);
        await insertCompound(
          tx,
          {
            name: `${r.name}（基线）`,
            streetCode: community.streetCode,
            communityCode: community.code,
            gridCode: figures.gridCode!,
            households: 100,
            buildings: 2,
            yearBuilt: 2000,
            coverageMode: 'none',
            enterpriseId: null,
            geometry,
          },
          'bench',
          null,
        );
      });
    }
  });
  if ((await live()) !== N) throw new Error('baseline wrote the wrong number of compounds');
} finally {
  await server.close();
}
