// `npm run test:unit`: the tests that need no database, server or browser (pure functions, layer
// factories, chart options, the contracts), in seconds. A test file is a unit test unless it
// reaches for one of the helpers that start those; `npm test` runs everything.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const NEEDS_MORE = /\b(startTestServer|createTestDatabase|openDb|startServer|launchChromium)\b/;

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.test\.tsx?$/.test(f))
    .map((f) => path.join(dir, f));
}

const unit = testFiles('test').filter((f) => !NEEDS_MORE.test(fs.readFileSync(f, 'utf8')));
console.log(`${unit.length} unit test files (no database, server or browser)`);
const run = spawnSync(
  'npx',
  ['vitest', 'run', '--fileParallelism', ...unit, ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(run.status ?? 1);
