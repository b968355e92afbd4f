// A realistic grievance stream through the real intake API (POST /api/events with X-API-Key):
//   tsx scripts/simulate-events.ts --url http://127.0.0.1:3000 --rate 6 [--typhoon] [--count N] [--seed N]
// rate is events per minute, shaped by the hour of day; `npm start` runs it gently (README).
import { parseArgs } from 'node:util';
import { createRandom } from './geodata/seeded-random.ts';
import { drawReport, HOURLY_RHYTHM } from './simulator/event-mix.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3000' },
    key: {
      type: 'string',
      default: process.env.INTEGRATION_API_KEY ?? 'demo-integration-key-licheng',
    },
    rate: { type: 'string', default: '6' },
    count: { type: 'string' },
    seed: { type: 'string', default: String(Date.now() % 1e9) },
    typhoon: { type: 'boolean', default: false },
  },
});
const rate = Number(values.rate);
if (!(rate > 0 && rate <= 60_000))
  throw new Error(`--rate must be events per minute in (0, 60000], got ${values.rate}`);
const count = values.count === undefined ? Infinity : Number(values.count);
const random = createRandom(Number(values.seed));

type CompoundFc = {
  features: { properties: { id: number; households: number; streetCode: string } }[];
};
type StreetFc = { features: { properties: { code: string; name: string } }[] };

const get = async <T>(path: string) => (await fetch(values.url + path)).json() as Promise<T>;
const compounds = (
  await get<CompoundFc>('/api/layers/compounds?fields=households,streetCode')
).features.map((f) => f.properties);
const streets = new Map(
  (await get<StreetFc>('/api/layers/streets')).features.map((f) => [
    f.properties.code,
    f.properties.name,
  ]),
);
// bigger compounds report more
const cumulative: number[] = [];
compounds.reduce((sum, c, i) => (cumulative[i] = sum + c.households), 0);
const totalHouseholds = cumulative.at(-1) ?? 0;

let sent = 0;
let failed = 0;
while (sent < count) {
  const hour = (new Date().getUTCHours() + 8) % 24; // China Standard Time
  const perMinute = rate * HOURLY_RHYTHM[hour]!;
  await new Promise((r) => setTimeout(r, (-Math.log(1 - random.next()) * 60_000) / perMinute));
  const pick = random.next() * totalHouseholds;
  const compound = compounds[cumulative.findIndex((c) => c > pick)]!;
  const report = drawReport(random, streets.get(compound.streetCode) ?? '', values.typhoon);
  const res = await fetch(`${values.url}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': values.key },
    body: JSON.stringify({ ...report, location: { compoundId: compound.id } }),
  }).catch(() => null);
  if (res?.ok) sent += 1;
  else {
    failed += 1;
    console.error(`simulator: intake failed (${res?.status ?? 'no connection'}); ${failed} so far`);
  }
}
console.log(`simulator: sent ${sent} events`);
