// Sustained intake with no dashboard clients: group commit (IntakeQueue: concurrent reports share
// one transaction) beside one transaction per event, same items, same concurrency, same database;
// then the whole HTTP path, with the senders in this process and in another one (the server then
// has its event loop to itself), and machine intake in batches (POST /api/events:batch). Zero
// loss is checked by counting rows after each run.
//   npx tsx bench/ingest.ts [--events 4000] [--concurrency 64] [--batch 100]
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ReportEventInput } from '../common/grievances.ts';
import { DEMO_INTEGRATION_API_KEY } from '../server/config.ts';
import { reportEvents, type ReportItem } from '../server/grievances/grievances-intake-queries.ts';
import { IntakeQueue } from '../server/grievances/intake-queue.ts';
import { createRandom } from '../scripts/geodata/seeded-random.ts';
import { startTestServer } from '../test/helpers/test-server.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '4000' },
    concurrency: { type: 'string', default: '64' },
    batch: { type: 'string', default: '100' },
  },
});
const N = Number(values.events);
const C = Number(values.concurrency);
const BATCH = Number(values.batch);
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';

const server = await startTestServer({ env: { SEED_DEMO_USERS: 'false' } });
try {
  const compounds = await server.db.query<{ id: number }>('SELECT id FROM compounds ORDER BY id');
  const random = createRandom(7);
  const makeItems = (tag: string): ReportItem[] =>
    Array.from({ length: N }, (_, i) => ({
      actor: 'bench',
      input: {
        channel: 'hotline_12345',
        category: random.pick(['sanitation', 'parking', 'utilities', 'fee_dispute'] as const),
        description: `压测 ${tag} ${i}`,
        location: { compoundId: random.pick(compounds).id },
        idempotencyKey: `${tag}-${i}`,
      } satisfies ReportEventInput,
    }));

  // C workers each take the next item until none is left
  async function drive<T>(items: T[], send: (item: T) => Promise<unknown>) {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: C }, async () => {
        while (next < items.length) await send(items[next++]!);
      }),
    );
    return performance.now() - started;
  }
  const count = async (tag: string) =>
    (
      await server.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM events WHERE idempotency_key LIKE $1`,
        [`${tag}-%`],
      )
    )[0]!.n;

  await server.db.query('ANALYZE events');
  const single = await drive(makeItems('single'), (item) =>
    server.db.withTransaction((tx) => reportEvents(tx, [item])),
  );
  await server.db.query('ANALYZE events'); // as autovacuum would by now: fresh tables plan as if empty
  const queue = new IntakeQueue(server.db);
  const grouped = await drive(makeItems('grouped'), (item) => queue.submit(item));
  const http = await drive(makeItems('http'), (item) =>
    fetch(`${server.url}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': DEMO_INTEGRATION_API_KEY },
      body: JSON.stringify(item.input),
    }).then((r) => {
      if (r.status !== 201) throw new Error(`intake answered ${r.status}`);
      return r.arrayBuffer();
    }),
  );
  // the same path with the senders in another process: the server's event loop is its own
  const remote = await remoteLoad(
    '/api/events',
    makeItems('remote').map((it) => it.input),
    C,
  );
  if (remote.statuses['201'] !== N)
    throw new Error(`remote intake: ${JSON.stringify(remote.statuses)}`);
  // machine intake as the hotline and the platform send it: BATCH events per request
  const batches = chunk(
    makeItems('batch').map((it) => it.input),
    BATCH,
  ).map((events) => ({ events }));
  const batched = await remoteLoad('/api/events:batch', batches, Math.max(1, Math.ceil(C / 16)));
  if (batched.statuses['200'] !== batches.length)
    throw new Error(`batch intake: ${JSON.stringify(batched.statuses)}`);
  const rate = (ms: number) => Math.round((N / ms) * 1000);
  console.log(`\nintake of ${N} events, ${C} concurrent senders (PostgreSQL)`);
  console.table([
    {
      path: 'one transaction per event (baseline)',
      'events/s': rate(single),
      stored: await count('single'),
    },
    {
      path: 'group commit (IntakeQueue)',
      'events/s': rate(grouped),
      stored: await count('grouped'),
    },
    {
      path: 'HTTP POST /api/events, senders in this process',
      'events/s': rate(http),
      stored: await count('http'),
    },
    {
      path: 'HTTP POST /api/events, senders in another process',
      'events/s': rate(remote.ms),
      stored: await count('remote'),
    },
    {
      path: `HTTP POST /api/events:batch, ${BATCH} per request, senders in another process`,
      'events/s': rate(batched.ms),
      stored: await count('batch'),
    },
  ]);
  console.log(`group commit / baseline: ${(single / grouped).toFixed(1)}x`);
  console.log(`batch HTTP / single HTTP (both remote): ${(remote.ms / batched.ms).toFixed(1)}x`);

  /** POSTs each body from a load generator in its own process (bench/lib/http-load.ts). */
  async function remoteLoad(route: string, bodies: unknown[], concurrency: number) {
    const bodiesFile = path.join(os.tmpdir(), `ingest-bodies-${process.pid}.json`);
    fs.writeFileSync(bodiesFile, JSON.stringify(bodies));
    try {
      return await new Promise<{ ms: number; statuses: Record<string, number> }>(
        (resolve, reject) => {
          execFile(
            process.execPath,
            [
              '--import',
              'tsx',
              'bench/lib/http-load.ts',
              `${server.url}${route}`,
              bodiesFile,
              String(concurrency),
              `x-api-key:${DEMO_INTEGRATION_API_KEY}`,
            ],
            (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout) as never)),
          );
        },
      );
    } finally {
      fs.rmSync(bodiesFile);
    }
  }
} finally {
  await server.close();
}

function chunk<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );
}
