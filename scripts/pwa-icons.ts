import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../test/helpers/chromium.ts';

// Renders client/public/icons/emblem.svg to the PNG sizes the web app manifest names (Android
// wants 192 and 512; iOS takes the 180 apple-touch-icon). Run after changing the SVG:
//   node --import tsx scripts/pwa-icons.ts
const DIR = path.resolve('client/public/icons');
const SIZES = [180, 192, 512];

const svg = fs.readFileSync(path.join(DIR, 'emblem.svg'), 'utf8');
const browser = await launchChromium();
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    await page.screenshot({ path: path.join(DIR, `emblem-${size}.png`), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
