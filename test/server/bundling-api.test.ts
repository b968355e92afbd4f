import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResult } from '../../common/auth.ts';
import type { BundleEvaluation, BundlingResult } from '../../common/bundling.ts';
import { DEMO_PASSWORD } from '../../server/auth/auth-queries.ts';
import { bundleCompounds } from '../../server/bundling/bundle.ts';
import { findNeighbourGraph } from '../../server/bundling/bundling-queries.ts';
import { checkBundles } from '../../server/bundling/evaluate-bundle.ts';
import { buildNeighbourGraph } from '../../server/bundling/neighbour-graph.ts';
import { readGeodata } from '../../server/geodata-loader.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

// the bundling API on a real PostGIS: the neighbour graph SQL against an independent build of the
// same graph from the GeoJSON, every suggested bundle against every rule, and who may plan.

const geodata = readGeodata('geodata');
const KAIYUAN = '350502004000';
let server: TestServer;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  for (const u of ['planner', 'kaiyuan', 'grid1', 'operator']) {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: u, password: DEMO_PASSWORD }),
    });
    tokens[u] = ((await res.json()) as LoginResult).token;
  }
});
afterAll(async () => {
  await server?.close();
});

async function post<T>(path: string, body: unknown, as?: string) {
  const res = await fetch(server.url + path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(as ? { authorization: `Bearer ${tokens[as]}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

describe('the neighbour graph from PostGIS', () => {
  it('has the same edges as the graph built independently from the GeoJSON', async () => {
    const sql = await findNeighbourGraph(server.db, {
      neighbourDistanceM: 150,
      unit: 'community',
      streetCode: null,
    });
    const ts = buildNeighbourGraph(geodata.compounds, { maxDistanceM: 150, unit: 'community' });
    const mode = new Map(
      geodata.compounds.features.map((f) => [f.properties.id, f.properties.coverageMode]),
    );
    const key = (e: { a: number; b: number }) => `${Math.min(e.a, e.b)}-${Math.max(e.a, e.b)}`;
    // the two projections differ by < 0.1%: pairs within a metre of the threshold may fall either way
    const firm = (e: { distanceM: number }) => Math.abs(e.distanceM - 150) > 1;
    const tsEdges = ts.edges.filter(
      (e) => (mode.get(e.a) === 'none' || mode.get(e.b) === 'none') && firm(e),
    );
    const sqlKeys = new Set(sql.edges.filter(firm).map(key));
    expect(sql.compounds).toHaveLength(geodata.compounds.features.length);
    expect(tsEdges.length).toBeGreaterThan(100);
    expect(new Set(tsEdges.map(key))).toEqual(sqlKeys);
  });
});

describe('POST /api/bundles/suggest', () => {
  it('suggests bundles for the district that break no rule', async () => {
    const { status, body } = await post<BundlingResult>('/api/bundles/suggest', {}, 'planner');
    expect(status).toBe(200);
    const graph = await findNeighbourGraph(server.db, {
      neighbourDistanceM: 150,
      unit: 'community',
      streetCode: null,
    });
    expect(checkBundles(body, graph)).toEqual([]);
    expect(body).toEqual(bundleCompounds(graph, {}));
    const none = geodata.compounds.features.filter((f) => f.properties.coverageMode === 'none');
    expect(body.summary.unmanagedCompounds).toBe(none.length);
    expect(body.summary.coveredCompounds + body.leftovers.length).toBe(none.length);
  });

  it('keeps a street admin to their own street', async () => {
    const own = await post<BundlingResult>(
      '/api/bundles/suggest',
      { options: { unit: 'street' } },
      'kaiyuan',
    );
    expect(own.status).toBe(200);
    expect(new Set(own.body.bundles.map((b) => b.unitCode))).toEqual(new Set([KAIYUAN]));
    const other = await post<{ error: { code: string } }>(
      '/api/bundles/suggest',
      { streetCode: '350502001000' },
      'kaiyuan',
    );
    expect(other.status).toBe(403);
  });

  it('refuses anonymous callers and roles that do not plan', async () => {
    expect((await post('/api/bundles/suggest', {})).status).toBe(401);
    expect((await post('/api/bundles/suggest', {}, 'grid1')).status).toBe(403);
    expect((await post('/api/bundles/suggest', {}, 'operator')).status).toBe(403);
  });

  it.each([
    [
      { options: { minHouseholds: 0 } },
      'options.minHouseholds',
      'minHouseholds must be in [1, 100000]',
    ],
    [
      { options: { minHouseholds: 500, maxHouseholds: 400 } },
      'options',
      'minHouseholds must not exceed maxHouseholds',
    ],
    [{ options: { unit: 'grid' } }, 'options.unit', 'expected community or street'],
    [{ streetCode: '3505' }, 'streetCode', 'expected a 12-digit street code'],
  ])('rejects bad input with 400 naming the field (case %#)', async (body, field, message) => {
    const res = await post<{ error: { field: string; message: string } }>(
      '/api/bundles/suggest',
      body,
      'planner',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
    expect(res.body.error.message).toContain(message);
  });
});

describe('POST /api/bundles/evaluate', () => {
  it('gives the metrics and broken rules of a hand-made selection', async () => {
    const suggestion = await post<BundlingResult>('/api/bundles/suggest', {}, 'planner');
    const bundle = suggestion.body.bundles.find((b) => b.anchorId === null)!;
    const ok = await post<BundleEvaluation>(
      '/api/bundles/evaluate',
      { compoundIds: bundle.compoundIds },
      'planner',
    );
    expect(ok.body).toMatchObject({
      unitCode: bundle.unitCode,
      households: bundle.households,
      viable: true,
      violations: [],
    });
    const small = bundle.compoundIds.slice(0, 1);
    const one = await post<BundleEvaluation>(
      '/api/bundles/evaluate',
      { compoundIds: small },
      'planner',
    );
    expect(one.body.viable).toBe(false);
    expect(one.body.violations.map((v) => v.code)).toContain('below_minimum_households');
  });

  it('rejects an empty selection naming compoundIds', async () => {
    const res = await post<{ error: { field: string; message: string } }>(
      '/api/bundles/evaluate',
      { compoundIds: [] },
      'planner',
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      field: 'compoundIds',
      message: 'compoundIds: select at least 1 compound',
    });
  });
});
