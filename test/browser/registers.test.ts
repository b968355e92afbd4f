import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompoundDetail, LayerCollections, StationRecord } from '../../common/api.ts';
import type { Polygon, Position } from '../../common/geo.ts';
import type { UserRecord } from '../../common/users.ts';
import { DEMO_PASSWORD } from '../../server/auth/auth-queries.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/test-server.ts';

// The built client's /registers page against the real server, as a community admin and then a
// district admin would use it in headless Chromium: register a compound by drawing its footprint
// on the map and another by pasting GeoJSON, be refused an overlap with the field named in
// Chinese, change a compound's mode with a reason and see it in its history, add a station; then
// create a user scoped to a community and deactivate them.

const ARTIFACTS = path.resolve('test/artifacts');
const VIEWPORT = { width: 1680, height: 1000 };
const TODAY = '2026-12-04';
let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const tokens: Record<string, string> = {};
let community: { code: string; name: string; grid: string };
const errors: string[] = [];
let drawnId: number;
let pastedId: number;

type TestWindow = {
  __map: {
    project(p: Position): { x: number; y: number };
    jumpTo(o: { center: Position; zoom: number }): void;
    once(event: string, f: () => void): void;
    triggerRepaint(): void;
  };
};

async function api<T>(pathname: string, as = 'community'): Promise<T> {
  const res = await fetch(`${server.url}${pathname}`, {
    headers: { authorization: `Bearer ${tokens[as]}` },
  });
  if (!res.ok) throw new Error(`${pathname} answered ${res.status}`);
  return (await res.json()) as T;
}

// a square of about 2·half·111 km around a point, positions to 6 decimals
function square({ lng, lat }: { lng: number; lat: number }, half: number): Polygon {
  const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
  const ring: Position[] = [
    [lng - half, lat - half],
    [lng + half, lat - half],
    [lng + half, lat + half],
    [lng - half, lat + half],
    [lng - half, lat - half],
  ];
  return { type: 'Polygon', coordinates: [ring.map(([x, y]) => [r6(x!), r6(y!)])] };
}

/** Centres the map on a point at a zoom and waits until it has rendered. */
function flyTo(center: Position, zoom: number): Promise<void> {
  return page.evaluate(
    ([c, z]) =>
      new Promise<void>((resolve) => {
        const map = (window as unknown as TestWindow).__map;
        map.once('idle', () => requestAnimationFrame(() => resolve()));
        map.jumpTo({ center: c as Position, zoom: z as number });
      }),
    [center, zoom] as const,
  );
}

async function pageXY(lngLat: Position): Promise<{ x: number; y: number }> {
  const box = await page.locator('.base-map').boundingBox();
  const { x, y } = await page.evaluate(
    (at) => (window as unknown as TestWindow).__map.project(at),
    lngLat,
  );
  return { x: box!.x + x, y: box!.y + y };
}

/** A point of the admin's community at least 30 m inside its edge and 40 m from every compound. */
async function freeSpot(): Promise<{ lng: number; lat: number }> {
  const [p] = await server.db.query<{ lng: number; lat: number }>(
    `SELECT ST_X(p) AS lng, ST_Y(p) AS lat FROM (
       SELECT ST_PointOnSurface(ST_Difference(
         ST_Buffer(m.geom::geography, -30)::geometry,
         coalesce((SELECT ST_Union(ST_Buffer(c.geom::geography, 40)::geometry) FROM compounds c
                   WHERE c.community_code = m.code), 'SRID=4326;POLYGON EMPTY'::geometry))) AS p
       FROM communities m WHERE m.code = $1) x`,
    [community.code],
  );
  return p!;
}

async function signIn(username: string): Promise<void> {
  await page.evaluate(() => window.sessionStorage.clear());
  await page.goto(`${server.url}/registers`);
  await page.getByRole('heading', { name: '登录登记管理' }).waitFor();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('.base-map[data-state="ready"]').waitFor({ timeout: 90_000 });
}

const createForm = () => page.getByRole('form', { name: '登记新小区（摸排发现）' });

async function fillCompound(name: string, households: number): Promise<void> {
  const form = createForm();
  await form.locator('input[name="name"]').fill(name);
  await form.locator('select[name="communityCode"]').selectOption(community.code);
  await form.locator('input[name="households"]').fill(String(households));
  await form.locator('input[name="buildings"]').fill('3');
  await form.locator('input[name="yearBuilt"]').fill('1994');
  await form.locator('input[name="reason"]').fill('2026年12月摸排发现');
}

async function submitCompound(): Promise<number> {
  await createForm().getByRole('button', { name: '登记' }).click();
  const record = page.locator('.register-record[data-compound-id]');
  await record.waitFor();
  return Number(await record.getAttribute('data-compound-id'));
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer({ now: () => new Date(`${TODAY}T08:00:00Z`) });
  for (const u of ['community', 'district']) tokens[u] = await loginAs(server, u);
  const [c] = await server.db.query<typeof community>(
    `SELECT m.code, m.name,
            (SELECT g.code FROM grids g WHERE g.community_code = m.code ORDER BY g.code LIMIT 1) AS grid
     FROM users u JOIN communities m ON m.code = u.scope_communities[1] WHERE u.username = 'community'`,
  );
  community = c!;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('console', (m) => {
    // refusals answer 400: the browser logs the failed request itself
    if (m.type() === 'error' && !/\b(400|422)\b/.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/registers`);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('the registers page', () => {
  it("lists the community admin's compounds as the API does", async () => {
    await signIn('community');
    const layer = await api<LayerCollections['compounds']>(
      '/api/layers/compounds?fields=communityCode,households',
    );
    const mine = layer.features.filter((f) => f.properties.communityCode === community.code);
    const households = mine.reduce((s, f) => s + f.properties.households!, 0);
    await page
      .getByTestId('compound-count')
      .filter({ hasText: `${mine.length} 个小区 · ${households.toLocaleString('zh-CN')} 户` })
      .waitFor();
    expect(await page.locator('.register-table tbody tr[data-compound-id]').count()).toBe(
      Math.min(mine.length, 200),
    );
    expect(await page.getByRole('tab', { name: '用户' }).count()).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'registers-list.png') });
  });

  it('registers a compound whose footprint is drawn on the map', async () => {
    const at = await freeSpot();
    await flyTo([at.lng, at.lat], 17);
    await fillCompound('摸排新增·绘制小区', 64);
    await createForm().getByRole('button', { name: '在地图上绘制范围' }).click();
    const ring = square(at, 0.00018).coordinates[0]!.slice(0, 4);
    const vertices = await Promise.all(ring.map(pageXY));
    for (const v of vertices.slice(0, -1)) await page.mouse.click(v.x, v.y);
    await page.mouse.dblclick(vertices[3]!.x, vertices[3]!.y);
    expect(await page.getByTestId('geometry-status').textContent()).toBe('范围：4 个顶点');
    await page.screenshot({ path: path.join(ARTIFACTS, 'registers-drawn.png') });
    drawnId = await submitCompound();
    const detail = await api<CompoundDetail>(`/api/compounds/${drawnId}`);
    expect(detail).toMatchObject({
      name: '摸排新增·绘制小区',
      households: 64,
      buildings: 3,
      yearBuilt: 1994,
      coverageMode: 'none',
      version: 1,
      community: { code: community.code },
    });
    // a 40 m square drawn by clicks: within a few m² of 1,600
    expect(detail.areaM2).toBeGreaterThan(1200);
    expect(detail.areaM2).toBeLessThan(2000);
  });

  it('registers another by pasting GeoJSON', async () => {
    await page.getByRole('button', { name: '＋ 登记新小区' }).click();
    const at = await freeSpot();
    const geometry = square(at, 0.0001);
    await fillCompound('摸排新增·粘贴小区', 30);
    await createForm()
      .locator('textarea[name="geojson"]')
      .fill(JSON.stringify({ type: 'Feature', properties: {}, geometry }));
    expect(await page.getByTestId('geometry-status').textContent()).toBe('范围：4 个顶点');
    pastedId = await submitCompound();
    const detail = await api<CompoundDetail>(`/api/compounds/${pastedId}`);
    expect(detail).toMatchObject({ name: '摸排新增·粘贴小区', households: 30, version: 1 });
  });

  it('refuses a footprint overlapping another compound, naming the field in Chinese', async () => {
    await page.getByRole('button', { name: '＋ 登记新小区' }).click();
    const drawn = await server.db.query<{ geometry: Polygon }>(
      'SELECT ST_AsGeoJSON(geom, 6)::json AS geometry FROM compounds WHERE id = $1',
      [drawnId],
    );
    await fillCompound('重叠测试小区', 20);
    await createForm().locator('textarea[name="geojson"]').fill(JSON.stringify(drawn[0]!.geometry));
    await createForm().getByRole('button', { name: '登记' }).click();
    const error = createForm().locator('.field-error[data-field="geometry"]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(
      new RegExp(
        `^小区范围：与小区 ${drawnId}（摸排新增·绘制小区）重叠 [\\d,]+ 平方米，最多允许 5 平方米$`,
      ),
    );
    const [{ n }] = (await server.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM compound_register WHERE name = '重叠测试小区'",
    )) as [{ n: number }];
    expect(n).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'registers-overlap.png') });
  });

  it("changes a compound's mode with a reason and shows it in the history", async () => {
    await page.locator('input[name="search"]').fill('绘制小区');
    await page.locator(`tr[data-compound-id="${drawnId}"]`).click();
    const record = page.locator(`.register-record[data-compound-id="${drawnId}"]`);
    await record.waitFor();
    await record.locator('select[name="choice"]').selectOption('mode');
    await record.locator('select[name="coverageMode"]').selectOption('self_managed');
    await record.locator('input[name="date"]').fill('2026-12-02');
    await record.locator('input[name="reason"]').fill('业主大会决定自治');
    await record.getByRole('button', { name: '提交' }).click();
    await page
      .locator(`.register-record[data-compound-id="${drawnId}"][data-version="2"]`)
      .waitFor();
    expect(await page.getByTestId('compound-mode').textContent()).toBe('居民自我管理');
    const entry = page.locator('.register-history li[data-action="mode"]');
    await entry.waitFor();
    expect(await entry.locator('li[data-field="coverageMode"]').textContent()).toBe(
      '物业服务方式：无物业 → 居民自我管理',
    );
    expect(await entry.locator('.register-history__reason').textContent()).toBe(
      '原因：业主大会决定自治',
    );
    expect(await page.locator('.register-history li[data-action="create"]').count()).toBe(1);
    const detail = await api<CompoundDetail>(`/api/compounds/${drawnId}`);
    expect([detail.coverageMode, detail.version]).toEqual(['self_managed', 2]);
    const [history] = await server.db.query<{ reason: string; after: string }>(
      `SELECT reason, mode_after AS after FROM coverage_history WHERE compound_id = $1
       ORDER BY id DESC LIMIT 1`,
      [drawnId],
    );
    expect(history).toEqual({ reason: '业主大会决定自治', after: 'self_managed' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'registers-history.png') });
  });

  it('registers a party-mass service station placed on the map', async () => {
    await page.getByRole('tab', { name: '党群服务站点' }).click();
    const form = page.getByRole('form', { name: '登记新站点' });
    await form.locator('input[name="name"]').fill('示例社区党群服务站（测试）');
    await form.locator('select[name="kind"]').selectOption('community_station');
    await form.getByLabel('纠纷调解').check();
    await form.getByLabel('法律咨询').check();
    await form.getByRole('button', { name: '在地图上选点' }).click();
    const at = await freeSpot();
    await flyTo([at.lng, at.lat], 17);
    const xy = await pageXY([at.lng, at.lat]);
    await page.mouse.click(xy.x, xy.y);
    await page
      .getByTestId('location-status')
      .filter({ hasText: /^118\.\d{6}, 24\.\d{6}$/ })
      .waitFor();
    await form.getByRole('button', { name: '登记' }).click();
    const record = page.locator('.register-record[data-station-id]');
    await record.waitFor();
    const id = Number(await record.getAttribute('data-station-id'));
    const station = await api<StationRecord>(`/api/stations/${id}`);
    expect(station).toMatchObject({
      name: '示例社区党群服务站（测试）',
      kind: 'community_station',
      services: ['mediation', 'legal_advice'],
      communityCode: community.code,
      version: 1,
    });
    expect(Math.abs(station.location[0] - at.lng)).toBeLessThan(0.00005);
    expect(Math.abs(station.location[1] - at.lat)).toBeLessThan(0.00005);
    await page.locator('.register-history li[data-action="create"]').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'registers-station.png') });
    expect(errors).toEqual([]);
  });

  it('lets a district admin create a community admin and deactivate them', async () => {
    await signIn('district');
    await page.getByRole('tab', { name: '用户' }).click();
    const listed = await api<UserRecord[]>('/api/users', 'district');
    await page
      .getByTestId('user-count')
      .filter({ hasText: `${listed.length} 名用户` })
      .waitFor();
    const form = page.getByRole('form', { name: '新建用户' });
    await form.locator('input[name="username"]').fill('reg_community2');
    await form.locator('input[name="displayName"]').fill('测试社区管理员');
    await form.locator('select[name="role"]').selectOption('community_admin');
    await form.locator('select[name="scopeCommunity"]').selectOption(community.code);
    await form.locator('input[name="password"]').fill('registers-test-2026');
    await form.getByRole('button', { name: '创建' }).click();
    const record = page.locator('.register-record[data-user-id][data-version="1"]');
    await record.waitFor();
    const id = Number(await record.getAttribute('data-user-id'));
    expect(await page.getByTestId('user-state').textContent()).toBe(
      `在用 · 社区管理员 · ${community.name}`,
    );
    await page.getByRole('button', { name: '停用该用户' }).click();
    await page.locator(`.register-record[data-user-id="${id}"][data-version="2"]`).waitFor();
    expect(await page.getByTestId('user-state').textContent()).toBe(
      `已停用 · 社区管理员 · ${community.name}`,
    );
    expect(await page.locator(`tr[data-user-id="${id}"] td`).last().textContent()).toBe('已停用');
    const users = await api<UserRecord[]>('/api/users', 'district');
    expect(users.find((u) => u.id === id)).toMatchObject({
      username: 'reg_community2',
      role: 'community_admin',
      scope: { streets: [], communities: [community.code], grids: [] },
      active: false,
      version: 2,
    });
    const edit = page.locator('.register-history li[data-action="edit"] li[data-field="active"]');
    await edit.waitFor();
    expect(await edit.textContent()).toBe('状态：在用 → 已停用');
    await page.screenshot({ path: path.join(ARTIFACTS, 'registers-users.png') });
    // the deactivated user cannot sign in
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'reg_community2', password: 'registers-test-2026' }),
    });
    expect(login.status).toBe(401);
  });

  it('shows an operator that they keep no register, only their password', async () => {
    await page.evaluate(() => window.sessionStorage.clear());
    await page.goto(`${server.url}/registers`);
    await page.getByLabel('用户名').fill('operator');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('no-access').waitFor();
    expect(await page.getByTestId('no-access').textContent()).toBe(
      '指挥中心值班员无权管理登记，只能修改自己的密码',
    );
    expect(await page.getByRole('tab').allTextContents()).toEqual(['修改密码']);
    expect(errors).toEqual([]);
  });
});
