import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitteeFile, CommitteeList, DueDuty } from '../../common/committees.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/test-server.ts';

// The street's and community's supervision of a sitting committee on a real PostGIS (三(三)):
// major-matter meetings flagged with the plan's words when not reported beforehand or held without
// the attendance their matter needs, 业账社管 checks, violations, orders to correct that turn into
// late duties past their deadline until closed; scope, stale versions and bad input.

const TODAY = '2026-12-04';
const REPORT_WORDS =
  '会前应当将会议事项向所辖街道党工委、社区“两委”、小区党支部报告，征求街道党工委、社区“两委”、小区党支部意见';
const ATTEND_WORDS =
  '涉及选聘、解聘、续聘物业服务人、公共收益管理等重大事项的业主委员会会议，所辖街道办事处、社区居委会的代表应当列席';

let server: TestServer;
const tokens: Record<string, string> = {};
let id: number; // a compound of the community admin's with an approved committee
let unformed: number; // one without a committee
let outside: number; // a compound in another street

type Reply<T> = {
  status: number;
  body: T & { error?: { code: string; message: string; field?: string } };
};

async function call<T>(method: string, path: string, body?: unknown, as = 'community') {
  const res = await fetch(server.url + path, {
    method,
    headers: {
      authorization: `Bearer ${tokens[as]}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Reply<T>['body'] } as Reply<T>;
}

const file = async (compound = id) =>
  (await call<CommitteeFile>('GET', `/api/committees/${compound}`)).body;
const post = (path: string, body: object, compound = id, as = 'community') =>
  call<CommitteeFile>('POST', `/api/committees/${compound}/${path}`, body, as);
const records = async () =>
  Number(
    (await server.db.query<{ n: string }>('SELECT count(*) AS n FROM committee_records'))[0]!.n,
  );

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date(`${TODAY}T08:00:00Z`) });
  for (const u of ['community', 'operator']) tokens[u] = await loginAs(server, u);
  const rows = await server.db.query<{ id: number }>(
    `SELECT c.id FROM compounds c LEFT JOIN owners_committees oc ON oc.compound_id = c.id
     WHERE c.community_code = (SELECT scope_communities[1] FROM users WHERE username = 'community')
       AND oc.compound_id IS NULL ORDER BY c.id LIMIT 2`,
  );
  [id, unformed] = rows.map((r) => r.id) as [number, number];
  const [other] = await server.db.query<{ id: number }>(
    `SELECT c.id FROM compounds c JOIN streets s ON s.code = c.street_code
     WHERE s.name <> '开元街道' ORDER BY c.id LIMIT 1`,
  );
  outside = other!.id;
  // an approved committee elected 2026-06-01: it owes 2026-Q2 and 2026-Q3 disclosures (missing)
  await post('prepare', { version: 0, formedOn: '2026-05-01' });
  await post('elect', {
    version: 2,
    electedOn: '2026-06-01',
    termStart: '2026-06-01',
    termEnd: '2031-05-31',
    members: Array.from({ length: 7 }, (_, i) => ({
      name: `委员${i + 1}`,
      role: i === 0 ? 'chair' : 'member',
      owner: true,
      partyMember: i < 4,
      organisation: null,
    })),
  });
  const approved = await post('approve', { version: 3, approvedOn: '2026-06-10' });
  expect(approved.body).toMatchObject({ state: 'elected', version: 4, lateDuties: 2 });
});

afterAll(async () => {
  await server?.close();
});

describe('major-matter meetings (重大事项)', () => {
  it('records a meeting reported after the fact and flags it with the plan’s words', async () => {
    const reply = await post('meetings', {
      version: 4,
      kind: 'renovation',
      meetingOn: '2026-11-20',
      reportedOn: '2026-11-21',
      attendance: { streetOffice: false, residentsCommittee: false },
      decision: '改造小区东门停车场',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.version).toBe(5);
    expect(reply.body.meetings).toEqual([
      {
        id: expect.any(Number),
        kind: 'renovation',
        meetingOn: '2026-11-20',
        reportedOn: '2026-11-21',
        attendance: { streetOffice: false, residentsCommittee: false },
        decision: '改造小区东门停车场',
        checks: [
          {
            rule: 'meeting_reported',
            section: '三(三)',
            words: REPORT_WORDS,
            outcome: 'breach',
            detail: 'reported 2026-11-21, not before the meeting of 2026-11-20',
            figures: { reportedOn: '2026-11-21', meetingOn: '2026-11-20', before: false },
          },
          {
            rule: 'meeting_attendance',
            section: '三(三)',
            words: ATTEND_WORDS,
            outcome: 'not_applicable',
            detail: "the street office and the residents' committee did not attend",
            figures: { streetOffice: false, residentsCommittee: false },
          },
        ],
      },
    ]);
    expect(reply.body.history.at(-1)).toMatchObject({
      action: 'meeting',
      actor: 'community',
      stateBefore: 'elected',
      stateAfter: 'elected',
    });
  });

  it('flags a provider-hiring meeting without the residents’ committee', async () => {
    const reply = await post('meetings', {
      version: 5,
      kind: 'provider_hiring',
      meetingOn: '2026-11-28',
      reportedOn: '2026-11-25',
      attendance: { streetOffice: true, residentsCommittee: false },
      decision: '选聘新的物业服务人',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.meetings.map((m) => m.kind)).toEqual(['provider_hiring', 'renovation']);
    expect(reply.body.meetings[0]!.checks.map((c) => [c.rule, c.outcome, c.detail])).toEqual([
      ['meeting_reported', 'meets', 'reported 2026-11-25, before the meeting of 2026-11-28'],
      ['meeting_attendance', 'breach', "the residents' committee did not attend"],
    ]);
  });
});

describe('业账社管 checks and violations', () => {
  it('records a check of the accounts and a suspended member', async () => {
    const check = await post('account-checks', {
      version: 6,
      checkedOn: '2026-11-30',
      findings: '公共收益支出缺少两张发票',
      compliant: false,
    });
    expect(check.status).toBe(201);
    expect(check.body.accountChecks).toEqual([
      {
        id: expect.any(Number),
        checkedOn: '2026-11-30',
        findings: '公共收益支出缺少两张发票',
        compliant: false,
      },
    ]);
    const violation = await post('violations', {
      version: 7,
      memberName: '委员3',
      description: '利用职务之便牟取不正当利益',
      suspended: true,
      reportedOn: '2026-12-01',
    });
    expect(violation.status).toBe(201);
    expect(violation.body.violations).toEqual([
      {
        id: expect.any(Number),
        memberName: '委员3',
        description: '利用职务之便牟取不正当利益',
        suspended: true,
        reportedOn: '2026-12-01',
      },
    ]);
    expect(violation.body).toMatchObject({ version: 8, lateDuties: 2 });
    expect(violation.body.history.slice(-2).map((h) => h.action)).toEqual([
      'account_check',
      'violation',
    ]);
  });
});

describe('orders to correct (责令限期改正)', () => {
  let overdue: number;

  it('counts an order past its deadline as late, in the file, the list and the due list', async () => {
    const late = await post('orders', {
      version: 8,
      orderedOn: '2026-11-01',
      deadline: '2026-11-30',
      subject: '撤回违规续聘决定',
    });
    expect(late.status).toBe(201);
    overdue = late.body.orders[0]!.id;
    const open = await post('orders', {
      version: 9,
      orderedOn: '2026-12-01',
      deadline: '2026-12-20',
      subject: '补开业主委员会会议',
    });
    expect(open.body.orders).toEqual([
      {
        id: expect.any(Number),
        orderedOn: '2026-12-01',
        deadline: '2026-12-20',
        subject: '补开业主委员会会议',
        outcome: null,
        closedOn: null,
        status: 'open',
      },
      {
        id: overdue,
        orderedOn: '2026-11-01',
        deadline: '2026-11-30',
        subject: '撤回违规续聘决定',
        outcome: null,
        closedOn: null,
        status: 'overdue',
      },
    ]);
    expect(open.body.duties.filter((d) => d.kind === 'order')).toEqual([
      {
        kind: 'order',
        period: '撤回违规续聘决定',
        dueOn: '2026-11-30',
        doneOn: null,
        status: 'missing',
        details: { orderId: overdue },
      },
      {
        kind: 'order',
        period: '补开业主委员会会议',
        dueOn: '2026-12-20',
        doneOn: null,
        status: 'due',
        details: { orderId: open.body.orders[0]!.id },
      },
    ]);
    expect(open.body.lateDuties).toBe(3);
    const list = await call<CommitteeList>('GET', '/api/committees');
    expect(list.body.committees.find((c) => c.compoundId === id)!.lateDuties).toBe(3);
    const due = await call<DueDuty[]>('GET', '/api/committees/due');
    expect(
      due.body.filter((d) => d.compoundId === id).map((d) => `${d.kind}:${d.period}:${d.status}`),
    ).toEqual([
      'disclosure:2026-Q2:missing',
      'disclosure:2026-Q3:missing',
      'order:撤回违规续聘决定:missing',
      'order:补开业主委员会会议:due',
    ]);
  });

  it('clears it when closed with an outcome; a second close is a conflict', async () => {
    const closed = await post(`orders/${overdue}/close`, {
      version: 10,
      outcome: 'revoked',
      closedOn: '2026-12-03',
    });
    expect(closed.status).toBe(200);
    expect(closed.body.orders.find((o) => o.id === overdue)).toMatchObject({
      outcome: 'revoked',
      closedOn: '2026-12-03',
      status: 'revoked',
    });
    expect(closed.body).toMatchObject({ version: 11, lateDuties: 2 });
    expect(closed.body.duties.filter((d) => d.kind === 'order').map((d) => d.status)).toEqual([
      'due',
    ]);
    expect(closed.body.history.at(-1)).toMatchObject({
      action: 'order_closed',
      note: `#${overdue} revoked 2026-12-03`,
    });
    const due = await call<DueDuty[]>('GET', '/api/committees/due');
    expect(due.body.some((d) => d.period === '撤回违规续聘决定')).toBe(false);
    const again = await post(`orders/${overdue}/close`, {
      version: 11,
      outcome: 'corrected',
      closedOn: '2026-12-04',
    });
    expect(again.status).toBe(409);
    expect(again.body.error!.message).toBe(`Order ${overdue} is already closed`);
    expect(
      (
        await post('orders/999999/close', {
          version: 11,
          outcome: 'corrected',
          closedOn: '2026-12-04',
        })
      ).status,
    ).toBe(404);
  });
});

describe('refusals', () => {
  const meeting = (version: number) => ({
    version,
    kind: 'public_revenue',
    meetingOn: '2026-12-02',
    reportedOn: '2026-12-01',
    attendance: { streetOffice: true, residentsCommittee: true },
    decision: '公共收益用于维修电梯',
  });

  it('answers a stale version with 409 and writes nothing', async () => {
    const before = await records();
    const stale = await post('meetings', meeting(4));
    expect(stale.status).toBe(409);
    expect(stale.body.error!.message).toBe(
      'Stale version 4: the committee is at version 11; reload and retry',
    );
    expect(await records()).toBe(before);
    expect((await file()).version).toBe(11);
  });

  it('refuses outside the area (403), readers (403) and committees not sitting (409)', async () => {
    const out = await post(
      'orders',
      { version: 0, orderedOn: '2026-12-01', deadline: '2026-12-31', subject: 'x' },
      outside,
    );
    expect(out.status).toBe(403);
    expect(out.body.error!.message).toBe(`Compound ${outside} is outside your area`);
    expect((await post('meetings', meeting(11), id, 'operator')).status).toBe(403);
    const none = await post('meetings', meeting(0), unformed);
    expect(none.status).toBe(409);
    expect(none.body.error!.message).toBe(
      'A committee in state none has no supervision records; only elected and temporary committees do',
    );
  });

  it.each([
    ['an unknown matter', 'meetings', { ...meeting(11), kind: 'party' }, 'kind'],
    [
      'a meeting in the future',
      'meetings',
      { ...meeting(11), meetingOn: '2026-12-05' },
      'meetingOn',
    ],
    ['no attendance', 'meetings', { ...meeting(11), attendance: undefined }, 'attendance'],
    [
      'an empty finding',
      'account-checks',
      { version: 11, checkedOn: '2026-12-01', findings: ' ', compliant: true },
      'findings',
    ],
    [
      'a violation without suspension',
      'violations',
      { version: 11, memberName: '委员3', description: 'x', reportedOn: '2026-12-01' },
      'suspended',
    ],
    [
      'a deadline before the order',
      'orders',
      { version: 11, orderedOn: '2026-12-01', deadline: '2026-11-30', subject: 'x' },
      'deadline',
    ],
    [
      'an unknown outcome',
      'orders/1/close',
      { version: 11, outcome: 'ignored', closedOn: '2026-12-01' },
      'outcome',
    ],
  ])('answers 400 naming the field for %s', async (_what, path, body, field) => {
    const before = await records();
    const reply = await post(path, body);
    expect(reply.status).toBe(400);
    expect(reply.body.error!.field).toBe(field);
    expect(await records()).toBe(before);
  });
});
