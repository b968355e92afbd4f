// Writes the seed data in geodata/ (or a synthetic benchmark city): `npm run geodata`, or
//   tsx scripts/generate-geodata.ts --city-scale 20000 [--out geodata/city-scale] [--seed N]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateGeodata } from './geodata/generate-geodata.ts';

const { values } = parseArgs({
  options: {
    'city-scale': { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string' },
  },
});
const cityScale = values['city-scale'] === undefined ? null : Number(values['city-scale']);
if (cityScale !== null && !Number.isInteger(cityScale)) {
  throw new Error(`--city-scale takes a whole number of compounds, got ${values['city-scale']}`);
}
const seed = values.seed === undefined ? undefined : Number(values.seed);
const outDir = values.out ?? (cityScale === null ? 'geodata' : 'geodata/city-scale');

const started = performance.now();
const { files } = generateGeodata({ cityScale, ...(seed === undefined ? {} : { seed }) });
mkdirSync(outDir, { recursive: true });
for (const [name, contents] of Object.entries(files)) {
  writeFileSync(join(outDir, name), contents);
  console.log(`${join(outDir, name)}  ${(Buffer.byteLength(contents) / 1024).toFixed(1)} KiB`);
}
console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
