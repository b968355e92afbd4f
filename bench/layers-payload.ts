// GET of all compounds as GeoJSON: payload size and time, PGlite vs PostgreSQL, beside a baseline
// that serialises row by row in Node (what an ORM-style query would do) on the same database.
import zlib from 'node:zlib';
import { findLayerGeoJson } from '../server/layers/layers-queries.ts';
import { startTestServer, type TestServer } from '../test/helpers/test-server.ts';

const RUNS = 15;
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function median(fn: () => Promise<unknown>, runs = RUNS): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

// baseline: one row per compound, GeoJSON assembled and stringified in Node
async function naiveLayer(server: TestServer): Promise<string> {
  const rows = await server.db.query<{
    id: number;
    name: string;
    coverage_mode: string;
    geometry: unknown;
  }>(
    'SELECT id, name, coverage_mode, ST_AsGeoJSON(geom)::json AS geometry FROM compounds ORDER BY id',
  );
  return JSON.stringify({
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      id: r.id,
      geometry: r.geometry,
      properties: { id: r.id, name: r.name, coverageMode: r.coverage_mode },
    })),
  });
}

async function measure(engine: 'pglite' | 'postgres') {
  // 'default' makes a throwaway database on DATABASE_URL's server
  const server = await startTestServer({ engine: engine === 'pglite' ? 'pglite' : 'default' });
  try {
    const url = `${server.url}/api/layers/compounds?fields=coverageMode`;
    const body = await (await fetch(url)).text();
    const gzipped = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
    const httpMs = await median(() => fetch(url).then((r) => r.text()));
    const sqlMs = await median(() =>
      findLayerGeoJson(server.db, 'compounds', { fields: ['coverageMode'] }),
    );
    const naiveMs = await median(() => naiveLayer(server));
    return {
      engine,
      features: (JSON.parse(body) as { features: unknown[] }).features.length,
      bytes: body.length,
      gzipBytes: zlib.gzipSync(body).length,
      servedEncoding: gzipped.headers.get('content-encoding'),
      httpMs,
      sqlMs,
      naiveMs,
    };
  } finally {
    await server.close();
  }
}

process.env.DATABASE_URL = PG_URL;
const results = [await measure('postgres'), await measure('pglite')];
console.log('\nGET /api/layers/compounds?fields=coverageMode (median of %d)', RUNS);
console.table(
  results.map((r) => ({
    engine: r.engine,
    features: r.features,
    'payload KB': +(r.bytes / 1024).toFixed(1),
    'gzip KB': +(r.gzipBytes / 1024).toFixed(1),
    'HTTP ms': +r.httpMs.toFixed(1),
    'SQL-built ms': +r.sqlMs.toFixed(1),
    'naive row-by-row ms': +r.naiveMs.toFixed(1),
    'naive / ours': +(r.naiveMs / r.sqlMs).toFixed(2),
  })),
);
const [pgr, lite] = results;
console.log(`PGlite / PostgreSQL (HTTP): ${(lite!.httpMs / pgr!.httpMs).toFixed(2)}x`);
