import * as turf from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompoundDetail, CoverageSummary, Health } from '../../common/api.ts';
import { COVERAGE_MODES } from '../../common/domain.ts';
import type { FeatureCollection, Geometry } from '../../common/geo.ts';
import { readGeodata } from '../../server/geodata-loader.ts';
import { migrate } from '../../server/migrate.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/test-server.ts';

// every endpoint against the real server and a real PostGIS (PostgreSQL with DATABASE_URL, as CI
// runs it; embedded PGlite without). Expected values come from the committed geodata/ files.

const geodata = readGeodata('geodata');
const TODAY = new Date('2026-11-28T08:00:00Z');

let server: TestServer;
let token: string; // the compound file needs a login (test/server/access.test.ts)
beforeAll(async () => {
  server = await startTestServer({ now: () => TODAY });
  token = await loginAs(server, 'district');
});
afterAll(async () => {
  await server?.close();
});

async function get<T = unknown>(path: string): Promise<{ status: number; body: T; type: string }> {
  const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
  const type = res.headers.get('content-type') ?? '';
  const body = (type.includes('json') ? await res.json() : await res.text()) as T;
  return { status: res.status, body, type };
}

type Fc = FeatureCollection<Geometry, Record<string, unknown>>;

describe('GET /api/health', () => {
  it('reports the engine, the PostGIS version and the migration version', async () => {
    const { status, body } = await get<Health>('/api/health');
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ok',
      engine: process.env.DATABASE_URL ? 'postgres' : 'pglite',
      postgis: expect.stringMatching(/^3\.\d+\.\d+/),
      migration: 20,
      dataOrigin: 'demonstration',
    });
  });
});

describe('GET /api/layers/{layer}', () => {
  it('serves the streets with their NBS codes and names only, by default', async () => {
    const { status, body, type } = await get<Fc>('/api/layers/streets');
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/geo\+json/);
    expect(body.features.map((f) => [f.properties.code, f.properties.name])).toEqual([
      ['350502001000', '海滨街道'],
      ['350502002000', '临江街道'],
      ['350502003000', '鲤中街道'],
      ['350502004000', '开元街道'],
      ['350502005000', '浮桥街道'],
      ['350502006000', '江南街道'],
      ['350502007000', '金龙街道'],
      ['350502008000', '常泰街道'],
      ['350502400000', '清濛经济开发区'],
    ]);
    expect(Object.keys(body.features[0]!.properties)).toEqual(['code', 'name']);
    expect(body.features[0]!.geometry.type).toBe('Polygon');
  });

  it('adds the requested fields, and the street areas add up to the district', async () => {
    const { body } = await get<Fc>('/api/layers/streets?fields=kind,areaKm2');
    const kinds = body.features.map((f) => f.properties.kind);
    expect(kinds.filter((k) => k === 'street')).toHaveLength(8);
    expect(kinds.at(-1)).toBe('development_zone');
    const total = body.features.reduce((s, f) => s + (f.properties.areaKm2 as number), 0);
    const district = turf.area(geodata.district.features[0]!) / 1e6;
    expect(Math.abs(total - district) / district).toBeLessThan(0.01);
  });

  it('serves every layer with the committed feature count', async () => {
    for (const layer of [
      'district',
      'streets',
      'communities',
      'grids',
      'compounds',
      'stations',
    ] as const) {
      const { body } = await get<Fc>(`/api/layers/${layer}`);
      expect(body.features.length, layer).toBe(geodata[layer].features.length);
    }
  });

  it('serves compounds with their coverage mode, matching the seed tally per mode', async () => {
    const { body } = await get<Fc>('/api/layers/compounds?fields=coverageMode,households');
    const tally = (modes: unknown[]) =>
      Object.fromEntries(COVERAGE_MODES.map((m) => [m, modes.filter((x) => x === m).length]));
    expect(tally(body.features.map((f) => f.properties.coverageMode))).toEqual(
      tally(geodata.compounds.features.map((f) => f.properties.coverageMode)),
    );
    const first = geodata.compounds.features[0]!.properties;
    expect(body.features[0]!.properties).toEqual({
      id: first.id,
      name: first.name,
      coverageMode: first.coverageMode,
      households: first.households,
    });
  });

  it('filters by bbox to exactly the features whose envelope meets it', async () => {
    const c = geodata.compounds.features[0]!;
    const [x0, y0, x1, y1] = turf.bbox(c);
    const pad = 0.003;
    const box = [x0 - pad, y0 - pad, x1 + pad, y1 + pad];
    const expected = geodata.compounds.features
      .filter((f) => {
        const [a, b, cc, d] = turf.bbox(f);
        return a <= box[2]! && cc >= box[0]! && b <= box[3]! && d >= box[1]!;
      })
      .map((f) => f.properties.id);
    const { status, body } = await get<Fc>(`/api/layers/compounds?bbox=${box.join(',')}`);
    expect(status).toBe(200);
    expect(body.features.map((f) => f.properties.id)).toEqual(expected);
    expect(expected).toContain(c.properties.id);
  });

  it('returns an empty collection for a bbox far from Licheng', async () => {
    const { body } = await get<Fc>('/api/layers/compounds?bbox=0,0,1,1');
    expect(body).toEqual({ type: 'FeatureCollection', features: [] });
  });

  it.each([
    ['bbox=1,2,3', 'bbox', 'expected 4 comma-separated numbers minLng,minLat,maxLng,maxLat'],
    ['bbox=a,b,c,d', 'bbox.0', 'minLng must be a number in [-180, 180]'],
    ['bbox=118,95,119,25', 'bbox.1', 'minLat must be a number in [-90, 90]'],
    ['bbox=119,24,118,25', 'bbox', 'expected minLng ≤ maxLng and minLat ≤ maxLat'],
    ['bbox=', 'bbox', 'expected 4 comma-separated numbers'],
    ['fields=colour', 'fields', 'expected a comma-separated subset of: coverageMode, households'],
    ['zoom=3', 'zoom', 'Unrecognized key'],
  ])('rejects %s with 400 naming %s', async (query, field, message) => {
    const { status, body } = await get<{ error: { code: string; field: string; message: string } }>(
      `/api/layers/compounds?${query}`,
    );
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.field).toBe(field);
    expect(body.error.message).toContain(message);
  });

  it('rejects an unknown layer, naming the accepted ones', async () => {
    const { status, body } = await get<{ error: { field: string; message: string } }>(
      '/api/layers/roads',
    );
    expect(status).toBe(400);
    expect(body.error).toEqual({
      code: 'bad_request',
      field: 'layer',
      message:
        'layer: expected one of: district, streets, communities, grids, compounds, stations, cameras',
    });
  });
});

describe('GET /api/compounds/{id}', () => {
  it('gives a compound with its units, service and the nearest station', async () => {
    const seed = geodata.compounds.features.find(
      (f) => f.properties.coverageMode === 'professional',
    )!;
    const p = seed.properties;
    const { status, body } = await get<CompoundDetail>(`/api/compounds/${p.id}`);
    expect(status).toBe(200);
    const street = geodata.streets.features.find((f) => f.properties.code === p.streetCode)!;
    const enterprise = geodata.enterprises.find((e) => e.id === p.enterpriseId)!;
    expect(body).toMatchObject({
      id: p.id,
      name: p.name,
      street: { code: p.streetCode, name: street.properties.name },
      community: { code: p.communityCode },
      grid: { code: p.gridCode },
      households: p.households,
      buildings: p.buildings,
      yearBuilt: p.yearBuilt,
      coverageMode: 'professional',
      longTermManaged: p.longTermManaged,
      enterprise: { id: enterprise.id, name: enterprise.name, creditCode: enterprise.creditCode },
    });
    // nearest station, checked independently with turf (geodesic; the server uses EPSG:4549)
    const distances = geodata.stations.features.map((s) => ({
      id: s.properties.id,
      m: turf.booleanPointInPolygon(s, seed)
        ? 0
        : turf.pointToPolygonDistance(s, seed, { units: 'meters' }),
    }));
    distances.sort((a, b) => a.m - b.m || a.id - b.id);
    expect(body.nearestStation?.id).toBe(distances[0]!.id);
    expect(Math.abs(body.nearestStation!.distanceM - distances[0]!.m)).toBeLessThanOrEqual(
      Math.max(2, distances[0]!.m * 0.01),
    );
    expect(Math.abs(body.areaM2 - turf.area(seed)) / turf.area(seed)).toBeLessThan(0.01);
    expect(turf.booleanPointInPolygon(body.centroid, seed)).toBe(true);
  });

  it("reports the owners' committee with the plan's verdict on it", async () => {
    // 三(三): party members ≥ 50% or ≥ 3; one elected before the plan (2024-03-18) that falls short
    // is to raise its share gradually, one elected after it breaks the rule
    const meets = (c: { members: number; partyMembers: number }) =>
      c.partyMembers >= 3 || c.partyMembers * 2 >= c.members;
    const elected = geodata.ownersCommittees.filter((c) => c.status === 'elected');
    const cases = [
      [elected.find((c) => meets(c))!, 'meets'],
      [elected.find((c) => !meets(c) && c.termStart! < '2024-03-18')!, 'to_raise'],
      [elected.find((c) => !meets(c) && c.termStart! >= '2024-03-18')!, 'breach'],
    ] as const;
    for (const [committee, compliance] of cases) {
      const { body } = await get<CompoundDetail>(`/api/compounds/${committee.compoundId}`);
      expect(body.ownersCommittee).toEqual({
        status: 'elected',
        members: committee.members,
        ownerMembers: committee.ownerMembers,
        partyMembers: committee.partyMembers,
        termStart: committee.termStart,
        termEnd: committee.termEnd,
        compliance,
      });
    }
  });

  it('gives an unmanaged compound no enterprise', async () => {
    const seed = geodata.compounds.features.find((f) => f.properties.coverageMode === 'none')!;
    const { body } = await get<CompoundDetail>(`/api/compounds/${seed.properties.id}`);
    expect(body.coverageMode).toBe('none');
    expect(body.enterprise).toBeNull();
  });

  it('answers 404 naming an unknown id', async () => {
    const { status, body } = await get('/api/compounds/999999');
    expect(status).toBe(404);
    expect(body).toEqual({
      error: { code: 'not_found', message: 'Unknown compound id: 999999' },
      requestId: expect.any(String),
    });
  });

  it.each(['abc', '0', '-3', '1.5', '99999999999'])('answers 400 for the id %s', async (id) => {
    const { status, body } = await get<{ error: { code: string; field: string } }>(
      `/api/compounds/${id}`,
    );
    expect(status).toBe(400);
    expect(body.error.field).toBe('id');
  });
});

describe('GET /api/coverage', () => {
  it('tallies the district and each street by mode from the compounds', async () => {
    const { status, body } = await get<CoverageSummary>('/api/coverage');
    expect(status).toBe(200);
    const compounds = geodata.compounds.features.map((f) => f.properties);
    for (const mode of COVERAGE_MODES) {
      const of = compounds.filter((c) => c.coverageMode === mode);
      expect(body.district.counts[mode], mode).toEqual({
        compounds: of.length,
        households: of.reduce((s, c) => s + c.households, 0),
      });
    }
    expect(body.district.code).toBe('350502');
    expect(body.district.compounds).toBe(compounds.length);
    expect(body.streets).toHaveLength(9);
    expect(body.streets.reduce((s, u) => s + u.compounds, 0)).toBe(compounds.length);
    const kaiyuan = body.streets.find((s) => s.name === '开元街道')!;
    const inKaiyuan = compounds.filter((c) => c.streetCode === kaiyuan.code);
    expect(kaiyuan.compounds).toBe(inKaiyuan.length);
    expect(kaiyuan.counts.none.compounds).toBe(
      inKaiyuan.filter((c) => c.coverageMode === 'none').length,
    );
  });

  it('measures progress from the coverage history against the dated targets', async () => {
    const { body } = await get<CoverageSummary>('/api/coverage');
    const history = geodata.coverageHistory;
    const none = geodata.compounds.features.filter((f) => f.properties.coverageMode === 'none');
    const coveredIds = new Set(
      history.filter((h) => h.modeBefore === 'none').map((h) => h.compoundId),
    );
    const byMidYear = history.filter(
      (h) => h.modeBefore === 'none' && h.changedOn <= '2024-06-30',
    ).length;
    const total = none.length + coveredIds.size;
    expect(body.progress.baselineDate).toBe('2024-03-18');
    expect(body.progress.baselineUnmanaged).toBe(total);
    expect(body.progress.coveredSinceBaseline).toBe(coveredIds.size);
    expect(body.progress.share).toBe(Math.round((coveredIds.size / total) * 1e4) / 1e4);
    expect(body.progress.timeline.find((t) => t.date === '2024-06-30')?.covered).toBe(byMidYear);
    expect(body.progress.targets).toEqual([
      { date: '2024-06-30', share: 0.7, met: byMidYear / total >= 0.7 },
      { date: '2024-12-31', share: 1, met: coveredIds.size === total },
    ]);
  });

  it('rejects query parameters it does not take', async () => {
    const { status, body } = await get<{ error: { field: string } }>('/api/coverage?street=1');
    expect(status).toBe(400);
    expect(body.error.field).toBe('street');
  });
});

describe('errors and edges', () => {
  it('answers an unknown API route with a JSON 404', async () => {
    const { status, body } = await get('/api/nothing-here');
    expect(status).toBe(404);
    expect(body).toEqual({
      error: { code: 'not_found', message: 'Unknown API route' },
      requestId: expect.any(String),
    });
  });

  it('answers malformed JSON with 400 naming the body', async () => {
    const res = await fetch(`${server.url}/api/layers/streets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: 'bad_request', message: 'Request body is not valid JSON', field: 'body' },
      requestId: res.headers.get('x-request-id'),
    });
  });

  it('answers a body over the size limit with 413', async () => {
    const res = await fetch(`${server.url}/api/layers/streets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(200_000) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    );
  });

  it('rejects invalid geometry on write and keeps the table unchanged', async () => {
    const before = await server.db.query<{ n: number }>('SELECT count(*)::int n FROM compounds');
    const bowtie =
      'POLYGON((118.58 24.90, 118.59 24.91, 118.59 24.90, 118.58 24.91, 118.58 24.90))';
    const c = geodata.compounds.features[0]!.properties;
    await expect(
      server.db.query(
        `INSERT INTO compounds (name, street_code, community_code, grid_code, households, buildings,
           year_built, coverage_mode, geom)
         VALUES ('bad', $1, $2, $3, 10, 1, 1990, 'none', ST_GeomFromText($4, 4326))`,
        [c.streetCode, c.communityCode, c.gridCode, bowtie],
      ),
    ).rejects.toThrow(/compounds_geom_check/);
    expect(await server.db.query('SELECT count(*)::int n FROM compounds')).toEqual(before);
  });

  it('applies migrations once: a second run changes nothing', async () => {
    expect(await migrate(server.db)).toBe(20);
    expect(
      await server.db.query('SELECT version, name FROM schema_migrations ORDER BY version'),
    ).toEqual([
      { version: 1, name: 'init' },
      { version: 2, name: 'grievances' },
      { version: 3, name: 'bundle-proposals' },
      { version: 4, name: 'open311' },
      { version: 5, name: 'command-feed' },
      { version: 6, name: 'idempotency-per-caller' },
      { version: 7, name: 'session-version' },
      { version: 8, name: 'sync-index' },
      { version: 9, name: 'committees' },
      { version: 10, name: 'dataset-origin' },
      { version: 11, name: 'compound-register' },
      { version: 12, name: 'user-register' },
      { version: 13, name: 'committee-supervision' },
      { version: 14, name: 'station-register' },
      { version: 15, name: 'supervision-group' },
      { version: 16, name: 'enterprises' },
      { version: 18, name: 'imports' },
      { version: 19, name: 'funds-reports' },
      { version: 20, name: 'field-evidence' },
    ]);
  });
});
