// The wall under a live stream: per live-update batch, the main-thread time from the batch leaving
// the stream's buffer to deck.gl about to draw it (and to having drawn it), the longest main-thread
// task, and the JS heap after GC at the start and end of a run, on /wall beside a bare deck.gl page
// with the same layers and data (history hexagons from the seeded events, the compounds, the live
// events) fed the same way at the same rate, in the same run, one page after the other (they would
// otherwise share the 2 cores). Headless Chromium with software WebGL (SwiftShader).
//   npx tsx bench/wall.ts [--seconds 60] [--rate 20] [--history-days 2950] [--profile wall.cpuprofile]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { build } from 'vite';
import type { LayerCollections } from '../common/api.ts';
import type { LoginResult } from '../common/auth.ts';
import type { WallHistory } from '../common/wall.ts';
import { DEMO_PASSWORD } from '../server/auth/auth-queries.ts';
import { DEMO_INTEGRATION_API_KEY } from '../server/config.ts';
import { launchChromium } from '../test/helpers/chromium.ts';
import { startTestServer } from '../test/helpers/test-server.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    rate: { type: 'string', default: '20' },
    'history-days': { type: 'string', default: '2950' }, // ≈ 100,000 events at the seed's daily rate
    // write the wall page's CPU profile during the stream to this file, and print its top functions
    profile: { type: 'string' },
  },
});
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate);
const HISTORY_DAYS = Number(values['history-days']);
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
const VIEWPORT = { width: 1920, height: 1080 };

type PageFigures = {
  updates: number[];
  batches: number[];
  longTasks: number[];
  heapStart: number;
  heapEnd: number;
  heapSamples: number[];
};

const t = performance.now();
const server = await startTestServer({ env: { SEED_HISTORY_DAYS: String(HISTORY_DAYS) } });
const startMs = performance.now() - t;
const api = async <T>(pathname: string, init: RequestInit = {}): Promise<T> => {
  const res = await fetch(`${server.url}${pathname}`, init);
  if (!res.ok) throw new Error(`${pathname} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
};
const login = await api<LoginResult>('/api/auth/login', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'operator', password: DEMO_PASSWORD }),
});
const history = await api<WallHistory>(`/api/wall/history?days=${HISTORY_DAYS}`, {
  headers: { authorization: `Bearer ${login.token}` },
});
const compounds = await api<LayerCollections['compounds']>('/api/layers/compounds');
console.log(
  `server with ${history.count} historical events up in ${(startMs / 1000).toFixed(1)} s ` +
    `(migrate, seed geodata, seed ${HISTORY_DAYS} days of history)`,
);

// the bare page, built with the project's vite into a temporary directory
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'licheng-bench-wall-'));
await build({
  configFile: false,
  root: path.resolve('bench'),
  base: '/__bench/',
  logLevel: 'warn',
  build: {
    outDir,
    emptyOutDir: true,
    target: 'esnext',
    rollupOptions: { input: path.resolve('bench/wall-bare.html') },
  },
});

const browser = await launchChromium();
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

async function openPage(
  url: string,
  wall: boolean,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  await context.route(`${server.url}/__bench/**`, (route) => {
    const file = path.join(
      outDir,
      new URL(route.request().url()).pathname.slice('/__bench/'.length),
    );
    return route.fulfill({
      path: file,
      contentType: TYPES[path.extname(file)] ?? 'application/octet-stream',
    });
  });
  await context.addInitScript(
    ({ wall, session }) => {
      const w = window as unknown as { __longTasks: number[]; __wallBench?: boolean };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
      if (wall) {
        w.__wallBench = true;
        window.sessionStorage.setItem('licheng.session', session);
      }
    },
    { wall, session: JSON.stringify(login) },
  );
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`${wall ? 'wall' : 'bare'}: ${error.message}`));
  await page.goto(url);
  return { context, page };
}

async function heap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

// the stream: events through the intake API at RATE per second, as the simulator posts them
const ids = compounds.features.map((f) => f.properties.id);
const categories = ['property_service', 'sanitation', 'parking', 'fee_dispute', 'utilities'];
async function stream(onMinute: () => Promise<void>): Promise<{ sent: number; ms: number }> {
  const total = Math.round(SECONDS * RATE);
  const posts: Promise<unknown>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    if (i > 0 && i % (RATE * 60) === 0) await onMinute();
    const wait = t0 + (i * 1000) / RATE - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    posts.push(
      api('/api/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': DEMO_INTEGRATION_API_KEY },
        body: JSON.stringify({
          channel: 'libianmin',
          category: categories[i % categories.length],
          description: `基准测试事件 ${i}`,
          location: { compoundId: ids[(i * 7919) % ids.length] },
        }),
      }),
    );
  }
  await Promise.all(posts);
  return { sent: total, ms: performance.now() - t0 };
}

// the renderer main thread's busy time so far (CDP Performance.getMetrics, seconds)
async function mainThread(cdp: CDPSession): Promise<{ task: number; script: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  return { task: value('TaskDuration'), script: value('ScriptDuration') };
}

// one page at a time, so the two do not share the cores with each other
async function run(
  kind: 'wall' | 'bare',
): Promise<PageFigures & { taskMs: number; scriptMs: number; sent: number; ms: number }> {
  const { context, page } =
    kind === 'wall'
      ? await openPage(`${server.url}/wall?tour=0&history=${HISTORY_DAYS}`, true)
      : await openPage(
          `${server.url}/__bench/wall-bare.html?token=${login.token}&history=${HISTORY_DAYS}`,
          false,
        );
  if (kind === 'wall') {
    await page.locator('[data-wall-state="ready"]').waitFor({ timeout: 300_000 });
  } else {
    await page.waitForFunction(() => (window as { __bareReady?: boolean }).__bareReady, null, {
      timeout: 300_000,
    });
  }
  await page.waitForTimeout(8000); // the history hexagons and the first chart animations
  await page.evaluate(() => {
    performance.clearMeasures();
    (window as unknown as { __longTasks: number[] }).__longTasks.length = 0;
  });
  const heapStart = await heap(page);
  const heapSamples = [heapStart];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const before = await mainThread(cdp);
  const profiling = kind === 'wall' && values.profile !== undefined;
  if (profiling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  // a GC and a heap reading each minute (the GC itself costs the page a few tens of ms)
  const sent = await stream(async () => {
    heapSamples.push(await heap(page));
  });
  if (profiling) {
    const { profile } = await cdp.send('Profiler.stop');
    fs.writeFileSync(values.profile!, JSON.stringify(profile));
    printTopFunctions(profile);
  }
  await page.waitForTimeout(3000); // the last batches and summaries land
  const collected = await page.evaluate(() => ({
    updates: performance.getEntriesByName('wall:batch-update', 'measure').map((e) => e.duration),
    batches: performance.getEntriesByName('wall:batch', 'measure').map((e) => e.duration),
    longTasks: [...(window as unknown as { __longTasks: number[] }).__longTasks],
  }));
  const after = await mainThread(cdp);
  await cdp.detach();
  const heapEnd = await heap(page);
  heapSamples.push(heapEnd);
  await context.close();
  return {
    ...collected,
    heapStart,
    heapEnd,
    heapSamples,
    taskMs: (after.task - before.task) * 1000,
    scriptMs: (after.script - before.script) * 1000,
    ...sent,
  };
}

type Profile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
};

/** The 25 functions with the most self time in a CPU profile (a bottom-up view, by sample). */
function printTopFunctions(profile: Profile) {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const f = byNode.get(id)!;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log('wall: top self time during the stream (ms)');
  console.table(top.map(([fn, ms]) => ({ fn, ms: Math.round(ms) })));
}

const figures = { wall: await run('wall'), bare: await run('bare') };
const q = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
};
const ms = (x: number) => +x.toFixed(1);
const mb = (bytes: number) => +(bytes / 1048576).toFixed(1);
console.log(
  `\n${figures.wall.sent} events per page at ${RATE}/s for ${SECONDS} s, ${history.count} history ` +
    `points, viewport ${VIEWPORT.width}×${VIEWPORT.height}, headless Chromium + SwiftShader`,
);
console.table(
  Object.entries(figures).map(([page, f]) => ({
    page,
    batches: f.batches.length,
    'main thread ms/batch': ms(f.taskMs / f.batches.length),
    'of it script': ms(f.scriptMs / f.batches.length),
    'main thread busy': `${Math.round((f.taskMs / f.ms) * 100)}%`,
    'update p50 ms': ms(q(f.updates, 0.5)),
    'update p95 ms': ms(q(f.updates, 0.95)),
    'update max ms': ms(Math.max(...f.updates)),
    'on screen p50 ms': ms(q(f.batches, 0.5)),
    'tasks > 50 ms': f.longTasks.length,
    'longest task ms': f.longTasks.length ? Math.round(Math.max(...f.longTasks)) : '< 50',
    'heap start MB': mb(f.heapStart),
    'heap end MB': mb(f.heapEnd),
  })),
);

for (const [page, f] of Object.entries(figures)) {
  console.log(`${page} heap after GC, each minute (MB): ${f.heapSamples.map(mb).join(' → ')}`);
}

await browser.close();
await server.close();
fs.rmSync(outDir, { recursive: true, force: true });
