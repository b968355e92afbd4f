import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationRecord } from '../../common/api.ts';
import { loginAs, pointInGrid, startTestServer, type TestServer } from '../helpers/test-server.ts';

// The station register on a real PostGIS: the location decides the street, community and
// compound; who may keep which kind of station; versions, audit, retirement; bad input named.

let server: TestServer;
const tokens: Record<string, string> = {};
let mine: { community: string; street: string; grid: string };
let otherStreetGrid: string;

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

const at = async (grid: string): Promise<[number, number]> => {
  const { lng, lat } = await pointInGrid(server.db, grid);
  return [Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
};

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date('2026-12-04T08:00:00Z') });
  for (const u of ['community', 'kaiyuan', 'operator', 'district'])
    tokens[u] = await loginAs(server, u);
  const [row] = await server.db.query<typeof mine>(
    `SELECT m.code AS community, m.street_code AS street,
            (SELECT g.code FROM grids g WHERE g.community_code = m.code ORDER BY g.code LIMIT 1) AS grid
     FROM users u JOIN communities m ON m.code = u.scope_communities[1] WHERE u.username = 'community'`,
  );
  mine = row!;
  const [other] = await server.db.query<{ code: string }>(
    `SELECT g.code FROM grids g JOIN communities m ON m.code = g.community_code
     WHERE m.street_code <> $1 ORDER BY g.code LIMIT 1`,
    [mine.street],
  );
  otherStreetGrid = other!.code;
});
afterAll(async () => {
  await server?.close();
});

describe('registering stations', () => {
  let station: StationRecord;

  it('places a community station in the community its location falls in', async () => {
    const location = await at(mine.grid);
    const reply = await call<StationRecord>('POST', '/api/stations', 'community', {
      name: '社区党群服务站（新）',
      kind: 'community_station',
      services: ['grievance_intake', 'mediation'],
      location,
    });
    expect(reply.status).toBe(201);
    station = reply.body;
    expect(station).toEqual({
      id: station.id,
      name: '社区党群服务站（新）',
      kind: 'community_station',
      services: ['grievance_intake', 'mediation'],
      streetCode: mine.street,
      communityCode: mine.community,
      compoundId: null,
      location,
      version: 1,
    });
    const layer = await call<{ features: { properties: { id: number } }[] }>(
      'GET',
      '/api/layers/stations',
      'operator',
    );
    expect(layer.body.features.some((f) => f.properties.id === station.id)).toBe(true);
  });

  it('gives a compound station the compound it stands in, and refuses one away from any', async () => {
    const [compound] = await server.db.query<{ id: number; lng: number; lat: number }>(
      `SELECT id, round(ST_X(ST_PointOnSurface(geom))::numeric, 6)::float8 AS lng,
              round(ST_Y(ST_PointOnSurface(geom))::numeric, 6)::float8 AS lat
       FROM compounds WHERE community_code = $1 ORDER BY id LIMIT 1`,
      [mine.community],
    );
    const inside = await call<StationRecord>('POST', '/api/stations', 'community', {
      name: '小区党群服务点',
      kind: 'compound_station',
      services: [],
      location: [compound!.lng, compound!.lat],
    });
    expect(inside.status).toBe(201);
    expect(inside.body.compoundId).toBe(compound!.id);
    const away = await call('POST', '/api/stations', 'community', {
      name: '远离小区',
      kind: 'compound_station',
      services: [],
      location: await at(mine.grid), // at least 40 m from every compound of the grid
    });
    expect(away.status).toBe(400);
    expect(away.body.error).toMatchObject({
      field: 'location',
      message: 'location: a compound station stands in or within 30 m of a compound',
    });
  });

  it('keeps each kind with its keepers: a community admin no street centre, a street admin only its street', async () => {
    const location = await at(mine.grid);
    const centre = { name: '街道党群服务中心', kind: 'street_centre', services: [], location };
    const byCommunity = await call('POST', '/api/stations', 'community', centre);
    expect(byCommunity.status).toBe(403);
    expect(byCommunity.body.error!.message).toBe('A street_centre there is outside your area');
    expect((await call('POST', '/api/stations', 'kaiyuan', centre)).status).toBe(201);
    const elsewhere = await call('POST', '/api/stations', 'kaiyuan', {
      ...centre,
      location: await at(otherStreetGrid),
    });
    expect(elsewhere.status).toBe(403);
    expect(
      (await call('POST', '/api/stations', 'kaiyuan', { ...centre, kind: 'district_centre' }))
        .status,
    ).toBe(403);
    expect((await call('POST', '/api/stations', 'operator', centre)).status).toBe(403);
  });

  it.each([
    ['a location outside the district', { location: [118.45, 24.95] }, 'location'],
    ['a location off the map', { location: [0, 0] }, 'location.0'],
    ['an unknown service', { services: ['karaoke'] }, 'services.0'],
    ['a repeated service', { services: ['mediation', 'mediation'] }, 'services'],
    ['an unknown kind', { kind: 'kiosk' }, 'kind'],
    ['an empty name', { name: ' ' }, 'name'],
  ])('answers 400 naming the field for %s', async (_what, patch, field) => {
    const before = await server.db.query('SELECT count(*)::int AS n FROM station_register');
    const reply = await call('POST', '/api/stations', 'community', {
      name: '测试站点',
      kind: 'community_station',
      services: [],
      location: await at(mine.grid),
      ...patch,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error!.field).toBe(field);
    expect(await server.db.query('SELECT count(*)::int AS n FROM station_register')).toEqual(
      before,
    );
  });

  it('corrects a station with its version (409 when stale) and audits it', async () => {
    const ok = await call<StationRecord>('PATCH', `/api/stations/${station.id}`, 'community', {
      version: 1,
      services: ['elderly_care'],
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ services: ['elderly_care'], version: 2 });
    const stale = await call('PATCH', `/api/stations/${station.id}`, 'community', {
      version: 1,
      name: 'x',
    });
    expect(stale.status).toBe(409);
    const audit = await server.db.query<{ action: string; actor: string }>(
      'SELECT action, actor FROM station_audit WHERE station_id = $1 ORDER BY id',
      [station.id],
    );
    expect(audit).toEqual([
      { action: 'create', actor: 'community' },
      { action: 'edit', actor: 'community' },
    ]);
  });

  it('retires it from the live register and the map', async () => {
    const reply = await call('POST', `/api/stations/${station.id}/retire`, 'community', {
      version: 2,
      retiredOn: '2026-12-04',
      reason: '并入新址',
    });
    expect(reply.status).toBe(204);
    const layer = await call<{ features: { properties: { id: number } }[] }>(
      'GET',
      '/api/layers/stations',
      'operator',
    );
    expect(layer.body.features.some((f) => f.properties.id === station.id)).toBe(false);
    expect(
      await server.db.query('SELECT retire_reason FROM station_register WHERE id = $1', [
        station.id,
      ]),
    ).toEqual([{ retire_reason: '并入新址' }]);
    expect(
      (await call('PATCH', `/api/stations/${station.id}`, 'community', { version: 3, name: 'x' }))
        .status,
    ).toBe(404);
  });
});
