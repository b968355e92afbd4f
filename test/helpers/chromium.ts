import { chromium, type Browser } from 'playwright-core';

// Debian's Chromium (no browser download); WebGL2 through SwiftShader in software, so browser
// tests assert pixels, picking and DOM, never frame rates (../shared/RECIPE.md).
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}
