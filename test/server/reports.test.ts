import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageProgress } from '../../common/api.ts';
import type { PeriodReport, ReportSubmission } from '../../common/ledgers.ts';
import type { WallSummary } from '../../common/wall.ts';
import { lastQuarter } from '../../server/reports/report-rules.ts';
import { chinaDate } from '../../server/wall/wall-rules.ts';
import { loginAs, reportEvent, startTestServer, type TestServer } from '../helpers/test-server.ts';

// The quarterly report (五(三)) on the real server: its figures equal the wall's and the coverage
// API's for the same unit and day; the XLSX export (a sheet per section, numbers as numbers); due
// dates and each street's drafted / submitted / late state.

let server: TestServer;
const tokens: Record<string, string> = {};
let street: string;
let otherStreet: string;
const today = chinaDate(new Date());
const quarter = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;

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

beforeAll(async () => {
  server = await startTestServer();
  for (const u of ['district', 'operator', 'kaiyuan', 'community'])
    tokens[u] = await loginAs(server, u);
  const [s] = await server.db.query<{ s: string }>(
    "SELECT scope_streets[1] AS s FROM users WHERE username = 'kaiyuan'",
  );
  street = s!.s;
  const [o] = await server.db.query<{ code: string }>(
    'SELECT code FROM streets WHERE code <> $1 ORDER BY code LIMIT 1',
    [street],
  );
  otherStreet = o!.code;
  const compounds = await server.db.query<{ id: number }>(
    'SELECT id FROM compounds WHERE street_code = $1 ORDER BY id LIMIT 3',
    [street],
  );
  await reportEvent(server, {
    description: '楼道堆物',
    location: { compoundId: compounds[0]!.id },
  });
  await reportEvent(server, {
    description: '电梯停运',
    category: 'elevator_fault',
    location: { compoundId: compounds[1]!.id },
  });
  await reportEvent(server, {
    description: '路灯不亮',
    channel: 'libianmin',
    location: { compoundId: compounds[2]!.id },
  });
  const low = await call('PUT', `/api/funds/${compounds[0]!.id}`, 'kaiyuan', {
    firstDeposit: 100_000,
    balance: 20_000,
    arrearsHouseholds: 0,
    asOf: today,
  });
  expect(low.status).toBe(201);
});
afterAll(async () => {
  await server?.close();
});

describe('quarterly reports', () => {
  it("equals the wall's and the coverage API's figures for the same street and day", async () => {
    const report = await call<PeriodReport>('GET', `/api/reports/${street}/${quarter}`, 'district');
    expect(report.status).toBe(200);
    const wall = await call<WallSummary>(
      'GET',
      `/api/wall/summary?streetCode=${street}`,
      'operator',
    );
    const progress = await call<CoverageProgress>(
      'GET',
      `/api/coverage/progress?streetCode=${street}`,
      'district',
    );
    const r = report.body;
    expect(r.unit).toMatchObject({ code: street, kind: 'street' });
    expect({
      baselineUnmanaged: r.coverage.baselineUnmanaged,
      coveredSinceBaseline: r.coverage.coveredSinceBaseline,
      share: r.coverage.share,
      targets: r.coverage.targets,
    }).toEqual({
      baselineUnmanaged: progress.body.baselineUnmanaged,
      coveredSinceBaseline: progress.body.coveredSinceBaseline,
      share: progress.body.share,
      targets: progress.body.targets,
    });
    expect(r.coverage.compounds).toBe(wall.body.committees.compounds);
    const c = wall.body.committees;
    expect(r.committees).toEqual({
      compounds: c.compounds,
      formed: c.formed,
      elected: c.byStatus.elected,
      temporary: c.byStatus.temporary,
      preparing: c.byStatus.preparing,
      meetingPartyRule: c.meetingPartyRule,
    });
    // every event of the test was reported today, and there is no history
    expect(r.grievances.reported).toBe(wall.body.events.today.total);
    expect(r.grievances.reported).toBe(3);
    expect(Object.fromEntries(r.grievances.byGrade.map((g) => [g.key, g.count]))).toEqual(
      Object.fromEntries(Object.entries(wall.body.events.today.byGrade).filter(([, n]) => n > 0)),
    );
    expect(r.grievances.byChannel).toEqual([
      { key: 'hotline_12345', count: 2 },
      { key: 'libianmin', count: 1 },
    ]);
    expect(r.grievances.byCategory).toEqual([
      { key: 'other', count: 2 },
      { key: 'elevator_fault', count: 1 },
    ]);
    expect(r.grievances.resolvedLocally).toEqual({ count: 0, of: 0, share: 0 });
    expect(r.funds).toEqual({
      accounts: 1,
      lowBalance: 1,
      arrears: 0,
      tasksOpened: 1,
      tasksDone: 0,
      tasksOverdue: 0,
    });
  });

  it("gives the district's report over every street", async () => {
    const report = await call<PeriodReport>('GET', `/api/reports/district/${quarter}`, 'operator');
    const wall = await call<WallSummary>('GET', '/api/wall/summary', 'operator');
    expect(report.body.unit.kind).toBe('district');
    expect(report.body.committees.compounds).toBe(wall.body.committees.compounds);
    expect(report.body.committees.formed).toBe(wall.body.committees.formed);
    expect(report.body.grievances.reported).toBe(wall.body.events.today.total);
  });

  it('exports XLSX: a sheet per section, Chinese headers, numbers as numbers', async () => {
    const res = await fetch(`${server.url}/api/reports/${street}/${quarter}.xlsx`, {
      headers: { authorization: `Bearer ${tokens.kaiyuan}` },
    });
    expect(res.status).toBe(200);
    const report = (await call<PeriodReport>('GET', `/api/reports/${street}/${quarter}`, 'kaiyuan'))
      .body;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '概况',
      '物业覆盖',
      '业委会',
      '信息公开',
      '公共收益',
      '维修资金',
      '诉求办理',
      '按渠道',
      '按类别',
      '按等级',
      '按层级',
    ]);
    const committees = wb.getWorksheet('业委会')!;
    expect((committees.getRow(1).values as unknown[]).slice(1)).toEqual(['指标', '数值']);
    expect(committees.getCell('B2').value).toBe(report.committees.compounds);
    expect(committees.getCell('B3').value).toBe(report.committees.formed);
    const grievances = wb.getWorksheet('诉求办理')!;
    expect(grievances.getCell('B2').value).toBe(3);
    expect(typeof grievances.getCell('D4').value).toBe('number');
    expect(grievances.getCell('D4').numFmt).toBe('0.0%');
    const channels = wb.getWorksheet('按渠道')!;
    expect((channels.getRow(2).values as unknown[]).slice(1)).toEqual([
      'hotline_12345',
      '12345热线',
      2,
    ]);
    const categories = wb.getWorksheet('按类别')!;
    expect((categories.getRow(3).values as unknown[]).slice(1)).toEqual([
      'elevator_fault',
      '电梯故障',
      1,
    ]);
  });

  it("tracks each street's report: due the 10th, drafted, submitted, late", async () => {
    const period = lastQuarter(today);
    const list = await call<ReportSubmission[]>('GET', `/api/reports?period=${period}`, 'district');
    expect(list.body).toHaveLength(9);
    const mine = list.body.find((s) => s.streetCode === street)!;
    expect(mine).toMatchObject({ status: 'not_started', submittedAt: null, version: null });
    expect(mine.dueOn).toMatch(/^\d{4}-(01|04|07|10)-10$/);
    expect(mine.late).toBe(today > mine.dueOn);

    const drafted = await call<ReportSubmission>(
      'POST',
      `/api/reports/${street}/${period}/draft`,
      'kaiyuan',
      {},
    );
    expect(drafted.body).toMatchObject({ status: 'drafted', version: 1 });
    const stale = await call('POST', `/api/reports/${street}/${period}/submit`, 'kaiyuan', {});
    expect(stale.status).toBe(409);
    const submitted = await call<ReportSubmission>(
      'POST',
      `/api/reports/${street}/${period}/submit`,
      'kaiyuan',
      { version: 1 },
    );
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      submittedBy: 'kaiyuan',
      version: 2,
    });
    const again = await call('POST', `/api/reports/${street}/${period}/draft`, 'kaiyuan', {
      version: 2,
    });
    expect(again.status).toBe(409);
    const own = await call<ReportSubmission[]>('GET', `/api/reports?period=${period}`, 'kaiyuan');
    expect(own.body.map((s) => [s.streetCode, s.status])).toEqual([[street, 'submitted']]);
  });

  it('keeps reports to their readers and names bad input', async () => {
    expect((await call('GET', `/api/reports/${otherStreet}/${quarter}`, 'kaiyuan')).status).toBe(
      403,
    );
    expect((await call('GET', `/api/reports/district/${quarter}`, 'kaiyuan')).status).toBe(403);
    expect((await call('GET', '/api/reports', 'community')).status).toBe(403);
    expect(
      (await call('POST', `/api/reports/${otherStreet}/${quarter}/draft`, 'kaiyuan', {})).status,
    ).toBe(403);
    expect(
      (await call('POST', `/api/reports/${street}/${quarter}/draft`, 'operator', {})).status,
    ).toBe(403);
    const bad = await call('GET', `/api/reports/${street}/2026-Q5`, 'district');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ field: 'file' });
    const badList = await call('GET', '/api/reports?period=2026-13', 'district');
    expect(badList.body.error).toMatchObject({
      field: 'period',
      message: 'period: expected a quarter YYYY-Qn (n 1–4) or a year YYYY',
    });
  });
});
