import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, EventPhoto, GrievanceEvent } from '../../common/grievances.ts';
import { DEMO_PASSWORD } from '../../server/auth/auth-queries.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { TINY_PNG } from '../helpers/photos.ts';
import {
  loginAs,
  pointInGrid,
  reportEvent,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.ts';

// Issue 16: the product on a phone. Chromium's mobile emulation (390×844, touch, device scale 2)
// against the real server: a grid manager's queue first, an action taken offline and applied once
// when the network returns, a conflict shown, a photo attached and the event resolved; and every
// page at 390 and 360 px wide with nothing cut off and its controls reachable.

const ARTIFACTS = path.resolve('test/artifacts');
const PHONE = { width: 390, height: 844 };
const MIN_TARGET_PX = 44; // WCAG 2.5.5 target size

let server: TestServer;
let browser: Browser;
const tokens: Record<string, string> = {};
const errors: string[] = [];
let gridOfGrid1: string;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer();
  browser = await launchChromium();
  for (const user of ['grid1', 'grid2', 'district']) tokens[user] = await loginAs(server, user);
  const [row] = await server.db.query<{ grid: string }>(
    `SELECT scope_grids[1] AS grid FROM users WHERE username = 'grid1'`,
  );
  gridOfGrid1 = row!.grid;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function phoneContext(width = PHONE.width): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width, height: PHONE.height },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    serviceWorkers: 'block', // each test starts from the network; the worker has its own test
  });
}

async function openPage(context: BrowserContext, name: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(`${name}: ${error.message}`));
  page.on('console', (message) => {
    // offline on purpose: the browser logs the requests it could not make
    if (
      message.type() === 'error' &&
      !/ERR_INTERNET_DISCONNECTED|Failed to load/.test(message.text())
    ) {
      errors.push(`${name}: ${message.text()}`);
    }
  });
  return page;
}

async function signIn(page: Page, pathname: string, username: string): Promise<void> {
  await page.goto(`${server.url}${pathname}`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

async function eventInGrid1(description: string): Promise<GrievanceEvent> {
  return reportEvent(server, {
    description,
    location: await pointInGrid(server.db, gridOfGrid1),
  });
}

async function apiGet<T>(pathname: string, user: string): Promise<T> {
  const res = await fetch(`${server.url}${pathname}`, {
    headers: { authorization: `Bearer ${tokens[user]}` },
  });
  if (!res.ok) throw new Error(`GET ${pathname} answered ${res.status}`);
  return (await res.json()) as T;
}

const auditOf = async (id: number) =>
  (await apiGet<{ audit: AuditEntry[] }>(`/api/events/${id}`, 'district')).audit;

const box = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return {
        width: r.width,
        height: r.height,
        left: r.left,
        right: r.right,
        visible: style.visibility !== 'hidden' && style.display !== 'none' && r.height > 0,
      };
    });

describe('a grid manager on a phone (/dispatch)', () => {
  let context: BrowserContext;
  let page: Page;
  let accepted: GrievanceEvent;
  let contested: GrievanceEvent;

  beforeAll(async () => {
    accepted = await eventInGrid1('单元门禁损坏（手机测试）');
    contested = await eventInGrid1('消防通道被占（手机测试）');
    context = await phoneContext();
    page = await openPage(context, 'grid1');
    await signIn(page, '/dispatch', 'grid1');
    await page.locator('.base-map[data-state="ready"]').waitFor({ timeout: 90_000 });
    await page.locator('[data-connection="live"]').waitFor({ state: 'attached', timeout: 15_000 }); // in the folded menu
  }, 120_000);

  afterAll(async () => {
    await context?.close();
  });

  it('sees the queue first, and the map fitted to the grid behind a switch', async () => {
    const queue = page.getByRole('region', { name: '事件队列' });
    await queue.locator(`.queue-item[data-event-id="${accepted.id}"]`).waitFor();
    expect(await box(page, '.queue')).toMatchObject({ visible: true, left: 0, right: 390 });
    expect(await page.getByRole('radio', { name: /^队列/ }).getAttribute('aria-checked')).toBe(
      'true',
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'phone-dispatch-queue.png') });

    await page.getByRole('radio', { name: '地图' }).click();
    expect((await box(page, '.queue')).visible).toBe(false);
    const map = await box(page, '.dispatch__map .base-map');
    expect(map.visible).toBe(true);
    expect(map.width).toBe(390);
    expect(map.height).toBeGreaterThan(700); // the whole screen under the header, not a strip
    // fitted to grid1's grid: zoomed in far beyond the district view
    const zoom = await page.evaluate(() =>
      (window as unknown as { __map: { getZoom(): number } }).__map.getZoom(),
    );
    expect(zoom).toBeGreaterThan(14);
    await page.screenshot({ path: path.join(ARTIFACTS, 'phone-dispatch-map.png') });
    await page.getByRole('radio', { name: /^队列/ }).click();
  });

  it('accepts an event offline, shows it pending, and applies it once when back online', async () => {
    await context.setOffline(true);
    await page.locator(`.queue-item[data-event-id="${accepted.id}"] .queue-item__body`).click();
    const drawer = page.getByRole('complementary', { name: '事件详情' });
    await drawer.getByRole('button', { name: '受理', exact: true }).click();
    await drawer.getByText('已离线记录「受理」，恢复网络后自动发送').waitFor();
    await drawer.getByRole('button', { name: '关闭' }).click();
    const item = page.locator(`.queue-item[data-event-id="${accepted.id}"]`);
    await item.locator('.queue-item__pending', { hasText: '待同步' }).waitFor();
    const outbox = page.getByRole('region', { name: '待发送' });
    await outbox.getByText(`事件 #${accepted.id}：受理`).waitFor();
    expect((await auditOf(accepted.id)).map((a) => a.action)).toEqual(['report']);
    await page.screenshot({ path: path.join(ARTIFACTS, 'phone-offline-pending.png') });

    await context.setOffline(false);
    await item.locator('.state-chip', { hasText: '已受理' }).waitFor({ timeout: 15_000 });
    await item.locator('.queue-item__pending').waitFor({ state: 'detached' });
    expect(await outbox.count()).toBe(0);
    const accepts = (await auditOf(accepted.id)).filter((a) => a.action === 'accept');
    expect(accepts.map((a) => a.actor)).toEqual(['grid1']);
  });

  it('shows a conflict when the event moved on while the phone was offline', async () => {
    await context.setOffline(true);
    await page.locator(`.queue-item[data-event-id="${contested.id}"] .queue-item__body`).click();
    const drawer = page.getByRole('complementary', { name: '事件详情' });
    await drawer.getByRole('button', { name: '受理', exact: true }).click();
    await drawer.getByText('已离线记录「受理」，恢复网络后自动发送').waitFor();
    await drawer.getByRole('button', { name: '关闭' }).click();
    // meanwhile the community's admin returns it
    const res = await fetch(`${server.url}/api/events/${contested.id}/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.district}` },
      body: JSON.stringify({ action: 'return', note: '不属本网格' }),
    });
    expect(res.status).toBe(200);
    await context.setOffline(false);
    const conflict = page.locator(`.outbox__item--conflict[data-event-id="${contested.id}"]`);
    await conflict.waitFor({ timeout: 15_000 });
    expect(await conflict.getByRole('alert').textContent()).toBe(
      '未能执行：Action accept is not allowed in state returned (allowed from: reported)',
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'phone-conflict.png') });
    await conflict.getByRole('button', { name: '知道了' }).click();
    await conflict.waitFor({ state: 'detached' });
    expect((await auditOf(contested.id)).map((a) => a.action)).toEqual(['report', 'return']);
  });

  it('attaches a photo and resolves; the photo is served to grid1 and refused to an outsider', async () => {
    await page.locator(`.queue-item[data-event-id="${accepted.id}"] .queue-item__body`).click();
    const drawer = page.getByRole('complementary', { name: '事件详情' });
    await drawer.getByRole('button', { name: '派遣', exact: true }).click();
    const form = drawer.getByRole('form', { name: '派遣' });
    await form.getByLabel('名称').fill('网格员一');
    await form.getByRole('button', { name: '确认派遣' }).click();
    await drawer.locator('.state-chip', { hasText: '已派遣' }).waitFor();
    await drawer.getByRole('button', { name: '开始处置', exact: true }).click();
    await drawer.locator('.state-chip', { hasText: '处置中' }).waitFor();

    await drawer.getByLabel('拍照 / 选择照片').setInputFiles({
      name: 'IMG_0001.png',
      mimeType: 'image/png',
      buffer: TINY_PNG,
    });
    await drawer.locator('.event-photos__item img').waitFor({ timeout: 10_000 });
    await drawer.getByRole('button', { name: '办结', exact: true }).click();
    await drawer.getByRole('form', { name: '办结' }).getByLabel('备注').fill('已修复，附照片');
    await drawer.getByRole('button', { name: '确认办结' }).click();
    await drawer.locator('.state-chip', { hasText: '已办结' }).waitFor();
    await drawer.locator('.event-photos__item img').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'phone-photo-resolved.png') });

    const photos = await apiGet<EventPhoto[]>(`/api/events/${accepted.id}/photos`, 'grid1');
    expect(photos.map((p) => [p.stage, p.contentType, p.uploadedBy])).toEqual([
      ['resolve', 'image/jpeg', 'grid1'], // re-encoded on the phone: a JPEG, whatever was picked
    ]);
    const asGrid1 = await fetch(server.url + photos[0]!.url, {
      headers: { authorization: `Bearer ${tokens.grid1}` },
    });
    expect([asGrid1.status, asGrid1.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    const asOutsider = await fetch(server.url + photos[0]!.url, {
      headers: { authorization: `Bearer ${tokens.grid2}` },
    });
    expect(asOutsider.status).toBe(404);
    expect((await auditOf(accepted.id)).map((a) => a.action)).toEqual([
      'report',
      'accept',
      'dispatch',
      'start',
      'resolve',
    ]);
    expect(errors).toEqual([]);
  });
});

// what must be on screen and usable on each page, once it has loaded
const PAGES: { path: string; ready: string; controls: string[]; map: string }[] = [
  {
    path: '/',
    ready: '.base-map[data-state="ready"]',
    controls: ['.dashboard-switch'],
    map: '.dashboard .base-map',
  },
  {
    path: '/dispatch',
    ready: '.base-map[data-state="ready"]',
    controls: ['.queue', '.phone-view-switch'],
    map: '.dispatch__map .base-map',
  },
  {
    path: '/plan',
    ready: '.base-map[data-state="ready"]',
    controls: ['.plan__side--left'],
    map: '.plan__map',
  },
  {
    path: '/supervise',
    ready: '.base-map[data-state="ready"]',
    controls: ['.supervise__side'],
    map: '.supervise__map',
  },
];

/** Visible things wider than the viewport, and tappable things smaller than MIN_TARGET_PX. */
function layoutProblems(page: Page) {
  return page.evaluate((min) => {
    const width = document.documentElement.clientWidth;
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && style.visibility !== 'hidden';
    };
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}“${(el.textContent ?? '').trim().slice(0, 20)}”`;
    const overflowing = [...document.querySelectorAll('body *')]
      .filter((el) => shown(el) && el.getBoundingClientRect().right > width + 0.5)
      .map(name);
    const tappable = 'button, a[href], select, input:not([type="hidden"]), [role="radio"]';
    // a checkbox is tapped through its label
    const target = (el: Element) =>
      el.matches('[type="checkbox"], [type="radio"]') ? (el.closest('label') ?? el) : el;
    const small = [...document.querySelectorAll(tappable)]
      .filter((el) => shown(el) && !el.closest('.maplibregl-ctrl-attrib-inner'))
      .map(target)
      .filter((el) => el.getBoundingClientRect().height < min)
      .map(name);
    return { scrollWidth: document.documentElement.scrollWidth, width, overflowing, small };
  }, MIN_TARGET_PX);
}

describe.each([390, 360])('every page at %i px wide', (width) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await phoneContext(width);
    page = await openPage(context, `district@${width}`);
    await signIn(page, '/', 'district');
    await page.locator('.base-map[data-state="ready"]').waitFor({ timeout: 90_000 });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
  });

  it.each(PAGES)(
    '$path: nothing cut off, the nav behind the menu, controls reachable',
    async (spec) => {
      await page.goto(`${server.url}${spec.path}`);
      await page.locator(spec.ready).waitFor({ timeout: 90_000 });
      const layout = await layoutProblems(page);
      expect(layout).toEqual({ scrollWidth: width, width, overflowing: [], small: [] });
      for (const control of spec.controls) {
        const control_ = await box(page, control);
        expect(control_.visible, control).toBe(true);
        expect(control_.right, control).toBeLessThanOrEqual(width);
      }
      const map = await box(page, spec.map);
      expect(map.height, 'the map has a real height').toBeGreaterThan(300);

      const menu = page.getByRole('button', { name: '菜单' });
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      await menu.click();
      const nav = page.getByRole('navigation', { name: '页面' });
      for (const name of ['指挥地图', '事件调度', '打包规划', '业委会监督']) {
        const link = nav.getByRole('link', { name });
        expect(await link.isVisible(), name).toBe(true);
        const r = (await link.boundingBox())!;
        expect(r.height, name).toBeGreaterThanOrEqual(MIN_TARGET_PX);
        expect(r.x + r.width, name).toBeLessThanOrEqual(width);
      }
      expect((await layoutProblems(page)).small).toEqual([]);
      const slug = spec.path === '/' ? 'map' : spec.path.slice(1);
      await page.screenshot({ path: path.join(ARTIFACTS, `phone-${slug}-${width}-menu.png`) });
      await menu.click();
      await page.screenshot({ path: path.join(ARTIFACTS, `phone-${slug}-${width}.png`) });
      expect(errors).toEqual([]);
    },
  );
});

describe('installed as an app (PWA)', () => {
  it('serves the manifest with the Chinese name and emblem, and a worker that keeps the shell', async () => {
    const manifest = (await (await fetch(`${server.url}/manifest.webmanifest`)).json()) as {
      name: string;
      short_name: string;
      start_url: string;
      icons: { src: string; sizes: string }[];
    };
    expect([manifest.name, manifest.short_name, manifest.start_url]).toEqual([
      '鲤城区红色物业指挥平台',
      '鲤城红色物业',
      '/dispatch',
    ]);
    for (const icon of manifest.icons) {
      expect((await fetch(server.url + icon.src)).status, icon.src).toBe(200);
    }
    const worker = await fetch(`${server.url}/sw.js`);
    expect([worker.status, worker.headers.get('cache-control')]).toEqual([200, 'no-cache']);
  });

  it('opened again with no network, shows the app and the last known queue, marked as such', async () => {
    const event = await eventInGrid1('楼道灯不亮（离线打开测试）');
    const context = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      locale: 'zh-CN',
    });
    try {
      const page = await openPage(context, 'grid1-pwa');
      await signIn(page, '/dispatch', 'grid1');
      await page.locator(`.queue-item[data-event-id="${event.id}"]`).waitFor({ timeout: 90_000 });
      // the worker takes the page over, then the layers are asked through it once
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
        timeout: 30_000,
      });
      await page.reload();
      await page.locator('.base-map[data-state="ready"]').waitFor({ timeout: 90_000 });
      await page.locator('[data-connection="live"]').waitFor({ state: 'attached' });
      await page.waitForTimeout(1500); // the queue is saved a second after it settles

      await context.setOffline(true);
      await page.reload();
      await page.getByText(/^最后已知队列，截至 .+（当前离线）$/).waitFor({ timeout: 30_000 });
      await page.locator(`.queue-item[data-event-id="${event.id}"]`).waitFor();
      await page.screenshot({ path: path.join(ARTIFACTS, 'phone-offline-reopened.png') });
    } finally {
      await context.close();
    }
  });
});

describe('reporting from where I stand, and heads-up', () => {
  let context: BrowserContext;
  let page: Page;
  let here: { lng: number; lat: number };

  beforeAll(async () => {
    here = await pointInGrid(server.db, gridOfGrid1);
    context = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      locale: 'zh-CN',
      serviceWorkers: 'block',
      geolocation: { longitude: here.lng, latitude: here.lat, accuracy: 12 },
      permissions: ['geolocation'],
    });
    // record what the phone would buzz and show
    await context.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      const vibrations: unknown[] = [];
      const notifications: [string, string][] = [];
      w.__vibrations = vibrations;
      w.__notifications = notifications;
      navigator.vibrate = ((pattern: unknown) =>
        vibrations.push(pattern) > 0) as typeof navigator.vibrate;
      w.Notification = class {
        static permission = 'granted';
        static requestPermission = () => Promise.resolve('granted');
        constructor(title: string, options: { body: string }) {
          notifications.push([title, options.body]);
        }
      };
    });
    page = await openPage(context, 'grid1-report');
    await signIn(page, '/dispatch', 'grid1');
    await page.locator('.base-map[data-state="ready"]').waitFor({ timeout: 90_000 });
    await page.locator('[data-connection="live"]').waitFor({ state: 'attached', timeout: 15_000 });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
  });

  it('vibrates and notifies when a new event arrives in the grid', async () => {
    const event = await eventInGrid1('电梯困人（提醒测试）');
    await page.waitForFunction(
      () => (window as unknown as { __notifications: unknown[] }).__notifications.length > 0,
    );
    expect(
      await page.evaluate(() => (window as unknown as Record<string, unknown>).__notifications),
    ).toEqual([[`新事件 #${event.id}`, '其他：电梯困人（提醒测试）']]);
    expect(
      await page.evaluate(() => (window as unknown as Record<string, unknown>).__vibrations),
    ).toEqual([[200, 100, 200]]);
  });

  it('reports at the phone’s location, moved on the map, with a photo', async () => {
    await page.getByRole('button', { name: '就地上报' }).click();
    const panel = page.getByRole('complementary', { name: '就地上报事件' });
    await panel.getByText('已定位，精度约 ±12 米').waitFor();
    await panel.getByRole('button', { name: '在地图上调整' }).click();
    // a few pixels from the fix, so the point stays in grid1's grid; the map starts under the header
    const top = (await page.locator('.dispatch__map .base-map').boundingBox())!.y;
    const fix = await page.evaluate(
      (p) =>
        (
          window as unknown as {
            __map: { project(p: [number, number]): { x: number; y: number } };
          }
        ).__map.project([p.lng, p.lat]),
      here,
    );
    const tap = { x: Math.round(fix.x) + 6, y: Math.round(fix.y + top) - 6 };
    await page.mouse.click(tap.x, tap.y);
    await panel.getByText('位置已在地图上调整').waitFor();
    const placed = await page.evaluate(
      (p) =>
        (
          window as unknown as {
            __map: { unproject(p: [number, number]): { lng: number; lat: number } };
          }
        ).__map.unproject([p.x, p.y]),
      { x: tap.x, y: tap.y - top },
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'phone-report.png') });
    await panel.getByLabel('类别').selectOption('sanitation');
    await panel.getByLabel('情况描述').fill('垃圾桶满溢（就地上报测试）');
    await panel.getByLabel(/^照片/).setInputFiles({
      name: 'IMG_0002.png',
      mimeType: 'image/png',
      buffer: TINY_PNG,
    });
    await panel.getByText('照片（1/9）').waitFor();
    await panel.getByRole('button', { name: '上报', exact: true }).click();
    const drawer = page.getByRole('complementary', { name: '事件详情' });
    await drawer.getByText('垃圾桶满溢（就地上报测试）').waitFor({ timeout: 10_000 });
    const id = Number((await drawer.getByText(/^事件 #\d+$/).textContent())!.slice(4));

    const event = await apiGet<GrievanceEvent>(`/api/events/${id}`, 'district');
    expect([event.channel, event.category]).toEqual(['grid_patrol', 'sanitation']);
    expect(event.location[0]).toBeCloseTo(placed.lng, 6);
    expect(event.location[1]).toBeCloseTo(placed.lat, 6);
    const photos = await apiGet<EventPhoto[]>(`/api/events/${id}/photos`, 'district');
    expect(photos.map((p) => [p.stage, p.uploadedBy])).toEqual([['report', 'grid1']]);
  });
});
