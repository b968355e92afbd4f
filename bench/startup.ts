// Time from `npm start` (dependencies installed, client built) to the map's first full render:
// once with an empty data directory (create + migrate + seed the embedded database) and once more
// on the same directory (reopen). Goals: ≤ 20 s first, ≤ 5 s second. The baseline in the same run
// is the bare engine: PGlite + PostGIS opened on the same directory with nothing else.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { launchChromium } from '../test/helpers/chromium.ts';

const PORT = 3917;
const URL = `http://127.0.0.1:${PORT}`;

async function waitFor(check: () => Promise<boolean>, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms`);
}

async function timeStart(dataDir: string) {
  const t0 = performance.now();
  const { DATABASE_URL: _external, ...env } = process.env; // npm start's embedded engine
  const child = spawn('npm', ['start', '--silent'], {
    env: {
      ...env,
      PORT: String(PORT),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SIMULATOR_EVENTS_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  try {
    await waitFor(async () => (await fetch(`${URL}/api/health`)).ok, 120_000);
    const apiMs = performance.now() - t0;
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(URL);
      await page.waitForSelector('[data-state="ready"]', { timeout: 300_000 });
      return { apiMs, renderMs: performance.now() - t0 };
    } finally {
      await browser.close();
    }
  } finally {
    if (child.exitCode === null) {
      process.kill(-child.pid!, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
}

async function timeBareEngine(dataDir: string) {
  const t0 = performance.now();
  const db = await PGlite.create({
    dataDir: path.join(dataDir, 'pgdata'),
    extensions: { postgis },
  });
  await db.query('SELECT postgis_lib_version()');
  const ms = performance.now() - t0;
  await db.close();
  return ms;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'licheng-startup-'));
try {
  const first = await timeStart(dataDir);
  const second = await timeStart(dataDir);
  const bare = await timeBareEngine(dataDir);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log('\nnpm start → first full map render (client already built)');
  console.table([
    {
      start: 'first (empty DATA_DIR)',
      'API up': s(first.apiMs),
      'map rendered': s(first.renderMs),
      goal: '≤ 20 s',
    },
    {
      start: 'second (data present)',
      'API up': s(second.apiMs),
      'map rendered': s(second.renderMs),
      goal: '≤ 5 s',
    },
  ]);
  console.log(
    `baseline: bare PGlite + PostGIS reopen ${s(bare)}; second start / bare = ${(second.renderMs / bare).toFixed(2)}x`,
  );
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
