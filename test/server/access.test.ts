import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startTestServer, type TestServer } from '../helpers/test-server.ts';

// What may be read without logging in (README "What is public"), and what needs a login or a
// role: every GET of the API, tried as an outsider.

let server: TestServer;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  server = await startTestServer();
  for (const user of ['operator', 'planner', 'district', 'grid1']) {
    tokens[user] = await loginAs(server, user);
  }
});
afterAll(async () => {
  await server?.close();
});

const get = async (path: string, as?: string) => {
  const res = await fetch(server.url + path, {
    headers: as ? { authorization: `Bearer ${tokens[as]}` } : {},
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const PUBLIC = [
  '/api/health',
  '/api/layers/district',
  '/api/layers/streets',
  '/api/layers/communities?fields=streetCode',
  '/api/layers/grids?fields=communityCode',
  '/api/layers/compounds?fields=coverageMode,households,buildings,yearBuilt,longTermManaged,streetCode,communityCode,gridCode',
  '/api/layers/stations?fields=kind,services,streetCode,communityCode,compoundId',
  '/api/coverage',
];

const LOGIN_ONLY = [
  '/api/layers/cameras',
  '/api/layers/cameras?fields=streamUrl',
  '/api/layers/compounds?fields=enterpriseId',
  '/api/compounds/1',
  '/api/enterprises',
  '/api/coverage/progress',
  '/api/coverage/unmanaged',
  '/api/events',
  '/api/events/1',
  '/api/wall/summary',
  '/api/wall/history',
  '/api/bundles/proposals',
  '/api/command-feed/status',
  '/api/auth/me',
];

describe('reading without a login', () => {
  it('serves the public map: boundaries, compounds by coverage mode, stations, coverage', async () => {
    const statuses = await Promise.all(PUBLIC.map(async (p) => [p, (await get(p)).status]));
    expect(statuses).toEqual(PUBLIC.map((p) => [p, 200]));
  });

  it('refuses everything else with 401', async () => {
    const answers = await Promise.all(
      LOGIN_ONLY.map(async (p) => {
        const { status, body } = await get(p);
        return [p, status, (body.error as { code: string }).code];
      }),
    );
    expect(answers).toEqual(LOGIN_ONLY.map((p) => [p, 401, 'unauthorized']));
  });
});

describe('reading with a login', () => {
  it('gives cameras to any user, their stream addresses to operators and district admins only', async () => {
    const planner = await get('/api/layers/cameras?fields=compoundId,platformCameraId', 'planner');
    expect(planner.status).toBe(200);
    const features = planner.body.features as { properties: Record<string, unknown> }[];
    expect(features.length).toBeGreaterThan(0);
    expect(Object.keys(features[0]!.properties).sort()).toEqual([
      'compoundId',
      'id',
      'name',
      'platformCameraId',
    ]);
    for (const user of ['planner', 'grid1']) {
      const streams = await get('/api/layers/cameras?fields=streamUrl', user);
      expect([user, streams.status, streams.body.error]).toEqual([
        user,
        403,
        {
          code: 'forbidden',
          field: 'fields',
          message: 'fields: streamUrl is for operators and district admins',
        },
      ]);
    }
    for (const user of ['operator', 'district']) {
      const streams = await get('/api/layers/cameras?fields=streamUrl', user);
      expect(streams.status).toBe(200);
      const first = (streams.body.features as { properties: { streamUrl: string } }[])[0]!;
      expect(first.properties.streamUrl).toMatch(/^rtsp:\/\/|^https?:\/\//);
    }
  });

  it('gives every logged-in user the compound file, enterprises and coverage planning', async () => {
    for (const path of [
      '/api/compounds/1',
      '/api/enterprises',
      '/api/coverage/progress',
      '/api/coverage/unmanaged',
      '/api/layers/compounds?fields=enterpriseId',
    ]) {
      expect([path, (await get(path, 'grid1')).status]).toEqual([path, 200]);
    }
  });
});
