import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CommitteeFile,
  CommitteeList,
  CommitteeMember,
  DueDuty,
  RuleCheck,
} from '../../common/committees.ts';
import { readGeodata } from '../../server/geodata-loader.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/test-server.ts';

// Owners' committees on a real PostGIS, as a community admin works them: an election recorded with
// its members, approval refused with the plan's rule named, a temporary committee, a late
// disclosure flagged; every rule, scope and bad input with exact answers; nothing half-written.

const TODAY = '2026-12-04'; // the server's clock (Asia/Shanghai)
let server: TestServer;
const tokens: Record<string, string> = {};
let community: string; // the community admin's community
let free: number[]; // compounds there without a committee record
let outside: number; // a compound in another street

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

function members(n: number, party: number, owners = n, organisation?: string): CommitteeMember[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `委员${i + 1}`,
    role: i === 0 ? 'chair' : i === 1 ? 'vice_chair' : 'member',
    owner: i < owners,
    partyMember: i < party,
    organisation: (organisation ?? null) as CommitteeMember['organisation'],
  }));
}

const file = (id: number, as = 'community') =>
  call<CommitteeFile>('GET', `/api/committees/${id}`, as);
const act = (id: number, action: string, body: object, as = 'community') =>
  call<CommitteeFile>('POST', `/api/committees/${id}/${action}`, as, body);

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date(`${TODAY}T08:00:00Z`) });
  for (const u of ['community', 'kaiyuan', 'operator', 'grid1', 'planner', 'district']) {
    tokens[u] = await loginAs(server, u);
  }
  const [user] = await server.db.query<{ c: string }>(
    "SELECT scope_communities[1] AS c FROM users WHERE username = 'community'",
  );
  community = user!.c;
  const rows = await server.db.query<{ id: number }>(
    `SELECT c.id FROM compounds c LEFT JOIN owners_committees oc ON oc.compound_id = c.id
     WHERE c.community_code = $1 AND oc.compound_id IS NULL ORDER BY c.id`,
    [community],
  );
  free = rows.map((r) => r.id);
  const [other] = await server.db.query<{ id: number }>(
    `SELECT c.id FROM compounds c JOIN streets s ON s.code = c.street_code
     WHERE s.name <> '开元街道' ORDER BY c.id LIMIT 1`,
  );
  outside = other!.id;
});
afterAll(async () => {
  await server?.close();
});

describe('the seeded committees', () => {
  it('are judged as the plan reads them: old committees short of party members raise gradually', async () => {
    const seed = readGeodata('geodata');
    const verdict = (c: (typeof seed.ownersCommittees)[number]) => {
      if (c.status === 'temporary') {
        const ok = c.members >= 5 && c.members % 2 === 1 && c.ownerMembers * 2 >= c.members;
        return ok ? 'meets' : 'breach';
      }
      if (c.status !== 'elected') return 'not_formed';
      if (c.partyMembers >= 3 || c.partyMembers * 2 >= c.members) return 'meets';
      return c.termStart! < '2024-03-18' ? 'to_raise' : 'breach';
    };
    const expected = { meets: 0, to_raise: 0, breach: 0, not_formed: 0 };
    for (const c of seed.ownersCommittees) expected[verdict(c)] += 1;
    expected.not_formed += seed.compounds.features.length - seed.ownersCommittees.length;
    const all = await call<CommitteeList>('GET', '/api/committees', 'district');
    expect(all.body.totals).toEqual(expected);
    expect(expected.to_raise).toBeGreaterThan(0);
    expect(expected.breach).toBeGreaterThan(0);
  });
});

describe('the lifecycle a community admin records', () => {
  it('has free compounds to work with', () => {
    expect(free.length).toBeGreaterThanOrEqual(3);
  });

  it('records the preparatory group, an election, and is refused approval naming the rule', async () => {
    const id = free[0]!;
    const before = await file(id);
    expect(before.body).toMatchObject({ state: 'none', version: 0, compliance: 'not_formed' });

    const prepared = await act(id, 'prepare', { version: 0, formedOn: '2026-09-01' });
    expect(prepared.status).toBe(200);
    expect(prepared.body).toMatchObject({ state: 'preparing', version: 2, members: [] });

    const elected = await act(id, 'elect', {
      version: 2,
      electedOn: '2026-11-20',
      termStart: '2026-12-01',
      termEnd: '2031-11-30',
      members: members(7, 2),
    });
    expect(elected.status).toBe(200);
    expect(elected.body).toMatchObject({
      state: 'awaiting_approval',
      version: 3,
      counts: { members: 7, ownerMembers: 7, partyMembers: 2 },
      compliance: 'breach',
      electedOn: '2026-11-20',
      termStart: '2026-12-01',
      termEnd: '2031-11-30',
    });
    expect(elected.body.members).toEqual(members(7, 2));
    expect(elected.body.checks.map((k: RuleCheck) => `${k.rule}:${k.outcome}`)).toEqual([
      'party_share:breach',
      'party_group:not_applicable',
    ]);

    const refused = await act(id, 'approve', { version: 3, approvedOn: '2026-12-03' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toEqual({
      code: 'rule_violation',
      field: 'members',
      message:
        'Approval refused: 三(三) 「新组建或新换届业委会成员中党员比例一般不低于50%或不少于3人，未达到的原则上不予审批；对已成立的业主委员会要逐步提高党员比例」: 2 of 7 members are party members (29%); needs at least 50% or at least 3',
      // the same refusal as values, for the client to word in its locale
      checks: [
        {
          rule: 'party_share',
          section: '三(三)',
          words:
            '新组建或新换届业委会成员中党员比例一般不低于50%或不少于3人，未达到的原则上不予审批；对已成立的业主委员会要逐步提高党员比例',
          figures: {
            members: 7,
            partyMembers: 2,
            share: 29,
            electedOn: '2026-11-20',
            beforePlan: false,
          },
        },
      ],
    });
    // nothing written: same state, version and history
    const after = await file(id);
    expect(after.body).toMatchObject({ state: 'awaiting_approval', version: 3, approvedOn: null });
    expect(after.body.history.map((h) => `${h.action}:${h.stateBefore}→${h.stateAfter}`)).toEqual([
      'prepare:none→preparing',
      'elect:preparing→awaiting_approval',
    ]);
    expect(after.body.history.every((h) => h.actor === 'community')).toBe(true);
  });

  it('approves a corrected election with 4 of 7 party members, then records its party group', async () => {
    const id = free[0]!;
    const reelected = await act(id, 'elect', {
      version: 3,
      electedOn: '2026-11-28',
      termStart: '2026-12-01',
      termEnd: '2031-11-30',
      members: members(7, 4),
    });
    expect(reelected.status).toBe(200);
    const approved = await act(id, 'approve', { version: 4, approvedOn: '2026-12-03' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'elected',
      version: 5,
      compliance: 'meets',
      approvedOn: '2026-12-03',
      termAlert: 'ok',
      partyGroup: false,
    });
    expect(approved.body.checks.map((k: RuleCheck) => `${k.rule}:${k.outcome}`)).toEqual([
      'party_share:meets',
      'party_group:warning',
      'term:meets',
    ]);
    const group = await act(id, 'party-group', { version: 5, formedOn: '2026-12-04' });
    expect(group.status).toBe(200);
    expect(group.body).toMatchObject({ partyGroup: true, version: 6 });
  });

  it('answers a stale version with 409 and an action out of turn with 409', async () => {
    const id = free[0]!;
    const stale = await act(id, 'end-term', { version: 5, endedOn: '2026-12-04' });
    expect(stale.status).toBe(409);
    expect(stale.body.error!.message).toBe(
      'Stale version 5: the committee is at version 6; reload and retry',
    );
    const outOfTurn = await act(id, 'approve', { version: 6, approvedOn: '2026-12-04' });
    expect(outOfTurn.status).toBe(409);
    expect(outOfTurn.body.error!.message).toBe(
      'A committee in state elected cannot approve; allowed from awaiting_approval',
    );
  });

  it('refuses a temporary committee of 6 and records one of 5 with 3 owners', async () => {
    const id = free[1]!;
    const six = await act(id, 'temporary', {
      version: 0,
      formedOn: '2026-05-06',
      termEnd: '2027-05-05',
      members: members(6, 1, 4, 'owner_representative'),
    });
    expect(six.status).toBe(422);
    expect(six.body.error!.message).toBe(
      'Temporary committee refused: 三(一) 「临时物业管理委员会人数应当为5人以上单数」: 6 members; needs an odd number',
    );
    const crew: CommitteeMember[] = [
      {
        name: '街道代表',
        role: 'chair',
        owner: false,
        partyMember: true,
        organisation: 'street_office',
      },
      {
        name: '居委会代表',
        role: 'member',
        owner: false,
        partyMember: true,
        organisation: 'residents_committee',
      },
      ...members(3, 0, 3, 'owner_representative').map((m) => ({ ...m, role: 'member' as const })),
    ];
    const five = await act(id, 'temporary', {
      version: 0,
      formedOn: '2026-05-06',
      termEnd: '2027-05-05',
      members: crew,
    });
    expect(five.status).toBe(200);
    expect(five.body).toMatchObject({
      state: 'temporary',
      compliance: 'meets',
      counts: { members: 5, ownerMembers: 3, partyMembers: 2 },
    });
    expect(five.body.checks.map((k: RuleCheck) => `${k.rule}:${k.outcome}`)).toEqual([
      'temporary_size:meets',
      'temporary_odd:meets',
      'temporary_owner_share:meets',
      'party_group:not_applicable',
      'term:meets',
    ]);
  });

  it('flags a disclosure published late and a missing one, on the file and the due list', async () => {
    const id = free[1]!;
    const { body: current } = await file(id);
    // formed 2026-05-06: owes 2026-Q2 (due 07-31) and 2026-Q3 (due 10-31); no evaluation for 2025
    const late = await call<CommitteeFile>(
      'POST',
      `/api/committees/${id}/disclosures`,
      'community',
      {
        version: current.version,
        quarter: '2026-Q3',
        publishedOn: '2026-11-15',
        workFunds: true,
        commonRevenue: true,
      },
    );
    expect(late.status).toBe(201);
    expect(late.body.duties).toEqual([
      {
        kind: 'disclosure',
        period: '2026-Q3',
        dueOn: '2026-10-31',
        doneOn: '2026-11-15',
        status: 'late',
        details: { workFunds: true, commonRevenue: true },
      },
      {
        kind: 'disclosure',
        period: '2026-Q2',
        dueOn: '2026-07-31',
        doneOn: null,
        status: 'missing',
        details: null,
      },
    ]);
    expect(late.body.lateDuties).toBe(2);
    const again = await call('POST', `/api/committees/${id}/disclosures`, 'community', {
      version: late.body.version,
      quarter: '2026-Q3',
      publishedOn: '2026-11-16',
      workFunds: true,
      commonRevenue: true,
    });
    expect(again.status).toBe(409);
    const due = await call<DueDuty[]>('GET', '/api/committees/due', 'community');
    expect(due.status).toBe(200);
    expect(
      due.body.filter((d) => d.compoundId === id).map((d) => `${d.period}:${d.status}`),
    ).toEqual(['2026-Q2:missing', '2026-Q3:late']);
  });
});

describe('who may do what', () => {
  it('refuses a community admin outside the community (403) and unknown compounds (404)', async () => {
    const out = await act(outside, 'prepare', { version: 0, formedOn: '2026-09-01' });
    expect(out.status).toBe(403);
    expect(out.body.error!.message).toBe(`Compound ${outside} is outside your area`);
    expect((await file(outside)).status).toBe(403);
    expect((await file(999999)).status).toBe(404);
  });

  it('lets operators and grid managers read but not change; planners neither', async () => {
    expect((await file(free[0]!, 'operator')).status).toBe(200);
    const write = await act(
      free[2]!,
      'prepare',
      { version: 0, formedOn: '2026-09-01' },
      'operator',
    );
    expect(write.status).toBe(403);
    expect(
      (await act(free[2]!, 'prepare', { version: 0, formedOn: '2026-09-01' }, 'grid1')).status,
    ).toBe(403);
    expect((await call('GET', '/api/committees', 'planner')).status).toBe(403);
  });

  it("lists only the caller's area, with totals that count what it lists", async () => {
    const mine = await call<CommitteeList>('GET', '/api/committees', 'community');
    const [{ n }] = (await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM compounds WHERE community_code = $1',
      [community],
    )) as [{ n: number }];
    expect(mine.body.committees).toHaveLength(n);
    expect(new Set(mine.body.committees.map((c) => c.communityCode))).toEqual(new Set([community]));
    const all = await call<CommitteeList>('GET', '/api/committees', 'district');
    const [{ total }] = (await server.db.query<{ total: number }>(
      'SELECT count(*)::int AS total FROM compounds',
    )) as [{ total: number }];
    expect(all.body.committees).toHaveLength(total);
    const counted = Object.values(all.body.totals).reduce((a, b) => a + b, 0);
    expect(counted).toBe(total);
    // the server's verdicts as stored, compound by compound
    const stored = await server.db.query<{ id: number; compliance: string }>(
      `SELECT c.id, coalesce(oc.compliance, 'not_formed') AS compliance
       FROM compounds c LEFT JOIN owners_committees oc ON oc.compound_id = c.id ORDER BY c.id`,
    );
    const listed = new Map(all.body.committees.map((c) => [c.compoundId, c.compliance]));
    expect(stored.filter((r) => listed.get(r.id) !== r.compliance)).toEqual([]);
    const breaches = await call<CommitteeList>(
      'GET',
      '/api/committees?compliance=breach',
      'district',
    );
    expect(breaches.body.committees).toHaveLength(all.body.totals.breach);
  });
});

describe('bad input', () => {
  const id = () => free[2]!;
  it.each([
    ['an unknown field', { version: 0, formedOn: '2026-09-01', extra: 1 }, 'prepare', 'extra'],
    ['a malformed date', { version: 0, formedOn: '2026-13-01' }, 'prepare', 'formedOn'],
    ['a date in the future', { version: 0, formedOn: '2026-12-05' }, 'prepare', 'formedOn'],
    ['no version', { formedOn: '2026-09-01' }, 'prepare', 'version'],
    [
      'two chairs',
      {
        version: 0,
        electedOn: '2026-11-01',
        termStart: '2026-11-01',
        termEnd: '2031-10-31',
        members: members(5, 3).map((m) => ({ ...m, role: 'chair' })),
      },
      'elect',
      'members',
    ],
    [
      'a term over five years',
      {
        version: 0,
        electedOn: '2026-11-01',
        termStart: '2026-11-01',
        termEnd: '2031-11-02',
        members: members(5, 3),
      },
      'elect',
      'termEnd',
    ],
    [
      'a temporary member without an organisation',
      { version: 0, formedOn: '2026-11-01', termEnd: '2027-10-31', members: members(5, 1, 3) },
      'temporary',
      'members.0.organisation',
    ],
  ])('answers 400 naming the field for %s', async (_what, body, action, field) => {
    const reply = await act(id(), action, body);
    expect(reply.status).toBe(400);
    expect(reply.body.error!.field).toBe(field);
  });

  it('writes nothing on a refused change', async () => {
    const { body } = await file(id());
    expect(body).toMatchObject({ state: 'none', version: 0, history: [] });
  });
});

describe('live rule checks for forms', () => {
  it('answers the checks a membership would get', async () => {
    const reply = await call<RuleCheck[]>('POST', '/api/committees/check', 'community', {
      kind: 'temporary',
      members: members(4, 0, 2, 'developer'),
    });
    expect(reply.status).toBe(200);
    expect(reply.body.map((k) => `${k.rule}:${k.outcome}:${k.detail}`)).toEqual([
      'temporary_size:breach:4 members; needs at least 5',
      'temporary_odd:breach:4 members; needs an odd number',
      'temporary_owner_share:meets:2 of 4 members are owners; needs at least half',
    ]);
  });
});
