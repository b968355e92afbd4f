import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchUp, type GrievanceSocket } from '../../client/lib/socket.ts';
import { loginAs, reportEvent, startTestServer, type TestServer } from '../helpers/test-server.ts';

// The dashboards' catch-up (client/lib/socket.ts) against the real server's bounds on syncs: a
// page refused because others of the same user resync at once is asked again, so every
// dashboard ends with every event, as after a server restart when all walls reconnect together.

let server: TestServer;
let token: string;
beforeAll(async () => {
  // one sync at once per user, a new one every 0.3 s: most of the dashboards are refused first
  server = await startTestServer({ env: { SYNC_BURST: '1', SYNC_PER_MINUTE: '200' } });
  token = await loginAs(server, 'operator');
});
afterAll(async () => {
  await server?.close();
});

describe('catching up under the sync bounds', () => {
  it('asks again for a refused page until every dashboard holds every event', async () => {
    const reported: number[] = [];
    for (let i = 0; i < 5; i++) {
      const event = await reportEvent(server, {
        description: `补同步测试 ${i}`,
        location: { compoundId: 1 + i },
      });
      reported.push(event.id);
    }
    const sockets: GrievanceSocket[] = await Promise.all(
      Array.from(
        { length: 4 },
        () =>
          new Promise<GrievanceSocket>((resolve, reject) => {
            const s: GrievanceSocket = connect(server.url, {
              auth: { token },
              transports: ['websocket'],
            });
            s.once('connect', () => resolve(s));
            s.once('connect_error', reject);
          }),
      ),
    );
    const refusals: number[] = sockets.map(() => 0);
    try {
      const results = await Promise.all(
        sockets.map(async (socket, k) => {
          const seen = new Set<number>();
          const head = await catchUp(
            socket,
            0,
            (events) => events.forEach((e) => seen.add(e.id)),
            async (ms) => {
              refusals[k]! += 1;
              await new Promise((r) => setTimeout(r, ms));
            },
          );
          return { head, ids: [...seen].sort((a, b) => a - b) };
        }),
      );
      const [{ head }] = (await server.db.query<{ head: number }>(
        'SELECT max(seq)::int AS head FROM event_changes',
      )) as [{ head: number }];
      expect(results).toEqual(sockets.map(() => ({ head, ids: reported })));
      // the bound did refuse: three of the four waited at least once
      expect(refusals.filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
    } finally {
      sockets.forEach((s) => s.disconnect());
    }
  });

  it('charges a multi-page resync one token: its next pages are free, a new resync is not', async () => {
    // one token a minute: a second token within this test would be refused
    const slow = await startTestServer({ env: { SYNC_BURST: '1', SYNC_PER_MINUTE: '1' } });
    try {
      const post = (i: number) =>
        reportEvent(slow, {
          description: `分页补同步 ${i}`,
          location: { compoundId: 1 + (i % 400) },
        });
      // 501 events: more than one page (500)
      for (let i = 0; i < 501; i += 50) {
        await Promise.all(Array.from({ length: Math.min(50, 501 - i) }, (_, k) => post(i + k)));
      }
      const operator = await loginAs(slow, 'operator');
      const socket: GrievanceSocket = connect(slow.url, {
        auth: { token: operator },
        transports: ['websocket'],
      });
      await new Promise<void>((r) => socket.once('connect', () => r()));
      try {
        const first = await socket.emitWithAck('grievance:sync', 0);
        if (!('data' in first)) throw new Error(JSON.stringify(first));
        expect([first.data.events.length, first.data.more]).toEqual([500, true]);
        const next = await socket.emitWithAck('grievance:sync', first.data.head);
        if (!('data' in next)) throw new Error(JSON.stringify(next));
        expect([next.data.events.length, next.data.more]).toEqual([1, false]);
        // a new resync from the start is a new token: refused until the bucket refills
        const again = await socket.emitWithAck('grievance:sync', 0);
        expect(again).toEqual({
          error: { code: 'rate_limited', message: 'Too many syncs; retry in 60 s' },
        });
      } finally {
        socket.disconnect();
      }
    } finally {
      await slow.close();
    }
  });
});
