import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageProgress, LayerCollections, UnmanagedCompound } from '../../common/api.ts';
import type { BundleEvaluation, BundleProposal, BundlingResult } from '../../common/bundling.ts';
import type { Position } from '../../common/geo.ts';
import { convexHull } from '../../geometry/convex-hull.ts';
import { labelPoint } from '../../geometry/label-point.ts';
import { isPointInPolygon } from '../../geometry/point-in-polygon.ts';
import { DEMO_PASSWORD } from '../../server/auth/auth-queries.ts';
import { buildNeighbourGraph } from '../../server/bundling/neighbour-graph.ts';
import { readGeodata } from '../../server/geodata-loader.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

// the built client's /plan page against the real server, as a planner in headless Chromium:
// suggest for a street, lasso three neighbouring unmanaged compounds, read the live metrics, save,
// approve, assign, contract, and watch coverage progress move by exactly those three compounds.

const ARTIFACTS = path.resolve('test/artifacts');
const VIEWPORT = { width: 1600, height: 960 };
const CONTRACT_DATE = '2024-05-20';
const LASSO_PAD_DEG = 0.00012; // ≈ 12 m around each label point

type TestWindow = {
  __map: {
    project(lngLat: Position): { x: number; y: number };
    once(event: 'idle', listener: () => void): void;
    triggerRepaint(): void;
  };
};

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let token: string;
const errors: string[] = [];
let compounds: LayerCollections['compounds'];
let triple: { streetCode: string; ids: number[]; ring: Position[]; evaluation: BundleEvaluation };
let plannedStreet: string; // the first street (by code) with a triple to lasso

async function api<T>(method: 'GET' | 'POST', pathname: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${pathname}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`${method} ${pathname} answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as T;
}

function waitForMapIdle(): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = (window as unknown as TestWindow).__map;
        map.once('idle', () => requestAnimationFrame(() => resolve()));
        map.triggerRepaint();
      }),
  );
}

/** Where a lng/lat lies on the page, in CSS pixels. */
async function pageXY(lngLat: Position): Promise<{ x: number; y: number }> {
  const box = await page.locator('.base-map').boundingBox();
  if (!box) throw new Error('map container is not laid out');
  const { x, y } = await page.evaluate(
    (at) => (window as unknown as TestWindow).__map.project(at),
    lngLat,
  );
  return { x: box.x + x, y: box.y + y };
}

/**
 * Three neighbouring unmanaged compounds of one street and community that make a viable bundle
 * (as the server evaluates them), and a lasso ring around their label points that holds no other
 * compound's label point. Streets in code order; 开元 has none (its unmanaged compounds are small).
 */
async function findLassoTriple(): Promise<typeof triple> {
  const geodata = readGeodata('geodata');
  const streetCodes = geodata.streets.features.map((f) => f.properties.code).sort();
  for (const streetCode of streetCodes) {
    const found = await findLassoTripleIn(
      geodata.compounds.features.filter((f) => f.properties.streetCode === streetCode),
    );
    if (found) return { streetCode, ...found };
  }
  throw new Error('no lasso-able viable triple of unmanaged compounds in any street');
}

async function findLassoTripleIn(
  street: ReturnType<typeof readGeodata>['compounds']['features'],
): Promise<Omit<typeof triple, 'streetCode'> | null> {
  const graph = buildNeighbourGraph(
    { type: 'FeatureCollection', features: street },
    { maxDistanceM: 150, unit: 'community' },
  );
  const unmanaged = new Set(
    street.filter((f) => f.properties.coverageMode === 'none').map((f) => f.properties.id),
  );
  const near = new Map<number, Set<number>>();
  for (const { a, b, distanceM } of graph.edges) {
    if (distanceM > 150 || !unmanaged.has(a) || !unmanaged.has(b)) continue;
    near.set(a, (near.get(a) ?? new Set()).add(b));
    near.set(b, (near.get(b) ?? new Set()).add(a));
  }
  const points = new Map(street.map((f) => [f.properties.id, labelPoint(f.geometry)!]));
  for (const [a, around] of [...near].sort(([x], [y]) => x - y)) {
    const list = [...around].sort((x, y) => x - y);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const ids = [a, list[i]!, list[j]!].sort((x, y) => x - y);
        const ring = convexHull(
          ids.flatMap((id) => {
            const [lng, lat] = points.get(id)!;
            const d = LASSO_PAD_DEG;
            return [
              [lng - d, lat - d],
              [lng + d, lat - d],
              [lng + d, lat + d],
              [lng - d, lat + d],
            ] as Position[];
          }),
        );
        const others = [...points].filter(
          ([id, at]) => !ids.includes(id) && isPointInPolygon(at, [ring]),
        );
        if (others.length > 0) continue;
        const evaluation = await api<BundleEvaluation>('POST', '/api/bundles/evaluate', {
          compoundIds: ids,
        });
        if (evaluation.viable) return { ids, ring, evaluation };
      }
    }
  }
  return null;
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer();
  token = (
    await (
      await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'planner', password: DEMO_PASSWORD }),
      })
    ).json()
  ).token as string;
  compounds = await api(
    'GET',
    '/api/layers/compounds?fields=coverageMode,households,streetCode,communityCode',
  );
  triple = await findLassoTriple();
  plannedStreet = triple.streetCode;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('the planning page', () => {
  it('signs a planner in and shows the district', async () => {
    await page.goto(`${server.url}/plan`);
    await page.getByRole('heading', { name: '无物业小区打包规划 · 登录' }).waitFor();
    await page.getByLabel('用户名').fill('planner');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('.base-map[data-state="ready"]').waitFor({ timeout: 90_000 });
    await page.getByRole('link', { name: '打包规划' }).waitFor();
    expect(await page.getByRole('link', { name: '打包规划' }).getAttribute('aria-current')).toBe(
      'page',
    );
    const district = await api<CoverageProgress>('GET', '/api/coverage/progress');
    await page
      .locator(`[data-testid="progress-district"][data-covered="${district.coveredSinceBaseline}"]`)
      .waitFor();
    expect(errors).toEqual([]);
  });

  it('suggests bundles for a street, with a progress bar, and lists the leftovers with reasons', async () => {
    const expected = await api<BundlingResult>('POST', '/api/bundles/suggest', {
      streetCode: plannedStreet,
    });
    await page.locator('select[name="street"]').selectOption(plannedStreet);
    await waitForMapIdle();
    // the bar shows from the click until the answer; record that it did
    await page.evaluate(() => {
      const seen = { bar: false, done: 0, total: 0 };
      (window as unknown as { __seen: typeof seen }).__seen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"]');
        if (!bar) return;
        seen.bar = true;
        seen.done = Math.max(seen.done, Number(bar.getAttribute('aria-valuenow')));
        seen.total = Math.max(seen.total, Number(bar.getAttribute('aria-valuemax')));
      }).observe(document.body, { childList: true, subtree: true, attributes: true });
    });
    await page.getByRole('button', { name: '生成建议' }).click();
    await page.locator('[data-testid="suggest-summary"]').waitFor();
    const seen = await page.evaluate(
      () => (window as unknown as { __seen: { bar: boolean; done: number; total: number } }).__seen,
    );
    expect(seen.bar, 'the bar showed while the suggestion ran').toBe(true);
    // the server emits the last step before it answers, over the socket that joined the room
    // one step per unit (community) of the street's compounds
    const units = new Set(
      compounds.features
        .filter((c) => c.properties.streetCode === plannedStreet)
        .map((c) =>
          expected.options.unit === 'street' ? c.properties.streetCode : c.properties.communityCode,
        ),
    );
    expect(seen.total, 'bundling:progress reached the bar').toBe(units.size);
    expect(seen.done).toBe(seen.total);
    const bundles = page.getByRole('list', { name: '建议打包列表' }).getByRole('listitem');
    expect(await bundles.count()).toBe(expected.bundles.length);
    const first = expected.bundles[0]!;
    expect(await bundles.first().textContent()).toContain(
      `${first.households.toLocaleString('zh-CN')} 户 · ${first.compoundIds.length} 个小区`,
    );
    const leftovers = page
      .getByRole('list', { name: '未能打包的无物业小区' })
      .getByRole('listitem');
    expect(await leftovers.count()).toBe(expected.leftovers.length);
    expect(await page.locator('[data-testid="suggest-summary"]').textContent()).toBe(
      `建议 ${expected.summary.bundles} 个打包，覆盖无物业小区 ${expected.summary.coveredCompounds} / ${expected.summary.unmanagedCompounds} 个、` +
        `${expected.summary.coveredHouseholds.toLocaleString('zh-CN')} / ${expected.summary.unmanagedHouseholds.toLocaleString('zh-CN')} 户`,
    );
    await waitForMapIdle();
    await page.screenshot({ path: path.join(ARTIFACTS, 'plan-suggest.png') });
    await page.getByLabel('显示相邻关系').check();
    await waitForMapIdle();
    await page.screenshot({ path: path.join(ARTIFACTS, 'plan-links.png') });
    await page.getByLabel('显示相邻关系').uncheck();
  });

  it('selects a compound by click and names the rule a lone small compound breaks', async () => {
    const small = compounds.features.find(
      (f) =>
        f.properties.streetCode === plannedStreet &&
        f.properties.coverageMode === 'none' &&
        (f.properties.households ?? 0) < 300 &&
        !triple.ids.includes(f.properties.id),
    )!;
    // a click on the label point: inside the compound even when it is concave
    const at = await pageXY(labelPoint(small.geometry)!);
    await page.mouse.click(at.x, at.y);
    const metrics = page.locator('[data-testid="selection-metrics"]');
    await metrics.locator('[data-code="below_minimum_households"]').waitFor();
    expect(await page.locator('[data-testid="viability"]').textContent()).toContain('不可行');
    await page.getByRole('button', { name: '清除' }).click();
    await metrics.waitFor({ state: 'detached' });
  });

  it('lassoes three neighbouring unmanaged compounds and shows their metrics live', async () => {
    await page.getByRole('button', { name: '圈选小区' }).click();
    const vertices = await Promise.all(triple.ring.map(pageXY));
    for (const vertex of vertices.slice(0, -1)) await page.mouse.click(vertex.x, vertex.y);
    const last = vertices.at(-1)!;
    await page.mouse.dblclick(last.x, last.y);
    const chips = page.getByRole('list', { name: '已选小区' }).getByRole('listitem');
    await page.waitForFunction(
      () =>
        document.querySelectorAll('[aria-label="已选小区"] li').length === 3 &&
        document.querySelector('[data-testid="selection-metrics"][aria-busy="false"]') !== null,
    );
    expect(await chips.count()).toBe(3);
    const { evaluation } = triple;
    const tiles = await page
      .locator('[data-testid="selection-metrics"] .stat-tile__value')
      .allTextContents();
    expect(tiles).toEqual([
      `${evaluation.households.toLocaleString('zh-CN')} 户`,
      '3',
      `${evaluation.unmanagedCompounds} 个 · ${evaluation.unmanagedHouseholds.toLocaleString('zh-CN')} 户`,
      `${Math.round(evaluation.compactness.spanM)} 米`,
    ]);
    expect(await page.locator('[data-testid="viability"]').textContent()).toBe(
      '可行：符合全部打包规则',
    );
    await waitForMapIdle();
    await page.screenshot({ path: path.join(ARTIFACTS, 'plan-selection.png') });
  });

  it('saves, approves, assigns and contracts the bundle, and coverage progress moves by three', async () => {
    const before = {
      district: await api<CoverageProgress>('GET', '/api/coverage/progress'),
      street: await api<CoverageProgress>(
        'GET',
        `/api/coverage/progress?streetCode=${plannedStreet}`,
      ),
      unmanaged: await api<UnmanagedCompound[]>(
        'GET',
        `/api/coverage/unmanaged?streetCode=${plannedStreet}`,
      ),
    };
    await page.locator('[data-testid="progress-street"]').waitFor();

    await page.getByLabel('方案名称').fill('测试打包一');
    await page.getByRole('button', { name: '保存为方案' }).click();
    const item = page.locator('.plan-proposal', { hasText: '测试打包一' });
    await item.locator('[data-testid="proposal-state"]', { hasText: '草稿' }).waitFor();
    const [saved] = await api<BundleProposal[]>('GET', '/api/bundles/proposals');
    expect(saved).toMatchObject({ name: '测试打包一', state: 'draft', compoundIds: triple.ids });
    // the table marks the three compounds as held by the draft
    for (const id of triple.ids) {
      await page
        .locator(`tr[data-compound-id="${id}"]`, { hasText: `#${saved!.id} 草稿` })
        .waitFor();
    }

    // a draft can be adjusted: its compounds into the selection, then back with one fewer
    await item.getByRole('button', { name: '载入选择' }).click();
    const chips = page.getByRole('list', { name: '已选小区' }).getByRole('listitem');
    await page.waitForFunction(
      () => document.querySelectorAll('[aria-label="已选小区"] li').length === 3,
    );
    await chips.first().getByRole('button').click();
    await page.waitForFunction(
      () => document.querySelectorAll('[aria-label="已选小区"] li').length === 2,
    );
    await item.getByRole('button', { name: '用当前选择替换' }).click();
    const refusal = await item.getByRole('alert').textContent();
    const households = (id: number) =>
      compounds.features.find((f) => f.properties.id === id)!.properties.households!;
    const remaining = households(triple.ids[1]!) + households(triple.ids[2]!);
    expect(refusal, 'the server names the broken rule').toContain(
      `Households ${remaining} are below the minimum 300`,
    );
    // the browser logs the refused PATCH; nothing else may have gone wrong
    expect(errors).toEqual([
      'Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    errors.length = 0;
    const [unchanged] = await api<BundleProposal[]>('GET', '/api/bundles/proposals');
    expect(unchanged).toMatchObject({ version: saved!.version, compoundIds: triple.ids });
    await page.getByRole('button', { name: '清除' }).click();

    await item.getByRole('button', { name: '批准' }).click();
    await item.locator('[data-testid="proposal-state"]', { hasText: '已批准' }).waitFor();

    const enterprises = await api<{ id: number; name: string }[]>('GET', '/api/enterprises');
    const enterprise = enterprises[1]!;
    await item.getByLabel('服务方式').selectOption('professional');
    await item.getByLabel('物业企业').selectOption(String(enterprise.id));
    await item.getByRole('button', { name: '指定服务方' }).click();
    await item.getByText(`服务方: ${enterprise.name}`).waitFor();

    await item.getByLabel('签约日期').fill(CONTRACT_DATE);
    await item.getByRole('button', { name: '签约' }).click();
    await item.locator('[data-testid="proposal-state"]', { hasText: '已签约' }).waitFor();

    const after = {
      district: await api<CoverageProgress>('GET', '/api/coverage/progress'),
      street: await api<CoverageProgress>(
        'GET',
        `/api/coverage/progress?streetCode=${plannedStreet}`,
      ),
      unmanaged: await api<UnmanagedCompound[]>(
        'GET',
        `/api/coverage/unmanaged?streetCode=${plannedStreet}`,
      ),
    };
    expect(after.district.coveredSinceBaseline).toBe(before.district.coveredSinceBaseline + 3);
    expect(after.street.coveredSinceBaseline).toBe(before.street.coveredSinceBaseline + 3);
    expect(after.unmanaged.map((c) => c.id)).toEqual(
      before.unmanaged.map((c) => c.id).filter((id) => !triple.ids.includes(id)),
    );
    expect(after.street.timeline.find((p) => p.date === '2024-05-31')).toBeDefined();

    // the page follows: figures, the table and the map's fills
    await page
      .locator(
        `[data-testid="progress-district"][data-covered="${after.district.coveredSinceBaseline}"]`,
      )
      .waitFor();
    await page
      .locator(
        `[data-testid="progress-street"][data-covered="${after.street.coveredSinceBaseline}"]`,
      )
      .waitFor();
    expect(await page.locator('[data-testid="progress-street"]').textContent()).toContain(
      `已覆盖 ${after.street.coveredSinceBaseline} / ${after.street.baselineUnmanaged} 个基线无物业小区`,
    );
    await page.waitForFunction(
      (count) => document.querySelectorAll('.plan-table tbody tr').length === count,
      after.unmanaged.length,
    );
    await page.getByText('签约后覆盖情况已变化，可重新生成建议').waitFor();
    await waitForMapIdle();
    await page.screenshot({ path: path.join(ARTIFACTS, 'plan-contracted.png') });
    await page
      .locator('.plan__side--right')
      .screenshot({ path: path.join(ARTIFACTS, 'plan-progress.png') });
    expect(errors).toEqual([]);
  });

  it("follows another planner's changes live", async () => {
    const suggestion = await api<BundlingResult>('POST', '/api/bundles/suggest', {
      streetCode: plannedStreet,
    });
    const held = new Set(triple.ids);
    const other = suggestion.bundles.find((b) => b.compoundIds.every((id) => !held.has(id)))!;
    const created = await api<BundleProposal>('POST', '/api/bundles/proposals', {
      name: '另一位规划人员的方案',
      compoundIds: other.compoundIds,
    });
    const item = page.locator(`.plan-proposal[data-proposal-id="${created.id}"]`);
    await item.locator('[data-testid="proposal-state"]', { hasText: '草稿' }).waitFor({
      timeout: 2000,
    });
    await api('POST', `/api/bundles/proposals/${created.id}/withdraw`, {
      version: created.version,
    });
    await item.locator('[data-testid="proposal-state"]', { hasText: '已撤回' }).waitFor({
      timeout: 2000,
    });
  });

  it('switches to English', async () => {
    await page.getByRole('button', { name: '切换为英文界面' }).click();
    await page.getByRole('heading', { name: 'Suggested bundles' }).waitFor();
    await page.getByText('Contracted', { exact: true }).waitFor();
    await waitForMapIdle();
    await page.screenshot({ path: path.join(ARTIFACTS, 'plan-en.png') });
  });
});
