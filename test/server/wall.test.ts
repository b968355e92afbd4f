import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompoundFeature, LayerCollections } from '../../common/api.ts';
import type { LoginResult } from '../../common/auth.ts';
import type { Category, GrievanceEvent, ReportEventInput } from '../../common/grievances.ts';
import type { WallHistory, WallSummary } from '../../common/wall.ts';
import { DEMO_PASSWORD } from '../../server/auth/auth-queries.ts';
import { DEMO_INTEGRATION_API_KEY } from '../../server/config.ts';
import { seedHistoryIfEmpty } from '../../server/grievances/history-seed.ts';
import { escalateOverdue } from '../../server/grievances/overdue-job.ts';
import { chinaDate } from '../../server/wall/wall-rules.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

// GET /api/wall/summary on the real server: figures asserted exactly after posting known events
// through the intake API; the history seed checked for consistency and determinism.

type Response<T> = { status: number; body: T };

let server: TestServer;
let operator: string;
let compounds: CompoundFeature[];

async function call<T>(
  method: 'GET' | 'POST',
  pathname: string,
  options: { token?: string; apiKey?: string; body?: unknown } = {},
): Promise<Response<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.apiKey) headers['x-api-key'] = options.apiKey;
  const res = await fetch(`${server.url}${pathname}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

const login = async (username: string) =>
  (
    await call<LoginResult>('POST', '/api/auth/login', {
      body: { username, password: DEMO_PASSWORD },
    })
  ).body.token;

async function report(compoundId: number, category: Category): Promise<GrievanceEvent> {
  const body: ReportEventInput = {
    channel: 'hotline_12345',
    category,
    description: '测试事件',
    location: { compoundId },
    reporter: { name: '林美华', phone: '13905951234' },
  };
  const res = await call<GrievanceEvent>('POST', '/api/events', {
    apiKey: DEMO_INTEGRATION_API_KEY,
    body,
  });
  if (res.status !== 201) throw new Error(`intake answered ${res.status}`);
  return res.body;
}

const summary = async (query = '') =>
  (await call<WallSummary>('GET', `/api/wall/summary${query}`, { token: operator })).body;

beforeAll(async () => {
  server = await startTestServer();
  operator = await login('operator');
  compounds = (
    await call<LayerCollections['compounds']>(
      'GET',
      '/api/layers/compounds?fields=streetCode,enterpriseId,coverageMode',
      { token: operator },
    )
  ).body.features;
});

afterAll(async () => {
  await server?.close();
});

describe('GET /api/wall/summary', () => {
  it('refuses anonymous callers, scoped roles and bad street codes, naming the field', async () => {
    expect((await call('GET', '/api/wall/summary')).status).toBe(401);
    const grid = await call<{ error: { code: string } }>('GET', '/api/wall/summary', {
      token: await login('grid1'),
    });
    expect(grid.status).toBe(403);
    const format = await call<{ error: { field: string; message: string } }>(
      'GET',
      '/api/wall/summary?streetCode=abc',
      { token: operator },
    );
    expect(format.status).toBe(400);
    expect(format.body.error).toMatchObject({
      field: 'streetCode',
      message: 'streetCode: expected a 12-digit street code',
    });
    const unknown = await call<{ error: { field: string; message: string } }>(
      'GET',
      '/api/wall/summary?streetCode=350502999000',
      { token: operator },
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe('streetCode: unknown street 350502999000');
    const extra = await call<{ error: { field: string } }>('GET', '/api/wall/summary?tour=1', {
      token: operator,
    });
    expect(extra.status).toBe(400);
    expect(extra.body.error.field).toBe('tour');
  });

  it('counts the owners committees and the party-member rule from the seeded data', async () => {
    const committees = JSON.parse(
      fs.readFileSync(path.resolve('geodata/owners-committees.json'), 'utf8'),
    ) as { status: string; members: number; partyMembers: number }[];
    const elected = committees.filter((c) => c.status === 'elected');
    const meeting = elected.filter(
      (c) => c.partyMembers >= 3 || (c.members > 0 && c.partyMembers * 2 >= c.members),
    );
    const temporary = committees.filter((c) => c.status === 'temporary').length;
    const preparing = committees.filter((c) => c.status === 'preparing').length;
    const s = await summary();
    expect(s.committees).toEqual({
      compounds: compounds.length,
      formed: elected.length + temporary,
      byStatus: {
        elected: elected.length,
        temporary,
        preparing,
        none: compounds.length - elected.length - temporary - preparing,
      },
      meetingPartyRule: meeting.length,
      partyRuleShare: meeting.length / elected.length,
    });
    expect(s.alarmGrades).toEqual(['L3', 'L4']);
    expect(s.coverage.focus.code).toBe('350502');
    expect(s.coverage.summary.streets).toHaveLength(9);
  });

  it('counts events posted through the API by state, grade, street and category', async () => {
    const before = await summary();
    expect(before.events.today.total).toBe(0);
    expect(before.events.trend).toHaveLength(30);
    expect(before.events.trend.every((d) => d.reported === 0)).toBe(true);
    expect(before.events.trend.at(-1)!.date).toBe(before.today);
    expect(before.today).toBe(chinaDate(new Date(before.asOf)));

    const [a, b] = [...new Set(compounds.map((c) => c.properties.streetCode!))].sort();
    const inStreet = (code: string) => compounds.filter((c) => c.properties.streetCode === code);
    const fire = await report(inStreet(a!)[0]!.properties.id, 'fire_safety'); // L3
    await report(inStreet(a!)[1]!.properties.id, 'fire_safety');
    await report(inStreet(a!)[2]!.properties.id, 'sanitation'); // L1
    const lift = await report(inStreet(b!)[0]!.properties.id, 'elevator_fault'); // L2
    const last = await report(inStreet(b!)[1]!.properties.id, 'sanitation');
    const district = await login('district');
    const act = (id: number, action: string) =>
      call('POST', `/api/events/${id}/actions`, { token: district, body: { action } });
    expect((await act(fire.id, 'accept')).status).toBe(200);
    expect((await act(lift.id, 'accept')).status).toBe(200);
    // past its deadline, as the overdue job would find it a day later
    await server.db.query(
      `UPDATE events SET deadline = now() - interval '1 minute' WHERE id = $1`,
      [lift.id],
    );

    const s = await summary();
    expect(s.events.today).toEqual({
      total: 5,
      byState: {
        reported: 3,
        accepted: 2,
        dispatched: 0,
        in_progress: 0,
        resolved: 0,
        closed: 0,
        returned: 0,
      },
      byGrade: { L1: 2, L2: 1, L3: 2, L4: 0 },
    });
    expect(s.events.open).toBe(5);
    expect(s.events.overdue).toBe(1);
    expect(s.events.trend.at(-1)).toEqual({ date: s.today, reported: 5, resolved: 0 });
    expect(s.events.topCategories).toEqual([
      { category: 'fire_safety', count: 2 },
      { category: 'sanitation', count: 2 },
      { category: 'elevator_fault', count: 1 },
    ]);
    expect(s.events.overdueByStreet[0]).toMatchObject({ code: b, overdue: 1 });
    expect(s.events.overdueByStreet.slice(1).every((r) => r.overdue === 0)).toBe(true);
    expect(s.events.latest.map((e) => e.id)).toEqual([
      last.id,
      lift.id,
      fire.id + 2,
      fire.id + 1,
      fire.id,
    ]);
    expect(s.events.latest[1]).toMatchObject({ state: 'accepted', grade: 'L2', overdue: true });
    expect(JSON.stringify(s.events.latest)).not.toContain('林');

    const street = await summary(`?streetCode=${a}`);
    expect(street.streetCode).toBe(a);
    expect(street.events.today.total).toBe(3);
    expect(street.events.today.byGrade).toEqual({ L1: 1, L2: 0, L3: 2, L4: 0 });
    expect(street.events.overdue).toBe(0);
    expect(street.events.overdueByStreet).toEqual(s.events.overdueByStreet);
    expect(street.coverage.focus.code).toBe(a);
    expect(street.committees.compounds).toBe(inStreet(a!).length);
  });
});

describe('GET /api/wall/history', () => {
  it('returns the locations of the events reported in the window, oldest first', async () => {
    const res = await call<WallHistory>('GET', '/api/wall/history?days=1', { token: operator });
    expect(res.status).toBe(200);
    const rows = await server.db.query<{ lng: number; lat: number }>(
      `SELECT round(ST_X(geom)::numeric, 5)::float8 AS lng, round(ST_Y(geom)::numeric, 5)::float8 AS lat
       FROM events ORDER BY reported_at, id`,
    );
    expect(res.body.days).toBe(1);
    expect(res.body.count).toBe(rows.length);
    expect(res.body.positions).toEqual(rows.flatMap((r) => [r.lng, r.lat]));
  });

  it('names the accepted range of days', async () => {
    const res = await call<{ error: { field: string; message: string } }>(
      'GET',
      '/api/wall/history?days=0',
      { token: operator },
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'bad_request',
      field: 'days',
      message: 'days: expected a whole number of days in [1, 3650]',
    });
  });
});

describe('seedHistoryIfEmpty', () => {
  it('writes nothing into a table that has events, or for 0 days', async () => {
    expect(await seedHistoryIfEmpty(server.db, 30, new Date())).toBe(0);
    expect(await seedHistoryIfEmpty(server.db, 0, new Date())).toBe(0);
  });

  it('seeds consistent, deterministic history that the overdue job leaves alone', async () => {
    const history = await startTestServer({ env: { SEED_HISTORY_DAYS: '14' } });
    try {
      const { db } = history;
      const [counts] = await db.query<{ events: number; future: number; outside: number }>(
        `SELECT count(*)::int AS events,
                count(*) FILTER (WHERE e.reported_at > now())::int AS future,
                count(*) FILTER (WHERE NOT ST_Intersects(c.geom, e.geom) OR c.grid_code <> e.grid_code
                                   OR c.street_code <> e.street_code)::int AS outside
         FROM events e JOIN compounds c ON c.id = e.compound_id`,
      );
      expect(counts!.events).toBeGreaterThan(14 * 15);
      expect(counts!.future).toBe(0);
      expect(counts!.outside).toBe(0);
      // every event's audit trail starts with the report and ends in its current state
      const broken = await db.query(
        `SELECT e.id FROM events e
         WHERE (SELECT a.action FROM event_audit a WHERE a.event_id = e.id ORDER BY a.id LIMIT 1) <> 'report'
            OR (SELECT a.to_state FROM event_audit a WHERE a.event_id = e.id AND a.action <> 'overdue'
                ORDER BY a.id DESC LIMIT 1) <> e.state
            OR NOT EXISTS (SELECT 1 FROM event_changes c WHERE c.event_id = e.id)`,
      );
      expect(broken).toEqual([]);
      expect(await escalateOverdue(db)).toEqual([]);

      const fingerprint = () =>
        db.query<{ md5: string }>(
          `SELECT md5(string_agg(concat_ws('|', category, grade, state, channel, grid_code, compound_id,
                                           round(ST_X(geom)::numeric, 7), round(ST_Y(geom)::numeric, 7),
                                           reported_at, overdue), ',' ORDER BY reported_at, compound_id, category)) FROM events`,
        );
      const now = new Date('2026-03-01T04:00:00Z');
      const clear = async () => {
        for (const table of ['event_changes', 'event_audit', 'events']) {
          await db.query(`DELETE FROM ${table}`);
        }
      };
      await clear();
      const first = await seedHistoryIfEmpty(db, 14, now);
      const print = await fingerprint();
      await clear();
      expect(await seedHistoryIfEmpty(db, 14, now)).toBe(first);
      expect(await fingerprint()).toEqual(print);
    } finally {
      await history.close();
    }
  });
});
