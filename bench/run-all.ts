// `npm run bench`: every benchmark in turn, each printing its figure beside its baseline.
// PostgreSQL ones use DATABASE_URL (default: the local server's `test` database).
import { execFileSync } from 'node:child_process';

const BENCHES = [
  'bench/layers-payload.ts',
  'bench/routing.ts',
  'bench/ingest.ts',
  'bench/fanout.ts',
  'bench/bundling.ts',
  'bench/startup.ts',
  'bench/wall.ts',
  'bench/sync-load.ts',
  'bench/import-bench.ts',
];
for (const bench of BENCHES) {
  console.log(`\n=== ${bench}`);
  execFileSync(process.execPath, ['--import', 'tsx', bench], { stdio: 'inherit' });
}
