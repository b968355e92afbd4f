import { describe, expect, it } from 'vitest';
import type { CommitteeMember } from '../../common/committees.ts';
import {
  checkCommittee,
  checkPartyShare,
  checkTemporary,
  complianceOf,
  DEFAULT_COMMITTEE_OPTIONS,
  disclosureDueOn,
  dutyStatus,
  evaluationDueOn,
  owedDuties,
  quarterOf,
  termAlert,
} from '../../server/committees/committee-rules.ts';
import {
  applyCommitteeAction,
  type CommitteeRecord,
} from '../../server/committees/committee-workflow.ts';

const counts = (members: number, partyMembers: number, ownerMembers = members) => ({
  members,
  ownerMembers,
  partyMembers,
});

function members(n: number, party: number, owners = n): CommitteeMember[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `委员${i + 1}`,
    role: i === 0 ? 'chair' : 'member',
    owner: i < owners,
    partyMember: i < party,
    organisation: null,
  }));
}

describe('the party-member rule (三(三))', () => {
  it.each([
    // members, party members, elected on, outcome
    [7, 3, '2025-01-01', 'meets'], // at least 3
    [5, 2, '2025-01-01', 'breach'], // 40%, fewer than 3
    [4, 2, '2025-01-01', 'meets'], // exactly half
    [2, 1, '2025-01-01', 'meets'], // half of two
    [9, 2, '2025-01-01', 'breach'],
    [9, 2, '2024-03-17', 'to_raise'], // elected the day before the plan: raise gradually
    [9, 2, '2024-03-18', 'breach'], // on the plan's day: the rule applies
    [0, 0, '2025-01-01', 'breach'],
  ] as const)('%i members, %i party members, elected %s: %s', (n, party, on, outcome) => {
    expect(checkPartyShare(counts(n, party), on).outcome).toBe(outcome);
  });

  it("quotes the plan's words, section and the figures", () => {
    expect(checkPartyShare(counts(7, 2), '2025-05-01')).toEqual({
      rule: 'party_share',
      section: '三(三)',
      words:
        '新组建或新换届业委会成员中党员比例一般不低于50%或不少于3人，未达到的原则上不予审批；对已成立的业主委员会要逐步提高党员比例',
      outcome: 'breach',
      detail: '2 of 7 members are party members (29%); needs at least 50% or at least 3',
      figures: {
        members: 7,
        partyMembers: 2,
        share: 29,
        beforePlan: false,
        electedOn: '2025-05-01',
      },
    });
  });
});

describe('the temporary committee rules (三(一))', () => {
  const outcomes = (n: number, owners: number) =>
    checkTemporary(counts(n, 0, owners)).map((k) => `${k.rule}:${k.outcome}`);

  it('accepts 5 members with 3 owners', () => {
    expect(outcomes(5, 3)).toEqual([
      'temporary_size:meets',
      'temporary_odd:meets',
      'temporary_owner_share:meets',
    ]);
  });
  it('refuses 4 members (too few, even) and 7 with 3 owners (under half)', () => {
    expect(outcomes(4, 4)).toEqual([
      'temporary_size:breach',
      'temporary_odd:breach',
      'temporary_owner_share:meets',
    ]);
    expect(outcomes(7, 3)).toEqual([
      'temporary_size:meets',
      'temporary_odd:meets',
      'temporary_owner_share:breach',
    ]);
  });
});

describe('compliance', () => {
  it('does not call a committee that does not exist yet a breach', () => {
    for (const state of ['none', 'preparing', 'term_ended'] as const) {
      expect(complianceOf({ state, counts: counts(0, 0), electedOn: null })).toBe('not_formed');
    }
  });
  it('does not apply the party rule to a temporary committee', () => {
    expect(
      complianceOf({ state: 'temporary', counts: counts(5, 0, 3), electedOn: '2025-01-01' }),
    ).toBe('meets');
  });
  it('tells an old committee short of party members from a new one', () => {
    const c = { state: 'elected', counts: counts(9, 1) } as const;
    expect(complianceOf({ ...c, electedOn: '2021-06-01' })).toBe('to_raise');
    expect(complianceOf({ ...c, electedOn: '2025-06-01' })).toBe('breach');
  });
});

describe('terms and duties', () => {
  it('warns 90 days before a term ends and is overdue after', () => {
    expect(termAlert('2027-03-04', '2026-12-04')).toBe('expiring'); // 90 days
    expect(termAlert('2027-03-05', '2026-12-04')).toBe('ok'); // 91 days
    expect(termAlert('2026-12-04', '2026-12-04')).toBe('expiring');
    expect(termAlert('2026-12-03', '2026-12-04')).toBe('overdue');
    expect(termAlert(null, '2026-12-04')).toBeNull();
  });

  it('dates the deadlines: the first month of the next quarter; March of the next year', () => {
    expect(disclosureDueOn('2026-Q3')).toBe('2026-10-31');
    expect(disclosureDueOn('2026-Q4')).toBe('2027-01-31');
    expect(
      disclosureDueOn('2026-Q1', { ...DEFAULT_COMMITTEE_OPTIONS, disclosureDueMonths: 2 }),
    ).toBe('2026-05-31');
    expect(evaluationDueOn(2025)).toBe('2026-03-31');
    expect(quarterOf('2026-12-04')).toBe('2026-Q4');
    expect(quarterOf('2026-01-01')).toBe('2026-Q1');
  });

  it('grades a duty on time, late, missing or due', () => {
    expect(dutyStatus('2026-10-31', '2026-10-31', '2026-12-04')).toBe('on_time');
    expect(dutyStatus('2026-10-31', '2026-11-01', '2026-12-04')).toBe('late');
    expect(dutyStatus('2026-10-31', null, '2026-12-04')).toBe('missing');
    expect(dutyStatus('2026-10-31', null, '2026-10-31')).toBe('due');
  });

  it('owes the last four quarters and last year since the committee started', () => {
    const duties = owedDuties(
      '2026-01-10',
      [
        {
          kind: 'disclosure',
          period: '2026-Q2',
          doneOn: '2026-08-02',
          details: { workFunds: true, commonRevenue: true },
        },
      ],
      '2026-12-04',
    );
    expect(duties.map((d) => [d.kind, d.period, d.dueOn, d.status])).toEqual([
      ['disclosure', '2026-Q3', '2026-10-31', 'missing'],
      ['disclosure', '2026-Q2', '2026-07-31', 'late'],
      ['disclosure', '2026-Q1', '2026-04-30', 'missing'],
      // 2025-Q4 ended before the committee started; so did 2025
    ]);
  });
});

describe('checkCommittee', () => {
  it('lists the rules that apply to a sitting committee', () => {
    const checks = checkCommittee(
      {
        state: 'elected',
        counts: counts(7, 4),
        partyGroup: false,
        electedOn: '2025-01-01',
        termEnd: '2027-01-31',
      },
      '2026-12-04',
    );
    expect(checks.map((k) => `${k.rule}:${k.outcome}`)).toEqual([
      'party_share:meets',
      'party_group:warning', // 4 party members, no party group recorded
      'term:warning', // ends within 90 days
    ]);
  });
});

describe('the committee lifecycle', () => {
  const none: CommitteeRecord = {
    state: 'none',
    counts: counts(0, 0),
    partyGroup: false,
    electedOn: null,
    approvedOn: null,
    termStart: null,
    termEnd: null,
  };
  const elect = (n: number, party: number) =>
    ({
      action: 'elect',
      electedOn: '2026-11-20',
      termStart: '2026-12-01',
      termEnd: '2031-11-30',
      members: members(n, party),
    }) as const;

  it('refuses approval with the plan naming the rule when party members are too few', () => {
    const prepared = applyCommitteeAction(none, { action: 'prepare', formedOn: '2026-09-01' });
    expect(prepared.ok && prepared.next.state).toBe('preparing');
    const elected = applyCommitteeAction(prepared.ok ? prepared.next : none, elect(7, 2));
    expect(elected.ok && elected.next).toMatchObject({
      state: 'awaiting_approval',
      counts: counts(7, 2),
    });
    const approval = applyCommitteeAction(elected.ok ? elected.next : none, {
      action: 'approve',
      approvedOn: '2026-12-02',
    });
    expect(approval).toEqual({
      ok: false,
      kind: 'rule',
      message:
        'Approval refused: 三(三) 「新组建或新换届业委会成员中党员比例一般不低于50%或不少于3人，未达到的原则上不予审批；对已成立的业主委员会要逐步提高党员比例」: 2 of 7 members are party members (29%); needs at least 50% or at least 3',
      checks: [checkPartyShare(counts(7, 2), '2026-11-20')],
    });
  });

  it('approves a committee with 3 party members', () => {
    const elected = applyCommitteeAction({ ...none, state: 'preparing' }, elect(9, 3));
    const approval = applyCommitteeAction(elected.ok ? elected.next : none, {
      action: 'approve',
      approvedOn: '2026-12-02',
    });
    expect(approval.ok && approval.next.state).toBe('elected');
    expect(approval.ok && approval.next.approvedOn).toBe('2026-12-02');
  });

  it('refuses an action that does not follow the state', () => {
    expect(applyCommitteeAction(none, { action: 'approve', approvedOn: '2026-12-02' })).toEqual({
      ok: false,
      kind: 'state',
      message: 'A committee in state none cannot approve; allowed from awaiting_approval',
    });
  });

  it('refuses a temporary committee of 6 naming both broken rules', () => {
    const result = applyCommitteeAction(none, {
      action: 'temporary',
      formedOn: '2026-11-01',
      termEnd: '2027-10-31',
      members: members(6, 1, 4),
    });
    expect(!result.ok && result.kind === 'rule' && result.checks.map((k) => k.rule)).toEqual([
      'temporary_odd',
    ]);
  });

  it('records a party group only with 3 party members', () => {
    const sitting = { ...none, state: 'elected' as const, counts: counts(7, 2) };
    const refused = applyCommitteeAction(sitting, {
      action: 'party_group',
      formedOn: '2026-12-01',
    });
    expect(!refused.ok && refused.kind).toBe('rule');
    const ok = applyCommitteeAction(
      { ...sitting, counts: counts(7, 3) },
      { action: 'party_group', formedOn: '2026-12-01' },
    );
    expect(ok.ok && ok.next.partyGroup).toBe(true);
  });
});
