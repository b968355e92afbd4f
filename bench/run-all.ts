// `npm run bench`: every benchmark in turn, each printing its figure beside its baseline.
import { execFileSync } from 'node:child_process';

const BENCHES = ['bench/layers-payload.ts', 'bench/startup.ts'];
for (const bench of BENCHES) {
  console.log(`\n=== ${bench}`);
  execFileSync(process.execPath, ['--import', 'tsx', bench], { stdio: 'inherit' });
}
