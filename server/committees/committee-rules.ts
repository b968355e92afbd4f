import type {
  CommitteeCompliance,
  CommitteeCounts,
  CommitteeDuty,
  CommitteeMember,
  CommitteeState,
  DutyStatus,
  RuleCheck,
  TermAlert,
} from '../../common/committees.ts';

// The plan's rules for owners' committees (三(一), 三(三)) as pure functions: no I/O, no clock.
// Each check carries the plan's words and section, so a refusal can quote them.

export const DEFAULT_COMMITTEE_OPTIONS = {
  planBaseline: '2024-03-18', // the plan's date: committees elected before it "raise gradually"
  termWarningDays: 90, // a term's end is flagged this many days before
  partyGroupMinimum: 3, // party members needed for a 党小组
  disclosureDueMonths: 1, // a quarter's disclosure is due by the end of the next quarter's 1st month
  evaluationDueMonth: 3, // a year's evaluation is due by the end of this month of the next year
  dutyQuarters: 4, // disclosures owed: the last this many completed quarters
};
export type CommitteeOptions = typeof DEFAULT_COMMITTEE_OPTIONS;

export const RULE_TEXT = {
  party_share: {
    section: '三(三)',
    words:
      '新组建或新换届业委会成员中党员比例一般不低于50%或不少于3人，未达到的原则上不予审批；对已成立的业主委员会要逐步提高党员比例',
  },
  temporary_size: {
    section: '三(一)',
    words: '临时物业管理委员会人数应当为5人以上单数',
  },
  temporary_odd: {
    section: '三(一)',
    words: '临时物业管理委员会人数应当为5人以上单数',
  },
  temporary_owner_share: {
    section: '三(一)',
    words: '其中业主成员不少于总人数的百分之五十',
  },
  party_group: {
    section: '三(三)',
    words: '要及时推动符合条件的业主委员会设立党小组',
  },
  term: {
    section: '三(一)',
    words: '组织、指导业主大会的成立和业委会的选举和换届',
  },
  meeting_reported: {
    section: '三(三)',
    words:
      '会前应当将会议事项向所辖街道党工委、社区“两委”、小区党支部报告，征求街道党工委、社区“两委”、小区党支部意见',
  },
  meeting_attendance: {
    section: '三(三)',
    words:
      '涉及选聘、解聘、续聘物业服务人、公共收益管理等重大事项的业主委员会会议，所辖街道办事处、社区居委会的代表应当列席',
  },
} as const;

/** Members, owner members and party members of a member list. */
export function countMembers(members: readonly CommitteeMember[]): CommitteeCounts {
  return {
    members: members.length,
    ownerMembers: members.filter((m) => m.owner).length,
    partyMembers: members.filter((m) => m.partyMember).length,
  };
}

/**
 * 三(三): party members ≥ 50% of the members or ≥ 3. A committee elected before the plan that falls
 * short is `to_raise` (the plan asks existing committees to raise the share gradually).
 * @example checkPartyShare({members: 7, ownerMembers: 7, partyMembers: 2}, '2025-01-01', o) // outcome 'breach'
 */
export function checkPartyShare(
  counts: CommitteeCounts,
  electedOn: string | null,
  o: CommitteeOptions = DEFAULT_COMMITTEE_OPTIONS,
): RuleCheck {
  const { members, partyMembers } = counts;
  const meets = partyMembers >= 3 || (members > 0 && partyMembers * 2 >= members);
  const beforePlan = electedOn !== null && electedOn < o.planBaseline;
  const share = members > 0 ? Math.round((partyMembers / members) * 100) : 0;
  return {
    rule: 'party_share',
    ...RULE_TEXT.party_share,
    outcome: meets ? 'meets' : beforePlan ? 'to_raise' : 'breach',
    detail:
      `${partyMembers} of ${members} members are party members (${share}%); ` +
      `needs at least 50% or at least 3` +
      (beforePlan && !meets ? `; elected ${electedOn}, before the plan: raise gradually` : ''),
    figures: {
      members,
      partyMembers,
      share,
      beforePlan: beforePlan && !meets,
      electedOn: electedOn ?? '',
    },
  };
}

/** 三(一): a temporary committee has ≥ 5 members, an odd number, owner members ≥ 50%. */
export function checkTemporary(counts: CommitteeCounts): RuleCheck[] {
  const { members, ownerMembers } = counts;
  return [
    {
      rule: 'temporary_size',
      ...RULE_TEXT.temporary_size,
      outcome: members >= 5 ? 'meets' : 'breach',
      detail: `${members} members; needs at least 5`,
      figures: { members },
    },
    {
      rule: 'temporary_odd',
      ...RULE_TEXT.temporary_odd,
      outcome: members % 2 === 1 ? 'meets' : 'breach',
      detail: `${members} members; needs an odd number`,
      figures: { members },
    },
    {
      rule: 'temporary_owner_share',
      ...RULE_TEXT.temporary_owner_share,
      outcome: members > 0 && ownerMembers * 2 >= members ? 'meets' : 'breach',
      detail: `${ownerMembers} of ${members} members are owners; needs at least half`,
      figures: { members, ownerMembers },
    },
  ];
}

/** 三(三): a committee with ≥ 3 party members should have a 党小组. */
export function checkPartyGroup(
  counts: CommitteeCounts,
  partyGroup: boolean,
  o: CommitteeOptions = DEFAULT_COMMITTEE_OPTIONS,
): RuleCheck {
  const qualifies = counts.partyMembers >= o.partyGroupMinimum;
  return {
    rule: 'party_group',
    ...RULE_TEXT.party_group,
    outcome: partyGroup ? 'meets' : qualifies ? 'warning' : 'not_applicable',
    detail: partyGroup
      ? 'a party group is recorded'
      : `${counts.partyMembers} party members; a party group needs at least ${o.partyGroupMinimum}`,
    figures: {
      recorded: partyGroup,
      partyMembers: counts.partyMembers,
      minimum: o.partyGroupMinimum,
    },
  };
}

/** The term's end: `warning` within termWarningDays before it, `overdue` after it. */
export function termAlert(
  termEnd: string | null,
  today: string,
  o: CommitteeOptions = DEFAULT_COMMITTEE_OPTIONS,
): TermAlert | null {
  if (termEnd === null) return null;
  if (today > termEnd) return 'overdue';
  return daysBetween(today, termEnd) <= o.termWarningDays ? 'expiring' : 'ok';
}

export type CommitteeFacts = {
  state: CommitteeState;
  counts: CommitteeCounts;
  partyGroup: boolean;
  /** when the sitting (or awaiting) committee was elected or formed; term start if unknown */
  electedOn: string | null;
  termEnd: string | null;
};

/** Every rule that applies to a committee in its state, in COMMITTEE_RULES order. */
export function checkCommittee(
  c: CommitteeFacts,
  today: string,
  o: CommitteeOptions = DEFAULT_COMMITTEE_OPTIONS,
): RuleCheck[] {
  const checks: RuleCheck[] = [];
  if (c.state === 'awaiting_approval' || c.state === 'elected') {
    checks.push(checkPartyShare(c.counts, c.electedOn, o));
  }
  if (c.state === 'temporary') checks.push(...checkTemporary(c.counts));
  if (c.state === 'elected' || c.state === 'awaiting_approval' || c.state === 'temporary') {
    checks.push(checkPartyGroup(c.counts, c.partyGroup, o));
  }
  const alert =
    c.state === 'elected' || c.state === 'temporary' ? termAlert(c.termEnd, today, o) : null;
  if (alert !== null || c.state === 'term_ended') {
    const outcome =
      c.state === 'term_ended' || alert === 'overdue'
        ? 'overdue'
        : alert === 'expiring'
          ? 'warning'
          : 'meets';
    checks.push({
      rule: 'term',
      ...RULE_TEXT.term,
      outcome,
      detail: c.termEnd ? `term ends ${c.termEnd}` : 'the term has ended',
      figures: { termEnd: c.termEnd ?? '' },
    });
  }
  return checks;
}

/**
 * One word for the composition: `not_formed` with no committee in office; otherwise `breach` if a
 * composition rule is broken, `to_raise` if only the gradual party share is short, else `meets`.
 * Term and party-group outcomes do not change it (they are deadlines and prompts, not composition).
 */
export function complianceOf(
  c: Pick<CommitteeFacts, 'state' | 'counts' | 'electedOn'>,
  o: CommitteeOptions = DEFAULT_COMMITTEE_OPTIONS,
): CommitteeCompliance {
  if (c.state === 'none' || c.state === 'preparing' || c.state === 'term_ended')
    return 'not_formed';
  const checks =
    c.state === 'temporary'
      ? checkTemporary(c.counts)
      : [checkPartyShare(c.counts, c.electedOn, o)];
  if (checks.some((k) => k.outcome === 'breach')) return 'breach';
  if (checks.some((k) => k.outcome === 'to_raise')) return 'to_raise';
  return 'meets';
}

/** The status of one duty on a day. */
export function dutyStatus(dueOn: string, doneOn: string | null, today: string): DutyStatus {
  if (doneOn !== null) return doneOn <= dueOn ? 'on_time' : 'late';
  return today > dueOn ? 'missing' : 'due';
}

/** A quarter's disclosure deadline: the last day of the disclosureDueMonths-th month after it. */
export function disclosureDueOn(
  quarter: string,
  o: CommitteeOptions = DEFAULT_COMMITTEE_OPTIONS,
): string {
  const [year, q] = parseQuarter(quarter);
  return lastDayOfMonth(year, q * 3 + o.disclosureDueMonths);
}

/** A year's evaluation deadline: the last day of evaluationDueMonth of the next year. */
export function evaluationDueOn(
  year: number,
  o: CommitteeOptions = DEFAULT_COMMITTEE_OPTIONS,
): string {
  return lastDayOfMonth(year + 1, o.evaluationDueMonth);
}

export type DoneDuty = {
  kind: CommitteeDuty['kind'];
  period: string;
  doneOn: string;
  details: CommitteeDuty['details'];
};

/**
 * The duties a sitting committee owes on a day: the disclosures of the last dutyQuarters completed
 * quarters and the evaluation of the last completed year, each no earlier than the committee's
 * start; those already done, with their status. Newest first.
 */
export function owedDuties(
  since: string,
  done: readonly DoneDuty[],
  today: string,
  o: CommitteeOptions = DEFAULT_COMMITTEE_OPTIONS,
): CommitteeDuty[] {
  const duties: CommitteeDuty[] = [];
  const find = (kind: string, period: string) =>
    done.find((d) => d.kind === kind && d.period === period);
  let [year, q] = parseQuarter(quarterOf(today));
  for (let i = 0; i < o.dutyQuarters; i++) {
    [year, q] = q === 1 ? [year - 1, 4] : [year, q - 1];
    const period = `${year}-Q${q}`;
    if (quarterEnd(year, q) < since) break;
    const d = find('disclosure', period);
    const dueOn = disclosureDueOn(period, o);
    duties.push({
      kind: 'disclosure',
      period,
      dueOn,
      doneOn: d?.doneOn ?? null,
      status: dutyStatus(dueOn, d?.doneOn ?? null, today),
      details: d?.details ?? null,
    });
  }
  const lastYear = Number(today.slice(0, 4)) - 1;
  if (`${lastYear}-12-31` >= since) {
    const d = find('evaluation', String(lastYear));
    const dueOn = evaluationDueOn(lastYear, o);
    duties.push({
      kind: 'evaluation',
      period: String(lastYear),
      dueOn,
      doneOn: d?.doneOn ?? null,
      status: dutyStatus(dueOn, d?.doneOn ?? null, today),
      details: d?.details ?? null,
    });
  }
  return duties;
}

/** The quarter of an ISO date, e.g. 2026-Q4. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

function parseQuarter(quarter: string): [number, number] {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) throw new RangeError(`Invalid quarter: ${quarter} (expected YYYY-Qn, n 1–4)`);
  return [Number(m[1]), Number(m[2])];
}

const quarterEnd = (year: number, q: number) => lastDayOfMonth(year, q * 3);

// month may run past 12 (month 13 = January of the next year)
function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
