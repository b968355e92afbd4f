import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompoundToDraw, ImportRecord, ImportReport } from '../../common/ledgers.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/test-server.ts';

// The compound ledger import on a real PostGIS, with files LibreOffice wrote
// (scripts/ledger-fixtures.ts): the template, the dry run's per-cell report, the atomic apply,
// undo, the GCJ-02 test, the size limit and scope.

const TODAY = '2026-12-04';
const DIR = 'test/fixtures/ledgers';
const fixtures = JSON.parse(fs.readFileSync(`${DIR}/fixtures.json`, 'utf8')) as {
  community: { code: string; name: string; street: string };
  updated: number;
  unchanged: number;
  overlapped: number;
};
const truth = JSON.parse(fs.readFileSync(`${DIR}/compounds-gcj02.truth.json`, 'utf8')) as {
  name: string;
  community: string;
  wgs84: [number, number];
}[];

let server: TestServer;
const tokens: Record<string, string> = {};

type Reply<T> = {
  status: number;
  body: T & { error?: { code: string; message: string; field?: string } };
};

async function upload<T = ImportReport>(
  as: string,
  file: string | { name: string; bytes: Buffer },
  query = '',
): Promise<Reply<T>> {
  const { name, bytes } =
    typeof file === 'string' ? { name: file, bytes: fs.readFileSync(`${DIR}/${file}`) } : file;
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const res = await fetch(`${server.url}/api/imports/compounds${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[as]}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as Reply<T>['body'] };
}

async function call<T>(method: string, path: string, as: string): Promise<Reply<T>> {
  const res = await fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${tokens[as]}` },
  });
  return { status: res.status, body: (await res.json()) as Reply<T>['body'] };
}

const count = async (sql: string, params: unknown[] = []) =>
  (await server.db.query<{ n: number }>(sql, params))[0]!.n;
const liveCompounds = () => count('SELECT count(*)::int AS n FROM compounds');

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date(`${TODAY}T08:00:00Z`) });
  for (const u of ['district', 'community', 'operator']) tokens[u] = await loginAs(server, u);
});
afterAll(async () => {
  await server?.close();
});

describe('ledger import of compounds', () => {
  it('serves an XLSX template with Chinese headers, an example row and drop-down lists', async () => {
    const res = await fetch(`${server.url}/api/imports/templates/compounds.xlsx`, {
      headers: { authorization: `Bearer ${tokens.district}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.getWorksheet('小区')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '小区编号',
      '小区名称',
      '街道',
      '社区',
      '户数',
      '楼栋数',
      '建成年份',
      '服务方式',
      '物业企业信用代码',
      '经度',
      '纬度',
      '轮廓(WKT或GeoJSON)',
      '地址',
    ]);
    expect(sheet.getCell('B2').value).toBe('示例小区（可删除）');
    expect(sheet.getCell('D5').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['选项!$B$2:$B$83'],
    });
    expect(sheet.getCell('H5').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['选项!$C$2:$C$5'],
    });
    const lists = wb.getWorksheet('选项')!;
    expect(lists.state).toBe('hidden');
    expect((lists.getColumn(3).values as unknown[]).slice(1)).toEqual([
      '服务方式',
      '专业化物业企业',
      '街道社区物业公司',
      '居民自我管理',
      '无物业',
    ]);
  });

  it('takes its own template back: the example row dry-runs as a compound to be drawn', async () => {
    const res = await fetch(`${server.url}/api/imports/templates/compounds.xlsx`, {
      headers: { authorization: `Bearer ${tokens.district}` },
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const { status, body } = await upload(
      'district',
      { name: '小区台账模板.xlsx', bytes },
      '?dryRun=1',
    );
    expect(status).toBe(200);
    expect(body.issues).toEqual([]);
    expect(body.results).toEqual([
      { row: 2, name: '示例小区（可删除）', outcome: 'to_draw', targetId: null },
    ]);
  });

  it('dry-runs a LibreOffice XLSX: counts per outcome, nothing written', async () => {
    const before = await liveCompounds();
    const { status, body } = await upload('district', 'compounds-good.xlsx', '?dryRun=1&crs=wgs84');
    expect(status).toBe(200);
    expect(body.issues).toEqual([]);
    expect(body.counts).toEqual({ create: 2, update: 1, unchanged: 1, to_draw: 2, error: 0 });
    expect(body.results.map((r) => [r.row, r.outcome, r.targetId])).toEqual([
      [2, 'create', null],
      [3, 'create', null],
      [4, 'to_draw', null],
      [5, 'to_draw', null],
      [6, 'update', fixtures.updated],
      [7, 'unchanged', fixtures.unchanged],
    ]);
    expect(body).toMatchObject({
      dryRun: true,
      importId: null,
      crs: 'wgs84',
      crsDetected: false,
      rows: 6,
    });
    expect(body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await liveCompounds()).toBe(before);
    expect(await count('SELECT count(*)::int AS n FROM imports')).toBe(0);
  });

  it('names every bad cell in Chinese and English, and applies nothing of a file with a bad row', async () => {
    const before = await liveCompounds();
    const dry = await upload('district', 'compounds-bad.xlsx', '?dryRun=1');
    expect(dry.status).toBe(200);
    expect(dry.body.issues.map((i) => [i.row, i.cell, i.field])).toEqual([
      [3, 'E3', 'households'],
      [4, 'D4', 'community'],
      [5, 'L5', 'footprint'],
      [6, 'H6', 'coverageMode'],
      [7, 'B7', 'name'],
    ]);
    const [households, community, footprint, mode, duplicate] = dry.body.issues;
    expect(households).toMatchObject({
      zh: '户数应为 1–100000 的整数，实为 0',
      en: 'households: expected an integer 1–100000, got 0',
    });
    expect(community).toMatchObject({
      zh: '未知社区「不存在社区」（名称或 12 位代码）',
      en: 'unknown community "不存在社区" (name or 12-digit code)',
    });
    expect(footprint!.en).toMatch(
      new RegExp(
        `^the footprint overlaps compound ${fixtures.overlapped} \\(.+\\) by \\d+ m²; at most 5 m²$`,
      ),
    );
    expect(footprint!.zh).toMatch(
      new RegExp(`^轮廓与小区 ${fixtures.overlapped}（.+）重叠 \\d+ 平方米，至多 5 平方米$`),
    );
    expect(mode!.en).toBe(
      'coverageMode: expected one of professional, street_company, self_managed, none, got "物业"',
    );
    expect(duplicate).toMatchObject({
      zh: '与第 2 行重复（同一社区内同名小区）',
      en: 'duplicate of row 2 (same community and name)',
    });
    expect(dry.body.counts).toEqual({ create: 1, update: 0, unchanged: 0, to_draw: 0, error: 5 });

    const applied = await upload('district', 'compounds-bad.xlsx');
    expect(applied.status).toBe(422);
    expect(applied.body.importId).toBeNull();
    expect(applied.body.issues).toHaveLength(5);
    expect(await liveCompounds()).toBe(before);
    expect(
      await count("SELECT count(*)::int AS n FROM compound_register WHERE name = '导入新建一号'"),
    ).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM imports')).toBe(0);
  });

  it('applies atomically, audited as one import with the file hash, then undoes it', async () => {
    const before = await liveCompounds();
    const households = await count('SELECT households AS n FROM compounds WHERE id = $1', [
      fixtures.updated,
    ]);
    const { status, body } = await upload('district', 'compounds-good.xlsx', '?crs=wgs84');
    expect(status).toBe(201);
    expect(body.importId).toBeGreaterThan(0);
    expect(await liveCompounds()).toBe(before + 2);
    const created = await server.db.query<{
      name: string;
      households: number;
      enterprise: string | null;
      grid: string;
    }>(
      `SELECT c.name, c.households, e.credit_code AS enterprise, c.grid_code AS grid
       FROM compounds c LEFT JOIN enterprises e ON e.id = c.enterprise_id
       WHERE c.name LIKE '导入新建%' ORDER BY c.name`,
    );
    expect(created.map((c) => [c.name, c.households, c.enterprise])).toEqual([
      ['导入新建一号', 320, '91350502MA0HCFLH1H'],
      ['导入新建二号', 88, null],
    ]);
    expect(created.every((c) => c.grid.startsWith(fixtures.community.code))).toBe(true);
    expect(
      await count('SELECT households AS n FROM compounds WHERE id = $1', [fixtures.updated]),
    ).toBe(60);
    const audit = await server.db.query<{ action: string; actor: string; reason: string }>(
      `SELECT action, actor, reason FROM compound_audit WHERE action = 'import' ORDER BY compound_id`,
    );
    expect(audit).toHaveLength(3);
    expect(audit[0]!.reason).toBe(
      `台账导入 #${body.importId}（compounds-good.xlsx，SHA-256 ${body.sha256.slice(0, 16)}…）`,
    );
    const imports = await call<ImportRecord[]>('GET', '/api/imports', 'district');
    expect(imports.body[0]).toMatchObject({
      id: body.importId,
      sha256: body.sha256,
      actor: 'district',
      created: 2,
      updated: 1,
      unchanged: 1,
      toDraw: 2,
      undoneAt: null,
    });
    const toDraw = await call<CompoundToDraw[]>('GET', '/api/imports/to-draw', 'district');
    expect(toDraw.body.map((d) => [d.name, d.located, d.address])).toEqual([
      ['只有地址的小区', 'address', '示例路 8 号'],
      ['只有坐标的小区', 'point', null],
    ]);

    // the same file again changes nothing: every row is now unchanged or already drawn
    const again = await upload('district', 'compounds-good.xlsx', '?dryRun=1&crs=wgs84');
    expect(again.body.counts).toMatchObject({ create: 0, update: 0, unchanged: 4 });

    const undo = await call<ImportRecord>('POST', `/api/imports/${body.importId}/undo`, 'district');
    expect(undo.status).toBe(200);
    expect(undo.body.undoneBy).toBe('district');
    expect(await liveCompounds()).toBe(before);
    expect(
      await count('SELECT households AS n FROM compounds WHERE id = $1', [fixtures.updated]),
    ).toBe(households);
    expect(await count('SELECT count(*)::int AS n FROM compounds_to_draw')).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM compound_audit WHERE action = 'undo'")).toBe(
      3,
    );
    const twice = await call('POST', `/api/imports/${body.importId}/undo`, 'district');
    expect(twice.status).toBe(409);
  });

  it('refuses to undo an import whose compound changed since (409), restoring nothing', async () => {
    const { body } = await upload('district', 'compounds-good.xlsx', '?crs=wgs84');
    const [c] = await server.db.query<{ id: number; version: number }>(
      "SELECT id, version FROM compounds WHERE name = '导入新建二号'",
    );
    const res = await fetch(`${server.url}/api/compounds/${c!.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${tokens.district}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: c!.version, households: 90 }),
    });
    expect(res.status).toBe(200);
    const undo = await call<ImportRecord>('POST', `/api/imports/${body.importId}/undo`, 'district');
    expect(undo.status).toBe(409);
    expect(undo.body.error!.message).toBe(
      `Import ${body.importId} cannot be undone: compound ${c!.id} changed since`,
    );
    expect(
      await count("SELECT count(*)::int AS n FROM compounds WHERE name LIKE '导入新建%'"),
    ).toBe(2);
  });

  it('tells GCJ-02 points by the outline test and lands them within metres of their WGS84 truth', async () => {
    const { status, body } = await upload('district', 'compounds-gcj02.xlsx');
    expect(status).toBe(201);
    expect(body).toMatchObject({ crs: 'gcj02', crsDetected: true });
    expect(body.counts.to_draw).toBe(truth.length);
    const rows = await server.db.query<{ name: string; metres: number; inDistrict: boolean }>(
      `SELECT t.name, ST_Distance(ST_Transform(t.geom, 4549),
                ST_Transform(ST_SetSRID(ST_MakePoint(x.lng, x.lat), 4326), 4549)) AS metres,
              ST_Intersects(t.geom, (SELECT geom FROM district LIMIT 1)) AS "inDistrict"
       FROM compounds_to_draw t JOIN jsonb_to_recordset($1::jsonb) AS x(name text, lng float8, lat float8)
         ON x.name = t.name ORDER BY t.name`,
      [JSON.stringify(truth.map((t) => ({ name: t.name, lng: t.wgs84[0], lat: t.wgs84[1] })))],
    );
    expect(rows).toHaveLength(truth.length);
    for (const r of rows) {
      expect(r.metres, r.name).toBeLessThan(3);
      expect(r.inDistrict, r.name).toBe(true);
    }
    // read as WGS84 instead, the same file's points leave their communities
    const asWgs = await upload('district', 'compounds-gcj02.xlsx', '?dryRun=1&crs=wgs84');
    expect(asWgs.body.issues.filter((i) => i.field === 'lng').length).toBeGreaterThan(0);
  });

  it('answers 413 beyond the size limit, naming it', async () => {
    const big = Buffer.alloc(21 * 1024 * 1024, 0x41);
    const { status, body } = await upload('district', { name: 'big.csv', bytes: big }, '?dryRun=1');
    expect(status).toBe(413);
    expect(body.error).toEqual({
      code: 'payload_too_large',
      message: 'file: larger than 20 MB (IMPORT_MAX_MB)',
      field: 'file',
    });
  });

  it('keeps imports to admins, and rows to their area', async () => {
    const op = await upload('operator', 'compounds-good.xlsx', '?dryRun=1');
    expect(op.status).toBe(403);
    const own = await upload('community', 'compounds-good.xlsx', '?dryRun=1&crs=wgs84');
    expect(own.status).toBe(200);
    const outside = own.body.issues.filter((i) => i.en.includes('outside your area'));
    const [scoped] = await server.db.query<{ c: string }>(
      "SELECT scope_communities[1] AS c FROM users WHERE username = 'community'",
    );
    expect(outside.length).toBe(scoped!.c === fixtures.community.code ? 0 : 6);
    const bad = await upload('district', 'compounds-good.xlsx', '?dryRun=2');
    expect(bad.status).toBe(400);
    expect(bad.body.error!.field).toBe('dryRun');
  });

  it('reads a GeoJSON FeatureCollection, its properties as the columns', async () => {
    const { spots } = JSON.parse(fs.readFileSync(`${DIR}/fixtures.json`, 'utf8')) as {
      spots: [number, number][];
    };
    const [x, y] = spots[3]!;
    const h = 0.0002;
    const doc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {
            小区名称: 'GeoJSON 小区',
            社区: fixtures.community.name,
            户数: 70,
            楼栋数: 2,
            建成年份: 2005,
            服务方式: '无物业',
          },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [x - h, y - h],
                [x + h, y - h],
                [x + h, y + h],
                [x - h, y + h],
                [x - h, y - h],
              ],
            ],
          },
        },
        {
          type: 'Feature',
          properties: {
            小区名称: '',
            社区: fixtures.community.name,
            户数: 1,
            楼栋数: 1,
            建成年份: 2005,
            服务方式: '无物业',
          },
          geometry: null,
        },
      ],
    };
    const { body } = await upload(
      'district',
      { name: 'ledger.geojson', bytes: Buffer.from(JSON.stringify(doc)) },
      '?dryRun=1&crs=wgs84',
    );
    expect(body.results[0]).toMatchObject({ row: 1, outcome: 'create' });
    expect(body.issues).toEqual([
      {
        row: 2,
        cell: 'features[1].properties.小区名称',
        field: 'name',
        zh: '小区名称不能为空',
        en: 'name is required',
      },
    ]);
  });
});
