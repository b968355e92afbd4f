import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LayerCollections } from '../../common/api.ts';
import type { FeedStatus } from '../../common/command-feed.ts';
import type { LoginResult } from '../../common/auth.ts';
import { COVERAGE_MODES } from '../../common/domain.ts';
import {
  EVENT_STATES,
  GRADES,
  type Category,
  type GrievanceEvent,
  type ReportEventInput,
} from '../../common/grievances.ts';
import type { WallEnterprise, WallSummary } from '../../common/wall.ts';
import { createTranslator, type MessageKey } from '../../client/lib/i18n.ts';
import { DEMO_PASSWORD } from '../../server/auth/auth-queries.ts';
import { DEMO_INTEGRATION_API_KEY } from '../../server/config.ts';
import { launchChromium } from '../helpers/chromium.ts';
import {
  createTestDatabase,
  startTestServer,
  type TestDatabase,
  type TestServer,
} from '../helpers/test-server.ts';

// the built client's /wall against the real server with 30 days of seeded history, in headless
// Chromium at 1920×1080 and 3840×2160: every panel filled, live events within a second, alarms,
// and a server restart caught up without a reload.

const ARTIFACTS = path.resolve('test/artifacts');
const LIVE_BUDGET_MS = 1000;
const HISTORY_DAYS = '30';

let database: TestDatabase;
let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let compoundIds: number[];
const errors: string[] = [];

async function api<T>(
  method: 'GET' | 'POST',
  pathname: string,
  options: { token?: string; apiKey?: string; body?: unknown } = {},
): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.apiKey) headers['x-api-key'] = options.apiKey;
  const response = await fetch(`${server.url}${pathname}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (!response.ok) {
    throw new Error(`${method} ${pathname} answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as T;
}

let reported = 0;
function report(category: Category): Promise<GrievanceEvent> {
  const body: ReportEventInput = {
    channel: 'libianmin',
    category,
    description: '测试：大屏实时事件',
    location: { compoundId: compoundIds[reported++ % compoundIds.length]! },
    reporter: { name: '林美华', phone: '13905951234' },
  };
  return api<GrievanceEvent>('POST', '/api/events', { apiKey: DEMO_INTEGRATION_API_KEY, body });
}

const kpi = (target: Page, id: string) =>
  target.locator(`[data-kpi="${id}"] .rolling-number`).getAttribute('data-value').then(Number);

const t = createTranslator('zh-CN');
// the wall's one-decimal percentages (client/features/wall/wall-theme.ts toPercent), written out
const percent = (share: number) => Math.round(share * 1000) / 10;
// times on the wall are Quanzhou's, whatever the zone of the machine running the test
const zoned = (options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('zh-CN', { ...options, hourCycle: 'h23', timeZone: 'Asia/Shanghai' });
const clock = zoned({ hour: '2-digit', minute: '2-digit', second: '2-digit' });
const shortClock = zoned({ hour: '2-digit', minute: '2-digit' });

async function wallSummary(streetCode?: string): Promise<WallSummary> {
  const { token } = await api<LoginResult>('POST', '/api/auth/login', {
    body: { username: 'operator', password: DEMO_PASSWORD },
  });
  const query = streetCode ? `?streetCode=${streetCode}` : '';
  return api<WallSummary>('GET', `/api/wall/summary${query}`, { token });
}

type ChartItem = number | { name?: string; value: number };
type ChartOption = {
  title?: { text: string };
  xAxis?: { data?: string[] };
  yAxis?: { data?: string[] };
  series: { data: ChartItem[] | [string, number][] }[];
};

/**
 * The option each chart last handed ECharts, by the chart's label. ECharts draws into a canvas,
 * so its figures are read where React passed them: the props of the `<EChart>` owning the element.
 */
function chartOptions(target: Page): Promise<Record<string, ChartOption>> {
  return target.evaluate(() => {
    type Fiber = { return: { memoizedProps: { option: unknown } } };
    const charts = [...document.querySelectorAll<HTMLElement>('.wall-panel .echart')];
    return Object.fromEntries(
      charts.map((element) => {
        const key = Object.keys(element).find((k) => k.startsWith('__reactFiber$'))!;
        const fiber = (element as unknown as Record<string, Fiber>)[key]!;
        // JSON: the plain figures, without functions
        return [
          element.getAttribute('aria-label'),
          JSON.parse(JSON.stringify(fiber.return.memoizedProps.option)),
        ];
      }),
    );
  });
}

const valueOf = (item: ChartItem) => (typeof item === 'number' ? item : item.value);
/** A pie's slices as name → value. */
const slices = (option: ChartOption) =>
  Object.fromEntries(
    (option.series.at(-1)!.data as ChartItem[]).map((item) => [
      typeof item === 'number' ? '' : item.name,
      valueOf(item),
    ]),
  );
/** Horizontal bars as [label, value], top first (category axes list the bottom bar first). */
const bars = (option: ChartOption) =>
  (option.series[0]!.data as ChartItem[])
    .map((item, i) => [option.yAxis!.data![i], valueOf(item)])
    .reverse();

/** Every figure the charts draw is the one `GET /api/wall/summary` answers. */
async function expectChartsMatch(target: Page, summary: WallSummary) {
  const charts = await chartOptions(target);
  const { today, trend, overdueByStreet, topCategories } = summary.events;
  const { progress, focus } = summary.coverage;
  expect(Object.keys(charts).sort()).toEqual(
    [
      'wall.coverageGauge',
      'wall.coverageTrend',
      'wall.streetCoverage',
      'wall.modes',
      'wall.committees',
      'wall.todayByGrade',
      'wall.todayByState',
      'wall.trend',
      'wall.overdueByStreet',
      'wall.topCategories',
    ]
      .map((key) => t(key as MessageKey))
      .sort(),
  );
  const chart = (key: MessageKey) => charts[t(key)]!;

  expect(valueOf(chart('wall.coverageGauge').series[0]!.data[0] as ChartItem)).toBe(
    percent(progress.share),
  );
  expect(chart('wall.coverageTrend').series[0]!.data).toEqual([
    [progress.baselineDate, 0],
    ...progress.timeline.map((point) => [point.date, percent(point.share)]),
  ]);
  expect(Object.fromEntries(bars(chart('wall.streetCoverage')))).toEqual(
    Object.fromEntries(
      summary.coverage.summary.streets.map((s) => [s.name, percent(s.coveredShare)]),
    ),
  );
  expect(slices(chart('wall.modes'))).toEqual(
    Object.fromEntries(
      COVERAGE_MODES.map((mode) => [t(`coverageMode.${mode}`), focus.counts[mode].compounds]),
    ),
  );
  expect(slices(chart('wall.committees'))).toEqual(
    Object.fromEntries(
      Object.entries(summary.committees.byStatus).map(([status, count]) => [
        t(`wall.committee.${status as keyof WallSummary['committees']['byStatus']}`),
        count,
      ]),
    ),
  );
  expect(chart('wall.todayByGrade').title!.text).toBe(String(today.total));
  expect(slices(chart('wall.todayByGrade'))).toEqual(
    Object.fromEntries(GRADES.map((grade) => [t(`grade.${grade}`), today.byGrade[grade]])),
  );
  expect(bars(chart('wall.todayByState'))).toEqual(
    EVENT_STATES.map((state) => [t(`state.${state}`), today.byState[state]]),
  );
  const trendChart = chart('wall.trend');
  expect(trendChart.xAxis!.data).toEqual(trend.map((day) => day.date.slice(5)));
  expect(trendChart.series.map((series) => series.data)).toEqual([
    trend.map((day) => day.reported),
    trend.map((day) => day.resolved),
  ]);
  expect(bars(chart('wall.overdueByStreet'))).toEqual(
    overdueByStreet.map((row) => [row.name, row.overdue]),
  );
  expect(bars(chart('wall.topCategories'))).toEqual(
    topCategories.map((row) => [t(`category.${row.category}`), row.count]),
  );
}

/** The figures written as text (headline numbers, notes, board, lists) are the summary's. */
async function expectTextMatches(target: Page, summary: WallSummary) {
  const { events, committees, coverage } = summary;
  const headline = {
    today: events.today.total,
    open: events.open,
    overdue: events.overdue,
    coverage: percent(coverage.focus.coveredShare),
    committees: committees.compounds > 0 ? percent(committees.formed / committees.compounds) : 0,
  };
  for (const [id, value] of Object.entries(headline)) expect(await kpi(target, id), id).toBe(value);
  expect(await target.locator('.wall-rule .rolling-number').getAttribute('data-value')).toBe(
    String(percent(committees.partyRuleShare)),
  );
  expect(await target.locator('.wall-rule__detail').textContent()).toBe(
    t('wall.partyRuleDetail', {
      meeting: committees.meetingPartyRule,
      elected: committees.byStatus.elected,
    }),
  );
  const { progress } = coverage;
  expect(await target.locator('.wall-note').textContent()).toBe(
    t('wall.coverageNote', {
      covered: progress.coveredSinceBaseline,
      total: progress.baselineUnmanaged,
    }) +
      progress.targets
        .map((target) =>
          t('wall.target', { date: target.date, share: `${percent(target.share)}%` }),
        )
        .join(''),
  );

  const rows = target.locator('.scroll-board [data-event-id]');
  expect(await rows.evaluateAll((all) => all.map((row) => Number(row.dataset.eventId)))).toEqual(
    events.latest.map((event) => event.id),
  );
  const cells = await rows.evaluateAll((all) =>
    all.map((row) => [...row.querySelectorAll('[role="cell"]')].map((cell) => cell.textContent)),
  );
  expect(cells).toEqual(
    events.latest.map((event) => [
      shortClock.format(new Date(event.reportedAt)),
      `${event.streetName} · ${event.communityName}`,
      t(`category.${event.category}`),
      t(`grade.${event.grade}`),
      event.overdue ? t('wall.overdueTag') : t(`state.${event.state}`),
    ]),
  );

  const listed = (kind: 'red' | 'black') =>
    target
      .locator(`.enterprise-list--${kind} .enterprise-list__item`)
      .evaluateAll((items) =>
        items.map((item) => [
          item.querySelector('.enterprise-list__name')!.getAttribute('title'),
          item.querySelector('.enterprise-list__detail')!.textContent,
        ]),
      );
  const detail = (e: WallEnterprise) =>
    t('wall.listDetail', { score: e.score, compounds: e.compounds });
  expect(await listed('red')).toEqual(summary.enterprises.red.map((e) => [e.name, detail(e)]));
  expect(await listed('black')).toEqual(summary.enterprises.black.map((e) => [e.name, detail(e)]));
  expect(await target.locator('.enterprise-board__period').getAttribute('data-period')).toBe(
    summary.enterprises.period,
  );

  // every panel says when its figures were computed, in Quanzhou time
  const asOf = await target
    .locator('.wall-panel__as-of')
    .evaluateAll((all) => all.map((e) => [e.getAttribute('data-as-of'), e.textContent]));
  expect(asOf).toHaveLength(10);
  for (const [iso, text] of asOf) {
    expect(text).toBe(t('wall.asOf', { time: clock.format(new Date(iso!)) }));
  }
}

/** Waits until every rolling figure has rolled to its final text (1,234 / 70.5%). */
async function waitFiguresSettled(target: Page) {
  await target.waitForFunction(() =>
    [...document.querySelectorAll<HTMLElement>('.rolling-number')].every(
      (e) =>
        e.textContent !== '' &&
        Number(e.textContent!.replace(/[,%]/g, '')) === Number(e.dataset.value),
    ),
  );
}

/** Opens a page on the wall and watches it for errors. */
async function openPage(viewport: { width: number; height: number }): Promise<Page> {
  context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const opened = await context.newPage();
  opened.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  opened.on('pageerror', (error) => errors.push(error.message));
  return opened;
}

async function waitReady(target: Page) {
  await target.locator('[data-wall-state="ready"]').waitFor({ timeout: 120_000 });
  await target.locator('[data-connection="live"]').waitFor({ timeout: 20_000 });
}

/** Every panel has its figures, each the one the summary fetched here and now answers. */
async function expectPanelsMatchSummary(target: Page) {
  const summary = await wallSummary();
  expect(await target.locator('.wall-panel').count()).toBe(10);
  const charts = await target.locator('.wall-panel .echart canvas').count();
  expect(charts, 'every chart has its canvas').toBe(10);
  // 30 seeded days fill the board and the red list
  expect(summary.events.latest).toHaveLength(20);
  expect(summary.enterprises.red).toHaveLength(5);
  await expectChartsMatch(target, summary);
  await expectTextMatches(target, summary);
}

async function screenshot(target: Page, name: string) {
  // rolling numbers settle; the charts' first animations (≤ 800 ms) started with them
  await waitFiguresSettled(target);
  await target.screenshot({ path: path.join(ARTIFACTS, name) });
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  database = await createTestDatabase();
  server = await startTestServer({ database, env: { SEED_HISTORY_DAYS: HISTORY_DAYS } });
  const compounds = await api<LayerCollections['compounds']>('GET', '/api/layers/compounds');
  compoundIds = compounds.features.map((f) => f.properties.id).slice(0, 40);
  browser = await launchChromium();
  page = await openPage({ width: 1920, height: 1080 });
  await page.goto(`${server.url}/wall?tour=0`);
  await page.getByLabel('用户名').fill('operator');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await waitReady(page);
}, 240_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  await database?.drop();
});

describe('the wall at 1920×1080', () => {
  it('fills the canvas with every panel, each showing the figures of /api/wall/summary', async () => {
    const box = await page.locator('.wall-canvas').boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
    await expectPanelsMatchSummary(page);
    expect(
      await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight),
    ).toBe(true);
    await screenshot(page, 'wall-1920.png');
  });

  it('shows the command feed queue as the server tells it, compact, on the map', async () => {
    const feed = page.getByTestId('command-feed');
    await expect.poll(() => feed.locator('.feed-figures').count()).toBe(1);
    const { token } = await api<LoginResult>('POST', '/api/auth/login', {
      body: { username: 'operator', password: DEMO_PASSWORD },
    });
    const status = await api<FeedStatus>('GET', '/api/command-feed/status', { token });
    // no platform is configured in tests: nothing is delivered and the queue holds every message
    expect(status.enabled).toBe(false);
    await expect.poll(() => feed.getByTestId('feed-health').textContent()).toBe('未启用');
    expect(await feed.locator('dd').first().textContent()).toBe(String(status.deliveredLastHour));
    expect(await feed.locator('button').count()).toBe(0); // no retry on the wall
  });

  it('shows a posted event within a second and updates the counters', async () => {
    const before = await kpi(page, 'today');
    const openBefore = await kpi(page, 'open');
    const started = Date.now();
    const event = await report('sanitation');
    await page.locator(`.scroll-board [data-event-id="${event.id}"]`).waitFor({ timeout: 5000 });
    await expect.poll(() => kpi(page, 'today'), { timeout: 5000 }).toBe(before + 1);
    const elapsed = Date.now() - started;
    expect(await kpi(page, 'open')).toBe(openBefore + 1);
    expect(elapsed, `on the wall after ${elapsed} ms`).toBeLessThan(LIVE_BUDGET_MS);
  });

  it('raises the alarm for L3 and L4 events and clears it when dispatch accepts them', async () => {
    const l3 = await report('fire_safety');
    const banner = page.locator('.alarm-banner');
    await page.locator(`.alarm-banner[data-alarm-event="${l3.id}"]`).waitFor({ timeout: 3000 });
    expect(await page.locator('.wall-canvas--alarm').count()).toBe(1);

    // categories are data: make one critical (L4) as the district would, then report it
    await server.db.query(
      `UPDATE event_categories SET default_grade = 'L4' WHERE code = 'flood_typhoon'`,
    );
    const l4 = await report('flood_typhoon');
    expect(l4.grade).toBe('L4');
    await page.locator(`.alarm-banner[data-alarm-event="${l4.id}"]`).waitFor({ timeout: 3000 });
    const [streets, communities] = await Promise.all([
      api<LayerCollections['streets']>('GET', '/api/layers/streets'),
      api<LayerCollections['communities']>('GET', '/api/layers/communities'),
    ]);
    const nameOf = (code: string | undefined) =>
      [...streets.features, ...communities.features].find((f) => f.properties.code === code)!
        .properties.name;
    expect(await banner.textContent(), 'the newest alarm, reported in Quanzhou time').toBe(
      [
        '!',
        t('grade.L4'),
        t('wall.alarmText', {
          category: t('category.flood_typhoon'),
          place: `${nameOf(l4.streetCode)} ${nameOf(l4.communityCode)}`,
        }),
        t('wall.alarmMeta', { id: l4.id, time: clock.format(new Date(l4.reportedAt)) }),
        ` · ${t('wall.alarmMore', { count: 1 })}`,
      ].join(''),
    );
    expect(await page.locator('[data-tour]').count(), 'no tour with tour=0').toBe(0);
    await screenshot(page, 'wall-alarm.png');

    const { token } = await api<LoginResult>('POST', '/api/auth/login', {
      body: { username: 'district', password: DEMO_PASSWORD },
    });
    for (const id of [l4.id, l3.id]) {
      await api('POST', `/api/events/${id}/actions`, { token, body: { action: 'accept' } });
    }
    await banner.waitFor({ state: 'detached', timeout: 3000 });
    expect(await page.locator('.wall-canvas--alarm').count()).toBe(0);
  });

  it('shows reconnecting while the server is down and catches up after its restart', async () => {
    const port = new URL(server.url).port;
    // the last refresh of the figures (throttled to one a second) may still be on its way
    await expect
      .poll(async () => (await kpi(page, 'today')) - (await wallSummary()).events.today.total, {
        timeout: 5000,
      })
      .toBe(0);
    const before = await kpi(page, 'today');
    await server.close();
    await page.locator('[data-connection="reconnecting"]').waitFor({ timeout: 10_000 });
    await page.locator('.connection__age').waitFor({ timeout: 5000 });
    server = await startTestServer({
      database,
      env: { SEED_HISTORY_DAYS: HISTORY_DAYS, PORT: port },
    });
    // reported before the wall is back: only the resync can bring it
    const missed = await report('parking');
    await page.locator('[data-connection="live"]').waitFor({ timeout: 60_000 });
    await page.locator(`.scroll-board [data-event-id="${missed.id}"]`).waitFor({ timeout: 5000 });
    await expect.poll(() => kpi(page, 'today'), { timeout: 5000 }).toBe(before + 1);
    errors.length = 0; // refused connections while the server was down are expected
  }, 120_000);
  it('tours the streets from the URL setting, filtering the panels to each', async () => {
    const streets = await api<LayerCollections['streets']>('GET', '/api/layers/streets');
    const first = streets.features
      .map((f) => f.properties)
      .sort((a, b) => a.code.localeCompare(b.code))[0]!;
    await page.goto(`${server.url}/wall?tour=10`);
    await waitReady(page);
    expect(await page.locator('[data-tour="on"]').textContent()).toBe('自动巡览 · 每 10 秒');
    await page.locator(`[data-street="${first.code}"]`).waitFor({ timeout: 20_000 });
    await expect
      .poll(() => page.locator('.wall-header__title p').textContent(), { timeout: 5000 })
      .toContain(first.name);
    // the headline figures are the street's
    const street = await wallSummary(first.code);
    expect(street.coverage.focus.code).toBe(first.code);
    await expect
      .poll(() => kpi(page, 'coverage'), { timeout: 5000 })
      .toBe(percent(street.coverage.focus.coveredShare));
    expect(await kpi(page, 'open')).toBe(street.events.open);
    expect(await kpi(page, 'overdue')).toBe(street.events.overdue);
    expect(await kpi(page, 'today')).toBe(street.events.today.total);
  }, 90_000);
});

describe('the wall at 3840×2160', () => {
  it('scales the canvas ×2 and renders charts and map at the native resolution', async () => {
    await context.close();
    page = await openPage({ width: 3840, height: 2160 });
    const { token, expiresAt, user } = await api<LoginResult>('POST', '/api/auth/login', {
      body: { username: 'operator', password: DEMO_PASSWORD },
    });
    // a kiosk signed in earlier: the session is already in the tab
    await page.addInitScript((session) => {
      window.sessionStorage.setItem('licheng.session', session);
    }, JSON.stringify({ token, expiresAt, user }));
    await page.goto(`${server.url}/wall?tour=0`);
    await waitReady(page);
    const box = await page.locator('.wall-canvas').boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 3840, height: 2160 });
    await expectPanelsMatchSummary(page);
    const sizes = await page.evaluate(() => {
      const chart = document.querySelector<HTMLCanvasElement>('.wall-p6 canvas')!;
      const map = document.querySelector<HTMLCanvasElement>('.wall-map .maplibregl-canvas')!;
      return {
        chart: [chart.width, chart.clientWidth],
        map: [map.width, map.clientWidth],
      };
    });
    expect(sizes.chart[0], 'chart canvas at 2 device pixels per CSS pixel').toBe(
      sizes.chart[1]! * 2,
    );
    expect(sizes.map[0], 'map canvas at 2 device pixels per CSS pixel').toBe(sizes.map[1]! * 2);
    await screenshot(page, 'wall-3840.png');
    // a corner at native resolution, to judge the sharpness of text and charts by eye
    await page.screenshot({
      path: path.join(ARTIFACTS, 'wall-3840-detail.png'),
      clip: { x: 0, y: 0, width: 1400, height: 1000 },
    });
    expect(errors).toEqual([]);
  }, 180_000);
});
