import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  FundAccount,
  ImportReport,
  PeriodReport,
  RevenuePublication,
  TopUpTask,
} from '../../common/ledgers.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/test-server.ts';

// Maintenance-fund accounts on the real server (三(六)): the 30% rule and arrears flag a compound
// and open one top-up plan task per breach for its community; versions, scope, validation; the
// fund ledger's import opens tasks the same way.

const TODAY = '2026-12-04';
let server: TestServer;
const tokens: Record<string, string> = {};
let own: { id: number; name: string; communityCode: string; communityName: string };
let other: { id: number };

type Reply<T> = {
  status: number;
  body: T & { error?: { code: string; message: string; field?: string } };
};

async function call<T>(
  method: string,
  path: string,
  as: string,
  body?: unknown,
): Promise<Reply<T>> {
  const res = await fetch(server.url + path, {
    method,
    headers: {
      authorization: `Bearer ${tokens[as]}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Reply<T>['body'] };
}

const tasksOf = async (compoundId: number) =>
  (await call<TopUpTask[]>('GET', '/api/funds/tasks', 'district')).body.filter(
    (t) => t.compoundId === compoundId,
  );

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date(`${TODAY}T08:00:00Z`) });
  for (const u of ['district', 'community', 'operator', 'grid1'])
    tokens[u] = await loginAs(server, u);
  const [o] = await server.db.query<typeof own>(
    `SELECT c.id, c.name, c.community_code AS "communityCode", m.name AS "communityName"
     FROM users u JOIN compounds c ON c.community_code = u.scope_communities[1]
     JOIN communities m ON m.code = c.community_code
     WHERE u.username = 'community' ORDER BY c.id LIMIT 1`,
  );
  own = o!;
  const [x] = await server.db.query<typeof other>(
    `SELECT id FROM compounds WHERE community_code <> $1 ORDER BY id LIMIT 1`,
    [own.communityCode],
  );
  other = x!;
});
afterAll(async () => {
  await server?.close();
});

describe('maintenance-fund accounts', () => {
  it('opens one top-up task when the balance falls below 30% of the first deposit, not again while it stays low', async () => {
    const opened = await call<FundAccount>('PUT', `/api/funds/${own.id}`, 'community', {
      firstDeposit: 500_000,
      balance: 200_000,
      arrearsHouseholds: 0,
      asOf: '2026-06-30',
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      balanceShare: 0.4,
      flags: [],
      breachSince: null,
      version: 1,
    });
    expect(await tasksOf(own.id)).toEqual([]);

    const low = await call<FundAccount>('PUT', `/api/funds/${own.id}`, 'community', {
      version: 1,
      firstDeposit: 500_000,
      balance: 149_999.99,
      arrearsHouseholds: 0,
      asOf: '2026-09-30',
    });
    expect(low.status).toBe(200);
    expect(low.body).toMatchObject({
      balanceShare: 0.3,
      flags: ['low_balance'],
      breachSince: '2026-09-30',
      version: 2,
    });
    const [task] = await tasksOf(own.id);
    expect(task).toEqual({
      id: task!.id,
      compoundId: own.id,
      compoundName: own.name,
      streetCode: task!.streetCode,
      communityCode: own.communityCode,
      breachSince: '2026-09-30',
      reasons: ['low_balance'],
      openedOn: TODAY,
      dueOn: '2027-02-02',
      status: 'open',
      closedOn: null,
      overdue: false,
      version: 1,
    });

    const lower = await call<FundAccount>('PUT', `/api/funds/${own.id}`, 'community', {
      version: 2,
      firstDeposit: 500_000,
      balance: 100_000,
      arrearsHouseholds: 4,
      asOf: '2026-11-30',
    });
    expect(lower.body.flags).toEqual(['low_balance', 'arrears']);
    expect(await tasksOf(own.id)).toHaveLength(1);

    // topped up: the breach ends; owners then fall into arrears: a new breach, a new task
    await call('PUT', `/api/funds/${own.id}`, 'community', {
      version: 3,
      firstDeposit: 500_000,
      balance: 300_000,
      arrearsHouseholds: 0,
      asOf: '2026-12-01',
    });
    const arrears = await call<FundAccount>('PUT', `/api/funds/${own.id}`, 'community', {
      version: 4,
      firstDeposit: 500_000,
      balance: 300_000,
      arrearsHouseholds: 2,
      asOf: '2026-12-03',
    });
    expect(arrears.body).toMatchObject({ flags: ['arrears'], breachSince: '2026-12-03' });
    expect((await tasksOf(own.id)).map((t) => [t.breachSince, t.reasons])).toEqual([
      ['2026-09-30', ['low_balance']],
      ['2026-12-03', ['arrears']],
    ]);
    const audit = await server.db.query<{ action: string; actor: string }>(
      'SELECT action, actor FROM fund_audit WHERE compound_id = $1 ORDER BY id',
      [own.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'edit', 'edit', 'edit', 'edit']);
    expect(new Set(audit.map((a) => a.actor))).toEqual(new Set(['community']));
  });

  it('moves a task open → in progress → done, never back; stale versions are 409', async () => {
    const [task] = await tasksOf(own.id);
    const started = await call<TopUpTask>(
      'POST',
      `/api/funds/tasks/${task!.id}/status`,
      'community',
      { version: 1, status: 'in_progress' },
    );
    expect(started.body).toMatchObject({ status: 'in_progress', version: 2, closedOn: null });
    const stale = await call('POST', `/api/funds/tasks/${task!.id}/status`, 'community', {
      version: 1,
      status: 'done',
    });
    expect(stale.status).toBe(409);
    const done = await call<TopUpTask>('POST', `/api/funds/tasks/${task!.id}/status`, 'community', {
      version: 2,
      status: 'done',
    });
    expect(done.body).toMatchObject({ status: 'done', closedOn: TODAY });
    const back = await call<{ error: { message: string } }>(
      'POST',
      `/api/funds/tasks/${task!.id}/status`,
      'community',
      { version: 3, status: 'in_progress' },
    );
    expect(back.status).toBe(409);
    expect(back.body.error.message).toBe('A done task cannot become in_progress');
  });

  it('refuses bad readings naming the field, stale versions, other areas and other roles', async () => {
    const bad = await call('PUT', `/api/funds/${own.id}`, 'community', {
      version: 5,
      firstDeposit: 0,
      balance: 1,
      arrearsHouseholds: 0,
      asOf: '2026-12-01',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      field: 'firstDeposit',
      message:
        'firstDeposit: expected the first deposit in yuan, 0.01–1000000000, at most 2 decimals',
    });
    const cents = await call('PUT', `/api/funds/${own.id}`, 'community', {
      version: 5,
      firstDeposit: 10,
      balance: 1.234,
      arrearsHouseholds: 0,
      asOf: '2026-12-01',
    });
    expect(cents.body.error!.field).toBe('balance');
    const future = await call('PUT', `/api/funds/${own.id}`, 'community', {
      version: 5,
      firstDeposit: 10,
      balance: 1,
      arrearsHouseholds: 0,
      asOf: '2026-12-05',
    });
    expect(future.body.error).toMatchObject({
      field: 'asOf',
      message: 'asOf: 2026-12-05 is in the future (today is 2026-12-04)',
    });
    const stale = await call('PUT', `/api/funds/${own.id}`, 'community', {
      version: 1,
      firstDeposit: 10,
      balance: 1,
      arrearsHouseholds: 0,
      asOf: '2026-12-01',
    });
    expect(stale.status).toBe(409);
    const outside = await call('PUT', `/api/funds/${other.id}`, 'community', {
      firstDeposit: 10,
      balance: 1,
      arrearsHouseholds: 0,
      asOf: '2026-12-01',
    });
    expect(outside.status).toBe(403);
    expect((await call('PUT', `/api/funds/${own.id}`, 'operator', {})).status).toBe(403);
    expect((await call('GET', '/api/funds', 'grid1')).status).toBe(403);
    const read = await call<FundAccount[]>('GET', '/api/funds', 'operator');
    expect(read.body.map((a) => a.compoundId)).toEqual([own.id]);
  });

  it('imports a fund ledger: a low balance opens its task; a bad row applies nothing', async () => {
    const csv = (rows: string[]) =>
      ['小区编号,社区,小区名称,首期归集金额(元),账户余额(元),欠缴户数,截至日期', ...rows].join(
        '\n',
      );
    const upload = async (text: string, query: string) => {
      const form = new FormData();
      form.append('file', new Blob([text]), 'funds.csv');
      const res = await fetch(`${server.url}/api/imports/funds${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.district}` },
        body: form,
      });
      return { status: res.status, body: (await res.json()) as ImportReport };
    };
    const bad = await upload(
      csv([
        `${other.id},,,800000,100000,0,2026-11-30`,
        `,,无名小区,1,1,0,2026-11-30`,
        `${other.id + 1},,,100,1,-1,2026-11-30`,
      ]),
      '',
    );
    expect(bad.status).toBe(422);
    expect(bad.body.issues.map((i) => [i.cell, i.field])).toEqual([
      ['B3', 'community'],
      ['F4', 'arrearsHouseholds'],
    ]);
    expect(await tasksOf(other.id)).toEqual([]);
    const dry = await upload(csv([`${other.id},,,800000,100000,0,2026-11-30`]), '?dryRun=1');
    expect(dry.body.counts).toMatchObject({ create: 1, error: 0 });
    expect(await tasksOf(other.id)).toEqual([]);
    const applied = await upload(csv([`${other.id},,,800000,100000,0,2026-11-30`]), '');
    expect(applied.status).toBe(201);
    expect((await tasksOf(other.id)).map((t) => [t.reasons, t.breachSince])).toEqual([
      [['low_balance'], '2026-11-30'],
    ]);
    const again = await upload(csv([`${other.id},,,800000,100000,0,2026-11-30`]), '');
    expect(again.body.counts).toMatchObject({ unchanged: 1 });
    expect(await tasksOf(other.id)).toHaveLength(1);
  });
});

describe('public-revenue publications', () => {
  it('flags a quarter missing until published, late when published after the due date; the report counts the same', async () => {
    const quarter = '2026-Q3';
    const list = await call<RevenuePublication[]>(
      'GET',
      `/api/funds/revenue?quarter=${quarter}`,
      'community',
    );
    const mine = list.body.find((r) => r.compoundId === own.id)!;
    expect(mine).toMatchObject({
      quarter,
      dueOn: '2026-10-31',
      status: 'missing',
      publishedOn: null,
      version: null,
    });
    expect(new Set(list.body.map((r) => r.communityCode))).toEqual(new Set([own.communityCode]));

    const late = await call<RevenuePublication>(
      'PUT',
      `/api/funds/revenue/${own.id}/${quarter}`,
      'community',
      {
        income: 18_000,
        expense: 4_250.5,
        publishedOn: '2026-11-03',
        place: '小区公告栏',
      },
    );
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({
      income: 18_000,
      expense: 4_250.5,
      status: 'late',
      version: 1,
    });
    const stale = await call('PUT', `/api/funds/revenue/${own.id}/${quarter}`, 'community', {
      income: 18_000,
      expense: 4_250.5,
      publishedOn: '2026-10-20',
      place: '小区公告栏',
    });
    expect(stale.status).toBe(409);
    const fixed = await call<RevenuePublication>(
      'PUT',
      `/api/funds/revenue/${own.id}/${quarter}`,
      'community',
      {
        version: 1,
        income: 18_000,
        expense: 4_250.5,
        publishedOn: '2026-10-20',
        place: '小区公告栏',
      },
    );
    expect(fixed.body).toMatchObject({ status: 'on_time', version: 2 });
    const bad = await call('PUT', `/api/funds/revenue/${own.id}/2026-Q5`, 'community', {});
    expect(bad.body.error).toMatchObject({
      field: 'quarter',
      message: 'quarter: expected a quarter YYYY-Qn (n 1–4)',
    });
    expect(
      (
        await call('PUT', `/api/funds/revenue/${other.id}/${quarter}`, 'community', {
          income: 1,
          expense: 1,
          publishedOn: '2026-10-20',
          place: '公告栏',
        })
      ).status,
    ).toBe(403);
    const audit = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM revenue_audit WHERE compound_id = $1',
      [own.id],
    );
    expect(audit[0]!.n).toBe(2);

    const [street] = await server.db.query<{ code: string }>(
      'SELECT street_code AS code FROM compounds WHERE id = $1',
      [own.id],
    );
    const all = await call<RevenuePublication[]>(
      'GET',
      `/api/funds/revenue?quarter=${quarter}`,
      'district',
    );
    const inStreet = all.body.filter((r) => r.streetCode === street!.code);
    const report = await call<PeriodReport>(
      'GET',
      `/api/reports/${street!.code}/${quarter}`,
      'district',
    );
    expect(report.body.publicRevenue).toEqual({
      owed: inStreet.length,
      onTime: inStreet.filter((r) => r.status === 'on_time').length,
      late: inStreet.filter((r) => r.status === 'late').length,
      missing: inStreet.filter((r) => r.status === 'missing').length,
    });
    expect(report.body.publicRevenue.onTime).toBe(1);
  });
});
