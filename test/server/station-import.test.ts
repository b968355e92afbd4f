import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../common/ledgers.ts';
import { loginAs, pointInGrid, startTestServer, type TestServer } from '../helpers/test-server.ts';

// The station ledger's import on a real PostGIS: each row through the station register's own
// rules (where a station of its kind may stand, who keeps it) and audited writes; per-cell issues;
// all or nothing; updates by id.

let server: TestServer;
const tokens: Record<string, string> = {};
let free: { lng: number; lat: number };
let otherFree: { lng: number; lat: number };

const HEADER = '站点编号,站点名称,类型,服务项目,经度,纬度';
async function upload(as: string, rows: string[], query = '') {
  const form = new FormData();
  form.append('file', new Blob([[HEADER, ...rows].join('\n')]), 'stations.csv');
  const res = await fetch(`${server.url}/api/imports/stations${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[as]}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as ImportReport };
}

beforeAll(async () => {
  server = await startTestServer();
  for (const u of ['district', 'community']) tokens[u] = await loginAs(server, u);
  const [g] = await server.db.query<{ own: string; other: string }>(
    `SELECT (SELECT min(g.code) FROM grids g WHERE g.community_code = u.scope_communities[1]) AS own,
            (SELECT min(g.code) FROM grids g WHERE g.community_code <> u.scope_communities[1]) AS other
     FROM users u WHERE u.username = 'community'`,
  );
  free = await pointInGrid(server.db, g!.own);
  otherFree = await pointInGrid(server.db, g!.other);
});
afterAll(async () => {
  await server?.close();
});

describe('station ledger import', () => {
  it('names each bad cell and writes nothing of a file with a bad row', async () => {
    const before = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM stations');
    const { status, body } = await upload('district', [
      `,导入社区服务站,社区党群服务站,诉求受理、矛盾调解,${free.lng},${free.lat}`,
      `,类型不对,服务站,,${free.lng},${free.lat}`,
      `,服务不对,社区党群服务站,跳舞,${free.lng},${free.lat}`,
      `,经度不对,社区党群服务站,,120.5,${free.lat}`,
      `,不在小区的小区服务点,小区党群服务点,,${free.lng},${free.lat}`,
    ]);
    expect(status).toBe(422);
    expect(body.issues.map((i) => [i.cell, i.field])).toEqual([
      ['C3', 'kind'],
      ['D4', 'services'],
      ['E5', 'lng'],
      ['E6', 'lng'],
    ]);
    expect(body.issues[0]!.zh).toBe(
      '类型应为 区党群服务中心、街道党群服务中心、社区党群服务站、小区党群服务点 之一，实为「服务站」',
    );
    expect(body.issues[3]!.en).toBe(
      'location: a compound station stands in or within 30 m of a compound',
    );
    const after = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM stations');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('creates, then corrects by id, audited; the same row again is unchanged', async () => {
    const created = await upload('district', [
      `,导入社区服务站,社区党群服务站,诉求受理、矛盾调解,${free.lng},${free.lat}`,
    ]);
    expect(created.status).toBe(201);
    expect(created.body.counts).toMatchObject({ create: 1, error: 0 });
    const [s] = await server.db.query<{ id: number; services: string[]; kind: string }>(
      "SELECT id, services, kind FROM stations WHERE name = '导入社区服务站'",
    );
    expect(s).toMatchObject({
      kind: 'community_station',
      services: ['grievance_intake', 'mediation'],
    });
    const renamed = await upload('district', [
      `${s!.id},导入社区服务站（更名）,社区党群服务站,诉求受理、矛盾调解,${free.lng},${free.lat}`,
    ]);
    expect(renamed.body.results).toEqual([
      { row: 2, name: '导入社区服务站（更名）', outcome: 'update', targetId: s!.id },
    ]);
    const again = await upload(
      'district',
      [`${s!.id},导入社区服务站（更名）,社区党群服务站,诉求受理、矛盾调解,${free.lng},${free.lat}`],
      '?dryRun=1',
    );
    expect(again.body.counts).toMatchObject({ unchanged: 1 });
    const audit = await server.db.query<{ action: string; reason: string }>(
      'SELECT action, reason FROM station_audit WHERE station_id = $1 ORDER BY id',
      [s!.id],
    );
    expect(audit).toEqual([
      { action: 'create', reason: '站点台账导入（stations.csv）' },
      { action: 'edit', reason: '站点台账导入（stations.csv）' },
    ]);
  });

  it("keeps a community admin's rows to their community", async () => {
    const { body } = await upload(
      'community',
      [`,别处的服务站,社区党群服务站,,${otherFree.lng},${otherFree.lat}`],
      '?dryRun=1',
    );
    expect(body.issues.map((i) => [i.cell, i.en])).toEqual([
      ['E2', 'a community_station there is outside your area'],
    ]);
  });
});
