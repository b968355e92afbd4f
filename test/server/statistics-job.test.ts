import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeHotTables, HOT_TABLES, needsOwnAnalyze } from '../../server/statistics-job.ts';
import { reportEvent, startTestServer, type TestServer } from '../helpers/test-server.ts';

// The planner's statistics of the tables every report writes to: where autovacuum does not keep
// them (PGlite always; PostgreSQL when it is off, as on the CI machine), the server does.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { ANALYZE_EVERY_SECONDS: '0' } }); // the test runs it
});
afterAll(async () => {
  await server?.close();
});

const estimates = async () =>
  Object.fromEntries(
    (
      await server.db.query<{ name: string; rows: number }>(
        `SELECT relname AS name, reltuples::int AS rows FROM pg_class
         WHERE relname = ANY($1) AND relkind = 'r' ORDER BY relname`,
        [[...HOT_TABLES]],
      )
    ).map((r) => [r.name, r.rows]),
  );

describe('the statistics job', () => {
  it('knows when nobody else analyzes', async () => {
    const [{ autovacuum }] = (await server.db.query<{ autovacuum: string }>('SHOW autovacuum')) as [
      { autovacuum: string },
    ];
    expect(await needsOwnAnalyze(server.db)).toBe(
      server.db.engine === 'pglite' || autovacuum !== 'on',
    );
  });

  it('gives the planner the hot tables’ true sizes', async () => {
    for (let i = 0; i < 12; i++) {
      await reportEvent(server, { description: `统计信息 ${i}`, location: { compoundId: 1 + i } });
    }
    await analyzeHotTables(server.db);
    // small tables are read whole: the estimates are the counts
    expect(await estimates()).toEqual({
      event_audit: 12,
      event_changes: 12,
      events: 12,
      feed_outbox: 12,
    });
  });
});
