import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompoundDetail } from '../../common/api.ts';
import type { Polygon } from '../../common/geo.ts';
import { loginAs, pointInGrid, startTestServer, type TestServer } from '../helpers/test-server.ts';

// The compound register's write paths on a real PostGIS: a survey's new compound, corrections, a
// direct change of mode with its reason, retirement; footprints checked against the district, the
// community and the other compounds; scope, versions, audit; nothing half-written on a refusal.

const TODAY = '2026-12-04';
let server: TestServer;
const tokens: Record<string, string> = {};
let community: { code: string; name: string; streetCode: string; grid: string };
let otherCommunity: { code: string; name: string; grid: string };

type Reply<T> = {
  status: number;
  body: T & { error?: { code: string; message: string; field?: string } };
};

async function call<T>(
  method: string,
  path: string,
  as: string,
  body?: unknown,
): Promise<Reply<T>> {
  const res = await fetch(server.url + path, {
    method,
    headers: {
      authorization: `Bearer ${tokens[as]}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Reply<T>['body'] };
}

// a square of about 13 m × 13 m around a point
function square({ lng, lat }: { lng: number; lat: number }, half = 0.00006): Polygon {
  const ring: [number, number][] = [
    [lng - half, lat - half],
    [lng + half, lat - half],
    [lng + half, lat + half],
    [lng - half, lat + half],
    [lng - half, lat - half],
  ];
  return { type: 'Polygon', coordinates: [ring.map(([x, y]) => [round6(x), round6(y)])] };
}
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

const registerCount = async () =>
  (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM compound_register'))[0]!.n;

const base = () => ({
  name: '摸排新增小区',
  communityCode: community.code,
  households: 48,
  buildings: 2,
  yearBuilt: 1992,
  coverageMode: 'none',
});

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date(`${TODAY}T08:00:00Z`) });
  for (const u of ['community', 'kaiyuan', 'grid1', 'operator', 'district']) {
    tokens[u] = await loginAs(server, u);
  }
  const [c] = await server.db.query<typeof community>(
    `SELECT m.code, m.name, m.street_code AS "streetCode",
            (SELECT g.code FROM grids g WHERE g.community_code = m.code ORDER BY g.code LIMIT 1) AS grid
     FROM users u JOIN communities m ON m.code = u.scope_communities[1] WHERE u.username = 'community'`,
  );
  community = c!;
  const [o] = await server.db.query<typeof otherCommunity>(
    `SELECT m.code, m.name, (SELECT g.code FROM grids g WHERE g.community_code = m.code ORDER BY g.code LIMIT 1) AS grid
     FROM communities m WHERE m.street_code <> $1 ORDER BY m.code LIMIT 1`,
    [community.streetCode],
  );
  otherCommunity = o!;
});
afterAll(async () => {
  await server?.close();
});

describe('registering a compound found by a survey', () => {
  let created: CompoundDetail;

  it('registers it in the community admin’s own community, placed in its grid', async () => {
    const at = await pointInGrid(server.db, community.grid);
    const before = await registerCount();
    const reply = await call<CompoundDetail>('POST', '/api/compounds', 'community', {
      ...base(),
      geometry: square(at),
      reason: '2026年12月摸排发现',
    });
    expect(reply.status).toBe(201);
    created = reply.body;
    expect(created).toMatchObject({
      name: '摸排新增小区',
      version: 1,
      community: { code: community.code, name: community.name },
      street: { code: community.streetCode },
      grid: { code: community.grid },
      households: 48,
      buildings: 2,
      yearBuilt: 1992,
      coverageMode: 'none',
      enterprise: null,
      ownersCommittee: null,
    });
    expect(created.areaM2).toBeGreaterThan(120);
    expect(created.areaM2).toBeLessThan(200);
    expect(await registerCount()).toBe(before + 1);
    const audit = await server.db.query<{ action: string; actor: string; reason: string }>(
      'SELECT action, actor, reason FROM compound_audit WHERE compound_id = $1',
      [created.id],
    );
    expect(audit).toEqual([{ action: 'create', actor: 'community', reason: '2026年12月摸排发现' }]);
    const layer = await call<{ features: { properties: { id: number } }[] }>(
      'GET',
      '/api/layers/compounds',
      'operator',
    );
    expect(layer.body.features.some((f) => f.properties.id === created.id)).toBe(true);
  });

  it.each([
    ['overlapping another compound', 'overlap'],
    ['outside the community', 'community'],
    ['outside the district', 'district'],
    ['self-intersecting', 'bowtie'],
    ['too small', 'tiny'],
  ])('refuses a footprint %s, naming the figure, and writes nothing', async (_what, kind) => {
    const before = await registerCount();
    let geometry: Polygon;
    let message: RegExp;
    const rules: Record<string, string> = {
      overlap: 'footprint_overlap',
      community: 'footprint_outside_community',
      district: 'footprint_outside_district',
      bowtie: 'footprint_invalid',
      tiny: 'footprint_area',
    };
    if (kind === 'overlap') {
      const [{ geometry: g, id, name }] = (await server.db.query<{
        geometry: Polygon;
        id: number;
        name: string;
      }>(
        `SELECT ST_AsGeoJSON(geom, 6)::json AS geometry, id, name FROM compounds
         WHERE community_code = $1 AND id <> $2 ORDER BY id LIMIT 1`,
        [community.code, created.id],
      )) as [{ geometry: Polygon; id: number; name: string }];
      geometry = g;
      message = new RegExp(
        `^geometry: the footprint overlaps compound ${id} \\(${name}\\) by \\d+ m²; at most 5 m²$`,
      );
    } else if (kind === 'community') {
      geometry = square(await pointInGrid(server.db, otherCommunity.grid));
      message = new RegExp(
        `^geometry: \\d+ m² of the footprint lie outside ${community.name}; at most 1 m²$`,
      );
    } else if (kind === 'district') {
      geometry = square({ lng: 118.45, lat: 24.95 });
      message = /^geometry: \d+ m² of the footprint lie outside the district; at most 1 m²$/;
    } else if (kind === 'bowtie') {
      const { lng, lat } = await pointInGrid(server.db, community.grid);
      geometry = {
        type: 'Polygon',
        coordinates: [
          [
            [lng, lat],
            [round6(lng + 0.0002), round6(lat + 0.0002)],
            [round6(lng + 0.0002), lat],
            [lng, round6(lat + 0.0002)],
            [lng, lat],
          ],
        ],
      };
      message = /^geometry: the polygon is not valid: Self-intersection\[/;
    } else {
      geometry = square(await pointInGrid(server.db, community.grid), 0.00002);
      message = /^geometry: the footprint is \d+ m²; accepted 100–2000000 m²$/;
    }
    const reply = await call('POST', '/api/compounds', 'community', { ...base(), geometry });
    expect(reply.status).toBe(400);
    expect(reply.body.error!.field).toBe('geometry');
    expect(reply.body.error!.message).toMatch(message);
    // the same refusal as a rule and its figures, for the client to word
    const checks = (reply.body.error as { checks?: { rule: string }[] }).checks;
    expect(checks?.map((c) => c.rule)).toEqual([rules[kind]]);
    expect(await registerCount()).toBe(before);
  });

  it.each([
    [
      'an unclosed ring',
      {
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [118.55, 24.9],
              [118.551, 24.9],
              [118.551, 24.901],
              [118.55, 24.901],
            ],
          ],
        },
      },
      'geometry',
    ],
    ['a hole', { geometry: { type: 'Polygon', coordinates: [[], []] } }, 'geometry.coordinates'],
    [
      'a point far away',
      {
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 0],
            ],
          ],
        },
      },
      'geometry.coordinates.0.0.0',
    ],
    ['households 0', { households: 0 }, 'households'],
    ['an unknown community', { communityCode: '350502999999' }, 'communityCode'],
    ['professional without its enterprise', { coverageMode: 'professional' }, 'enterpriseId'],
    ['an enterprise for an unmanaged compound', { enterpriseId: 1 }, 'enterpriseId'],
    ['an unknown field', { owner: 'x' }, 'owner'],
  ])('answers 400 naming the field for %s', async (_what, patch, field) => {
    const at = await pointInGrid(server.db, community.grid);
    const reply = await call('POST', '/api/compounds', 'community', {
      ...base(),
      geometry: square({ lng: at.lng + 0.0003, lat: at.lat }),
      ...patch,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error!.field).toBe(field);
  });

  it('refuses another community’s compound to a community admin, and the register to other roles', async () => {
    const at = await pointInGrid(server.db, otherCommunity.grid);
    const outside = await call('POST', '/api/compounds', 'community', {
      ...base(),
      communityCode: otherCommunity.code,
      geometry: square(at),
    });
    expect(outside.status).toBe(403);
    expect(outside.body.error!.message).toBe(
      `Community ${otherCommunity.code} is outside your area`,
    );
    for (const role of ['grid1', 'operator']) {
      const reply = await call('PATCH', `/api/compounds/${created.id}`, role, {
        version: 1,
        households: 50,
      });
      expect(reply.status).toBe(403);
    }
  });

  it('corrects it with the version it last saw; a stale version is a 409', async () => {
    const ok = await call<CompoundDetail>('PATCH', `/api/compounds/${created.id}`, 'community', {
      version: 1,
      households: 52,
      reason: '复核户数',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ households: 52, version: 2, name: '摸排新增小区' });
    const stale = await call('PATCH', `/api/compounds/${created.id}`, 'community', {
      version: 1,
      households: 60,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error!.message).toBe(
      'Stale version 1: the compound is at version 2; reload and retry',
    );
    const [audit] = await server.db.query<{
      before: { households: number };
      after: { households: number };
    }>("SELECT before, after FROM compound_audit WHERE compound_id = $1 AND action = 'edit'", [
      created.id,
    ]);
    expect([audit!.before.households, audit!.after.households]).toEqual([48, 52]);
  });

  it('changes its mode directly with a reason, recorded in the coverage history', async () => {
    const reply = await call<CompoundDetail>(
      'POST',
      `/api/compounds/${created.id}/mode`,
      'community',
      {
        version: 2,
        coverageMode: 'street_company',
        changedOn: '2026-12-01',
        reason: '街道国有物业公司兜底接管',
      },
    );
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ coverageMode: 'street_company', version: 3 });
    const history = await server.db.query(
      `SELECT mode_before, mode_after, to_char(changed_on, 'YYYY-MM-DD') AS changed_on, reason
       FROM coverage_history WHERE compound_id = $1`,
      [created.id],
    );
    expect(history).toEqual([
      {
        mode_before: 'none',
        mode_after: 'street_company',
        changed_on: '2026-12-01',
        reason: '街道国有物业公司兜底接管',
      },
    ]);
    const same = await call('POST', `/api/compounds/${created.id}/mode`, 'community', {
      version: 3,
      coverageMode: 'street_company',
      changedOn: '2026-12-02',
      reason: '重复',
    });
    expect(same.status).toBe(400);
    expect(same.body.error!.field).toBe('coverageMode');
    const future = await call('POST', `/api/compounds/${created.id}/mode`, 'community', {
      version: 3,
      coverageMode: 'self_managed',
      changedOn: '2026-12-05',
      reason: '未来',
    });
    expect(future.status).toBe(400);
    expect(future.body.error!.message).toBe(
      'changedOn: 2026-12-05 is in the future (today is 2026-12-04)',
    );
  });

  it('retires it: gone from the live register and the map, kept with its history', async () => {
    const reply = await call('POST', `/api/compounds/${created.id}/retire`, 'community', {
      version: 3,
      retiredOn: '2026-12-04',
      reason: '拆迁',
    });
    expect(reply.status).toBe(204);
    expect((await call('GET', `/api/compounds/${created.id}`, 'operator')).status).toBe(404);
    const layer = await call<{ features: { properties: { id: number } }[] }>(
      'GET',
      '/api/layers/compounds',
      'operator',
    );
    expect(layer.body.features.some((f) => f.properties.id === created.id)).toBe(false);
    const kept = await server.db.query(
      `SELECT retire_reason FROM compound_register WHERE id = $1`,
      [created.id],
    );
    expect(kept).toEqual([{ retire_reason: '拆迁' }]);
    const again = await call('POST', `/api/compounds/${created.id}/retire`, 'community', {
      version: 4,
      retiredOn: '2026-12-04',
      reason: '拆迁',
    });
    expect(again.status).toBe(404);
  });
});
