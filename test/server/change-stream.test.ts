import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendChanges } from '../../server/grievances/append-changes.ts';
import { reportEvent, startTestServer, type TestServer } from '../helpers/test-server.ts';

// The change stream's numbers become visible in their order: a client resyncing from the highest
// seq it has seen (grievance:sync's head) must never skip a change committed later under a lower
// number. Two transactions race here: the one that took the lower seq commits last.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const report = async (i: number) =>
  (await reportEvent(server, { description: `变更流顺序 ${i}`, location: { compoundId: 10 + i } }))
    .id;

describe('the change stream', () => {
  it('commits seq numbers in order: a later number waits for an earlier one still open', async () => {
    const [first, second] = [await report(1), await report(2)];
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let firstAppended!: () => void;
    const appended = new Promise<void>((r) => (firstAppended = r));

    const slow = server.db.withTransaction(async (tx) => {
      await appendChanges(tx, [first], 'changed'); // takes the lower number…
      firstAppended();
      await held; // …and keeps its transaction open
      order.push('lower committed');
    });
    await appended;
    const fast = server.db.withTransaction(async (tx) => {
      await appendChanges(tx, [second], 'changed');
    });
    let fastFinished = false;
    const fastDone = fast.then(() => {
      fastFinished = true;
      order.push('higher committed');
    });
    // end the first only once the second waits behind it (PostgreSQL shows the waiter in
    // pg_locks), or has wrongly finished; the embedded engine's one connection serves the
    // transactions one after the other anyway (and the priority lane would wait for it)
    const waiterSeen = async () => {
      const [row] = await server.db.priority.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
      );
      return row!.n > 0;
    };
    while (server.db.engine === 'postgres' && !fastFinished && !(await waiterSeen())) {
      await new Promise((r) => setTimeout(r, 10));
    }
    release();
    await Promise.all([slow, fastDone]);
    expect(order).toEqual(['lower committed', 'higher committed']);

    const rows = await server.db.query<{ event: number; seq: number }>(
      `SELECT event_id::int AS event, seq::int AS seq FROM event_changes
       WHERE event_id = ANY($1) AND kind = 'changed' ORDER BY seq`,
      [[first, second]],
    );
    expect(rows.map((r) => r.event)).toEqual([first, second]);
  });
});
