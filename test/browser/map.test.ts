import fs from 'node:fs';
import path from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraFeature, CompoundDetail, LayerCollections } from '../../common/api.ts';
import type { Position } from '../../common/geo.ts';
import { createLocalProjection } from '../../geometry/local-projection.ts';
import { DEMO_PASSWORD } from '../../server/auth/auth-queries.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/test-server.ts';

// the built client (dist/client) against the real server and a seeded throwaway database, in
// headless Chromium with software WebGL. Asserts picking, DOM and requests, not frame rates.

const ARTIFACTS = path.resolve('test/artifacts');
const VIEWPORT = { width: 1280, height: 800 };
// the floating panels cover the map's sides; a compound to click must lie between them
const CLEAR_AREA = { left: 330, right: VIEWPORT.width - 390, top: 30, bottom: 700 };
const MIN_STATION_DISTANCE_PX = 18;
// the map fits the district inside these margins (FIT_PADDING in client/app/dashboard.tsx)
const FIT_PADDING = { top: 36, right: 392, bottom: 36, left: 328 };

// the handles the client sets on window (client/map/base-map.tsx, client/map/deck-overlay.tsx)
type TestWindow = {
  __map: {
    project(lngLat: Position): { x: number; y: number };
    getZoom(): number;
    getCanvas(): HTMLCanvasElement;
    queryRenderedFeatures(
      box: [[number, number], [number, number]],
      options: { layers: string[] },
    ): { properties: { code?: string } }[];
    jumpTo(options: { center: Position; zoom: number }): void;
    once(event: 'idle', listener: () => void): void;
    triggerRepaint(): void;
  };
  __deck: {
    pickObject(options: { x: number; y: number; radius?: number; layerIds?: string[] }): {
      layer: { id: string } | null;
      object?: { properties: { id: number; name: string } };
    } | null;
  };
};

type Target = { detail: CompoundDetail; x: number; y: number };

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let target: Target;
const requests: string[] = [];
const consoleErrors: string[] = [];

let token: string; // the operator's, as the page signs in (compound files and cameras need a login)

async function getJson<T>(pathname: string): Promise<T> {
  const response = await fetch(`${server.url}${pathname}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`GET ${pathname} answered ${response.status}`);
  return (await response.json()) as T;
}

async function screenshot(name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, name) });
}

/** The RGBA bytes of a part of the page, as a screenshot shows it. */
async function pixelsOf(clip: { x: number; y: number; width: number; height: number }) {
  const png = await page.screenshot({ clip });
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    return [...context.getImageData(0, 0, image.width, image.height).data];
  }, png.toString('base64'));
}

/** How many pixels differ between two RGBA byte arrays of the same size. */
function changedPixels(a: number[], b: number[]): number {
  let changed = 0;
  for (let i = 0; i < a.length; i += 4) {
    if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) changed++;
  }
  return changed;
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

/** A large compound whose centroid is inside it, on screen between the panels, clear of stations. */
async function findClickableCompound(): Promise<Target> {
  const compounds = await getJson<LayerCollections['compounds']>('/api/layers/compounds');
  const stations = await getJson<LayerCollections['stations']>('/api/layers/stations');
  const stationPoints = await page.evaluate(
    (positions) => positions.map((p) => (window as unknown as TestWindow).__map.project(p)),
    stations.features.map((station) => station.geometry.coordinates),
  );
  const byScreenSize = await page.evaluate(
    (rings) =>
      rings.map((ring) => {
        const points = ring.map((p) => (window as unknown as TestWindow).__map.project(p));
        const xs = points.map((p) => p.x);
        const ys = points.map((p) => p.y);
        return Math.min(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
      }),
    compounds.features.map((compound) => compound.geometry.coordinates[0] ?? []),
  );
  const candidates = compounds.features
    .map((compound, index) => ({ compound, size: byScreenSize[index] ?? 0 }))
    .sort((a, b) => b.size - a.size)
    .slice(0, 40);
  for (const { compound } of candidates) {
    const detail = await getJson<CompoundDetail>(`/api/compounds/${compound.properties.id}`);
    // turf, not the client's own helper, so the test checks the client rather than reusing it
    if (!booleanPointInPolygon(detail.centroid, compound.geometry)) continue;
    const { x, y } = await page.evaluate(
      (centroid) => (window as unknown as TestWindow).__map.project(centroid),
      detail.centroid,
    );
    const clear =
      x > CLEAR_AREA.left && x < CLEAR_AREA.right && y > CLEAR_AREA.top && y < CLEAR_AREA.bottom;
    const nearStation = stationPoints.some(
      (p) => Math.hypot(p.x - x, p.y - y) < MIN_STATION_DISTANCE_PX,
    );
    if (clear && !nearStation) return { detail, x, y };
  }
  throw new Error('No compound with an inside centroid lies in the clear part of the map');
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(server.url);
  // the map asks for a login like every page; the operator sees the cameras' streams
  await page.getByLabel('用户名').fill('operator');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('[data-state="ready"]').waitFor({ timeout: 90_000 });
  token = await loginAs(server, 'operator');
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('the command map', () => {
  it('fits the district and draws it in Chinese', async () => {
    const zoom = await page.evaluate(() => (window as unknown as TestWindow).__map.getZoom());
    expect(zoom, 'fitted to the ~53 km² district, not the world').toBeGreaterThan(11);
    const district = await getJson<LayerCollections['district']>('/api/layers/district');
    const corners = district.features.flatMap((feature) =>
      feature.geometry.type === 'Polygon'
        ? feature.geometry.coordinates.flat()
        : feature.geometry.coordinates.flat(2),
    );
    const box = await page.evaluate((points) => {
      const projected = points.map((p) => (window as unknown as TestWindow).__map.project(p));
      const xs = projected.map((p) => p.x);
      const ys = projected.map((p) => p.y);
      return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    }, corners);
    const [minX, minY, maxX, maxY] = box as [number, number, number, number];
    const map = await page.locator('.base-map').boundingBox();
    if (!map) throw new Error('map container is not laid out');
    const area = {
      left: FIT_PADDING.left,
      right: map.width - FIT_PADDING.right,
      top: FIT_PADDING.top,
      bottom: map.height - FIT_PADDING.bottom,
    };
    // fitted: centred between the panels, filling that area along its tighter side (±0.5 px)
    expect((minX + maxX) / 2, 'centred between the panels').toBeCloseTo(
      (area.left + area.right) / 2,
      0,
    );
    expect((minY + maxY) / 2).toBeCloseTo((area.top + area.bottom) / 2, 0);
    const fill = Math.max(
      (maxX - minX) / (area.right - area.left),
      (maxY - minY) / (area.bottom - area.top),
    );
    expect(fill, 'the district fills the area along one side').toBeCloseTo(1, 2);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      '鲤城区红色物业指挥平台',
    );
    await expect(page.getByText('无物业').first().isVisible()).resolves.toBe(true);
    await screenshot('map-zh.png');
  });

  it('picks a known compound at its centroid', async () => {
    target = await findClickableCompound();
    const picked = await page.evaluate(
      ({ x, y }) => {
        const info = (window as unknown as TestWindow).__deck.pickObject({ x, y });
        return info ? { layer: info.layer?.id, id: info.object?.properties.id } : null;
      },
      { x: target.x, y: target.y },
    );
    expect(picked, `deck.gl drew compound ${target.detail.id} under its centroid`).toEqual({
      layer: 'compounds',
      id: target.detail.id,
    });
  });

  it('opens the side panel with the clicked compound', async () => {
    const box = await page.locator('.base-map').boundingBox();
    if (!box) throw new Error('map container is not laid out');
    await page.mouse.click(box.x + target.x, box.y + target.y);
    const panel = page.getByRole('complementary', { name: '小区详情' });
    await panel.getByRole('heading', { level: 2, name: target.detail.name }).waitFor();
    await panel.getByText(target.detail.community.name, { exact: true }).waitFor();
    expect(await panel.getByRole('heading', { level: 2 }).textContent()).toBe(target.detail.name);
    await waitForMapIdle();
    await screenshot('map-zh-selected.png');
  });

  it('switches every visible label to English', async () => {
    await page.getByRole('button', { name: '切换为英文界面' }).click();
    const panel = page.getByRole('complementary', { name: 'Compound details' });
    await panel.getByText('Nearest party service station').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Licheng Red Property Command Platform',
    );
    expect(await page.getByRole('region', { name: 'Layers' }).isVisible()).toBe(true);
    expect(await page.getByText('无物业').count(), 'no zh-CN legend left').toBe(0);
    expect(await page.getByText('Unmanaged').first().isVisible()).toBe(true);
    await screenshot('map-en-selected.png');
  });

  it('hides compounds with their layer switch', async () => {
    const pickCompound = () =>
      page.evaluate(
        ({ x, y }) =>
          (window as unknown as TestWindow).__deck.pickObject({ x, y, layerIds: ['compounds'] })
            ?.object?.properties.id ?? null,
        { x: target.x, y: target.y },
      );
    const compoundsSwitch = page.getByRole('checkbox', { name: 'Compounds' });
    await compoundsSwitch.uncheck({ force: true });
    await waitForMapIdle();
    expect(await pickCompound(), 'hidden layers are not pickable').toBeNull();
    await compoundsSwitch.check({ force: true });
    await waitForMapIdle();
    expect(await pickCompound()).toBe(target.detail.id);
  });

  it('shows grids and community names when zoomed in', async () => {
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('region', { name: 'Property service coverage' }).waitFor();
    await page.evaluate(
      (center) => (window as unknown as TestWindow).__map.jumpTo({ center, zoom: 15.5 }),
      target.detail.centroid,
    );
    await waitForMapIdle();
    expect(await page.getByText('from zoom 14.5').count(), 'grids are on at z15.5').toBe(0);
    await screenshot('map-en-zoomed.png');

    // the compound's grid: a point on its outline, clear of other lines and of deck.gl's layers
    const grids = await getJson<LayerCollections['grids']>('/api/layers/grids');
    const grid = grids.features.find((f) => f.properties.code === target.detail.grid.code);
    if (!grid) throw new Error(`Unknown grid: ${target.detail.grid.code}`);
    const ring = grid.geometry.coordinates[0]!;
    const midpoints = ring
      .slice(1)
      .map((p, i): Position => [(p[0] + ring[i]![0]) / 2, (p[1] + ring[i]![1]) / 2]);
    const probes = await page.evaluate(
      ({ points, clear }) => {
        const test = window as unknown as TestWindow;
        const near = (x: number, y: number, layers: string[]) =>
          test.__map.queryRenderedFeatures(
            [
              [x - 4, y - 4],
              [x + 4, y + 4],
            ],
            { layers },
          );
        return points.map((lngLat) => {
          const { x, y } = test.__map.project(lngLat);
          return {
            x: Math.round(x),
            y: Math.round(y),
            onScreen: x > clear.left && x < clear.right && y > clear.top && y < clear.bottom,
            alone:
              near(x, y, ['communities-line', 'streets-line', 'district-line']).length === 0 &&
              test.__deck.pickObject({ x, y, radius: 6 }) === null,
            grids: near(x, y, ['grids-line']).map((f) => f.properties.code),
          };
        });
      },
      { points: midpoints, clear: CLEAR_AREA },
    );
    const probe = probes.find((p) => p.onScreen && p.alone);
    if (!probe) throw new Error(`No edge of grid ${grid.properties.code} lies alone on screen`);
    expect(probe.grids, 'MapLibre drew the grid outline there').toContain(grid.properties.code);

    // the outline's pixels are the grid layer's: its switch changes them and nothing beside them
    const map = await page.locator('.base-map').boundingBox();
    if (!map) throw new Error('map container is not laid out');
    const edge = { x: map.x + probe.x - 4, y: map.y + probe.y - 4, width: 9, height: 9 };
    const centroid = await page.evaluate(
      (lngLat) => (window as unknown as TestWindow).__map.project(lngLat),
      target.detail.centroid,
    );
    const inside = {
      x: Math.round(map.x + centroid.x) - 4,
      y: Math.round(map.y + centroid.y) - 4,
      width: 9,
      height: 9,
    };
    const shown = { edge: await pixelsOf(edge), inside: await pixelsOf(inside) };
    const gridsSwitch = page.getByRole('checkbox', { name: 'Grids' });
    await gridsSwitch.uncheck({ force: true });
    await waitForMapIdle();
    const hidden = { edge: await pixelsOf(edge), inside: await pixelsOf(inside) };
    await gridsSwitch.check({ force: true });
    await waitForMapIdle();
    expect(changedPixels(shown.edge, hidden.edge), 'the dashed outline is drawn').toBeGreaterThan(
      0,
    );
    expect(changedPixels(shown.inside, hidden.inside), 'inside the grid: no line').toBe(0);
    expect(await pixelsOf(edge), 'drawn again when switched back on').toEqual(shown.edge);
  });

  it('shows the video cameras with their switch and picks one with its tooltip', async () => {
    const cameras = await getJson<LayerCollections['cameras']>(
      '/api/layers/cameras?fields=compoundId,platformCameraId,streamUrl',
    );
    const stations = await getJson<LayerCollections['stations']>('/api/layers/stations');
    const compounds = await getJson<LayerCollections['compounds']>(
      '/api/layers/compounds?fields=coverageMode',
    );
    // the seeded registry (seedCamerasIfEmpty): one camera per professionally managed compound
    // and per compound whose id is a multiple of 3
    expect(cameras.features.map((c) => c.properties.compoundId).sort((a, b) => a! - b!)).toEqual(
      compounds.features
        .map((c) => c.properties)
        .filter((c) => c.coverageMode === 'professional' || c.id % 3 === 0)
        .map((c) => c.id)
        .sort((a, b) => a - b),
    );
    // a camera alone enough to hover without a station or another camera under the cursor
    const apart = (a: Position, b: Position) => Math.hypot(...createLocalProjection(a).toMetres(b));
    const camera = cameras.features.find(
      (candidate: CameraFeature) =>
        stations.features.every(
          (station) => apart(station.geometry.coordinates, candidate.geometry.coordinates) > 80,
        ) &&
        cameras.features.every(
          (other) =>
            other === candidate ||
            apart(other.geometry.coordinates, candidate.geometry.coordinates) > 40,
        ),
    );
    if (!camera) throw new Error('No camera lies apart from stations and other cameras');

    const cameraSwitch = page.getByRole('checkbox', { name: 'Video cameras' });
    expect(await cameraSwitch.isChecked(), 'off until asked for').toBe(false);
    expect(requests.some((url) => url.includes('/api/layers/cameras'))).toBe(false);
    await cameraSwitch.check({ force: true });
    const legend = page.getByRole('list', { name: 'Video cameras of the joint command platform' });
    await legend.getByText(String(cameras.features.length), { exact: true }).waitFor();
    await page.evaluate(
      (center) => (window as unknown as TestWindow).__map.jumpTo({ center, zoom: 16 }),
      camera.geometry.coordinates,
    );
    await waitForMapIdle();
    const { x, y } = await page.evaluate(
      (lngLat) => (window as unknown as TestWindow).__map.project(lngLat),
      camera.geometry.coordinates,
    );
    const picked = await page.evaluate(
      (point) => {
        const info = (window as unknown as TestWindow).__deck.pickObject(point);
        return info ? { layer: info.layer?.id, id: info.object?.properties.id } : null;
      },
      { x, y },
    );
    expect(picked, `camera ${camera.properties.id} is drawn on top at its point`).toEqual({
      layer: 'cameras',
      id: camera.properties.id,
    });

    const box = await page.locator('.base-map').boundingBox();
    if (!box) throw new Error('map container is not laid out');
    await page.mouse.move(box.x + x, box.y + y);
    const tooltip = page.locator('.map-tooltip');
    await tooltip.getByText(camera.properties.name, { exact: true }).waitFor();
    expect(await tooltip.innerText()).toBe(
      [
        camera.properties.name,
        `Platform id: ${camera.properties.platformCameraId}`,
        `Stream: ${camera.properties.streamUrl}`,
      ].join('\n'),
    );
    expect(camera.properties.platformCameraId).toMatch(/^LC-CAM-\d{6}$/);
    await screenshot('map-cameras.png');

    await cameraSwitch.uncheck({ force: true });
    await waitForMapIdle();
    const hidden = await page.evaluate(
      (point) =>
        (window as unknown as TestWindow).__deck.pickObject({ ...point, layerIds: ['cameras'] }),
      { x, y },
    );
    expect(hidden, 'hidden cameras are not pickable').toBeNull();
    await page.mouse.move(box.x + 5, box.y + 5);
  });

  it('asks no host but its own and logs no errors', () => {
    const origin = new URL(server.url).origin;
    const foreign = requests.filter(
      (url) =>
        !url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'),
    );
    expect(foreign).toEqual([]);
    expect(requests.some((url) => url.includes('/api/layers/compounds'))).toBe(true);
    expect(consoleErrors).toEqual([]);
  });
});
