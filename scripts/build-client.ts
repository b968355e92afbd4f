// `npm start` runs this before the server: builds the client only when its sources changed since
// the last build (content hash), so a second start takes seconds, not a full Vite build.
// `--force` always builds (npm run build does that through Vite directly).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SOURCES = ['client', 'common', 'vite.config.ts', 'package-lock.json', 'tsconfig.json'];
const OUT_DIR = 'dist/client';
const STAMP = 'dist/.client-source-hash'; // outside OUT_DIR, which Vite empties

/** sha256 over every source file's path and bytes, in a stable order */
export function hashSources(roots: string[] = SOURCES): string {
  const hash = crypto.createHash('sha256');
  const files = roots.flatMap((root) => listFiles(root)).sort();
  for (const file of files) {
    hash.update(file).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function listFiles(p: string): string[] {
  if (!fs.existsSync(p)) return [];
  if (!fs.statSync(p).isDirectory()) return [p];
  return fs.readdirSync(p, { withFileTypes: true }).flatMap((e) => listFiles(path.join(p, e.name)));
}

const digest = hashSources();
const built = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8') : '';
if (built === digest && !process.argv.includes('--force')) {
  console.log(`client is up to date (${OUT_DIR})`);
} else {
  const { build } = await import('vite'); // heavy: load it only when a build is due
  await build({ logLevel: 'warn' });
  fs.writeFileSync(STAMP, digest);
}
