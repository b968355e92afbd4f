// Owners' committees (业主委员会, 业委会) as the 2024 plan supervises them (三(一), 三(三)): the
// lifecycle, the members, the plan's rules and the duties the street and community track.

/**
 * Where a committee stands. `preparing` = 筹备组 formed by the street; `awaiting_approval` = elected,
 * not yet approved (审批); `elected` = in office; `term_ended` = its term is over and no new one is
 * in office (换届 pending); `temporary` = 临时物业管理委员会.
 */
export const COMMITTEE_STATES = [
  'none',
  'preparing',
  'awaiting_approval',
  'elected',
  'term_ended',
  'temporary',
] as const;
export type CommitteeState = (typeof COMMITTEE_STATES)[number];

export const MEMBER_ROLES = ['chair', 'vice_chair', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Who sits on a temporary committee (三(一)): 街道办事处, 社区居委会, 建设单位, 业主代表. */
export const MEMBER_ORGANISATIONS = [
  'street_office',
  'residents_committee',
  'developer',
  'owner_representative',
] as const;
export type MemberOrganisation = (typeof MEMBER_ORGANISATIONS)[number];

export type CommitteeMember = {
  name: string;
  role: MemberRole;
  /** an owner in the compound (业主) */
  owner: boolean;
  partyMember: boolean;
  /** for a temporary committee, the body the member comes from; null on an elected committee */
  organisation: MemberOrganisation | null;
};

export type CommitteeCounts = { members: number; ownerMembers: number; partyMembers: number };

/** The plan's rules a committee is checked against. */
export const COMMITTEE_RULES = [
  'party_share', // 三(三): new or re-elected committees, party members ≥ 50% or ≥ 3
  'temporary_size', // 三(一): a temporary committee has 5 or more members
  'temporary_odd', // 三(一): … an odd number of them
  'temporary_owner_share', // 三(一): … owner members ≥ 50%
  'party_group', // 三(三): a 党小组 where a committee qualifies (≥ 3 party members)
  'term', // a term's end: a warning 90 days before, overdue after
  'meeting_reported', // 三(三): a major-matter meeting reported to the party bodies beforehand
  'meeting_attendance', // 三(三): street office and residents' committee attend provider/revenue meetings
] as const;
export type CommitteeRule = (typeof COMMITTEE_RULES)[number];

/**
 * `to_raise`: an existing committee elected before the plan, short of party members: "逐步提高党员
 * 比例" (raise gradually), not a breach. `warning` / `overdue`: a deadline near or past.
 */
export const RULE_OUTCOMES = [
  'meets',
  'breach',
  'to_raise',
  'warning',
  'overdue',
  'not_applicable',
] as const;
export type RuleOutcome = (typeof RULE_OUTCOMES)[number];

export type RuleCheck = {
  rule: CommitteeRule;
  /** the plan's section, e.g. 三(三) */
  section: string;
  /** the plan's own words */
  words: string;
  outcome: RuleOutcome;
  /** the figures behind the outcome, in English, e.g. "2 of 7 members are party members" */
  detail: string;
  /** the same figures as values, so a client words them in its own locale */
  figures: Record<string, string | number | boolean>;
};

/** One word for the map and the wall: how the committee's composition stands against the plan. */
export const COMMITTEE_COMPLIANCES = ['meets', 'to_raise', 'breach', 'not_formed'] as const;
export type CommitteeCompliance = (typeof COMMITTEE_COMPLIANCES)[number];

export const TERM_ALERTS = ['ok', 'expiring', 'overdue'] as const;
export type TermAlert = (typeof TERM_ALERTS)[number];

export type CommitteeSummary = {
  compoundId: number;
  compoundName: string;
  streetCode: string;
  streetName: string;
  communityCode: string;
  communityName: string;
  state: CommitteeState;
  /** optimistic lock: send it back with a change; a stale one gets 409 */
  version: number;
  counts: CommitteeCounts;
  partyGroup: boolean;
  termStart: string | null;
  termEnd: string | null;
  compliance: CommitteeCompliance;
  /** null when the committee has no term (none, preparing) */
  termAlert: TermAlert | null;
  /** duties late or missing today, open orders to correct past their deadline among them */
  lateDuties: number;
  checks: RuleCheck[];
};

/** The duties tracked per committee (三(三)); an open order to correct is owed by its deadline. */
export const DUTY_KINDS = ['disclosure', 'evaluation', 'order'] as const;
export type DutyKind = (typeof DUTY_KINDS)[number];

/** on_time / late: done, by or after the deadline; missing: past the deadline, not done; due: not yet. */
export const DUTY_STATUSES = ['on_time', 'late', 'missing', 'due'] as const;
export type DutyStatus = (typeof DUTY_STATUSES)[number];

export type CommitteeDuty = {
  kind: DutyKind;
  /**
   * the period owed: a quarter (2026-Q3) for a disclosure, a year (2025) for an evaluation; for an
   * open order to correct, its subject
   */
  period: string;
  dueOn: string;
  doneOn: string | null;
  status: DutyStatus;
  /** an evaluation's score 0–100 and comments; a disclosure's two items */
  details: DisclosureDetails | EvaluationDetails | OrderDutyDetails | null;
};

/** An open order to correct as a duty: which order (close it by POST …/orders/{orderId}/close). */
export type OrderDutyDetails = { orderId: number };

/** 每季度公布工作经费使用情况、共有部位共用设施设备经营所得收益收支明细 */
export type DisclosureDetails = { workFunds: boolean; commonRevenue: boolean };
/** 每年对业委会履职情况进行评价, 在小区醒目位置公示 */
export type EvaluationDetails = { score: number; comments: string };

/** What else is recorded in a committee's history besides the lifecycle's actions. */
export const COMMITTEE_CHANGES = [
  'disclosure',
  'evaluation',
  'meeting',
  'account_check',
  'violation',
  'order',
  'order_closed',
  'group_member', // joined the 业账社管 supervision group
  'group_member_end', // left it
] as const;
export type CommitteeChangeKind = (typeof COMMITTEE_CHANGES)[number];

export type CommitteeChange = {
  action: CommitteeAction | CommitteeChangeKind;
  actor: string;
  at: string;
  stateBefore: CommitteeState;
  stateAfter: CommitteeState;
  note: string | null;
};

export type CommitteeFile = CommitteeSummary & {
  members: CommitteeMember[];
  electedOn: string | null;
  approvedOn: string | null;
  duties: CommitteeDuty[];
  meetings: MajorMeeting[];
  accountChecks: AccountCheck[];
  violations: MemberViolation[];
  orders: CorrectionOrder[];
  /** the 业账社管 supervision group, current and past members (三(三)) */
  supervisionGroup: SupervisionGroupMember[];
  history: CommitteeChange[];
};

/** Who sits in a committee's 业账社管 supervision group, for whom (三(三)). */
export const SUPERVISION_GROUP_ROLES = [
  'party_organisation', // 社区党组织
  'owners_committee', // 业委会
  'property_enterprise', // 物业企业
  'resident_representative', // 居民代表
] as const;
export type SupervisionGroupRole = (typeof SUPERVISION_GROUP_ROLES)[number];

/** A membership of the 业账社管 group; toDate null while it lasts. */
export type SupervisionGroupMember = {
  id: number;
  name: string;
  role: SupervisionGroupRole;
  fromDate: string;
  toDate: string | null;
};

/**
 * 重大事项 (三(三)): matters the committee decides only at a meeting reported beforehand to the
 * street party working committee, the community 两委 and the compound party branch.
 */
export const MAJOR_MATTERS = [
  'maintenance_fund', // 使用大额维修资金
  'public_revenue', // 支出公共收益 / 公共收益管理
  'provider_hiring', // 选聘物业服务人
  'provider_firing', // 解聘物业服务人
  'provider_renewal', // 续聘物业服务人
  'renovation', // 改造环境
  'public_facilities', // 完善公共设施
] as const;
export type MajorMatter = (typeof MAJOR_MATTERS)[number];

/** The matters whose meeting the street office and residents' committee attend (列席). */
export const ATTENDED_MATTERS: readonly MajorMatter[] = [
  'provider_hiring',
  'provider_firing',
  'provider_renewal',
  'public_revenue',
];

export type MeetingAttendance = { streetOffice: boolean; residentsCommittee: boolean };

/** A major-matter meeting as recorded; a breach is recorded too, and flagged by its checks. */
export type MajorMeeting = {
  id: number;
  kind: MajorMatter;
  meetingOn: string;
  /** when the matter was reported to the party bodies; null if it was not */
  reportedOn: string | null;
  attendance: MeetingAttendance;
  decision: string;
  /** meeting_reported and, for attended matters, meeting_attendance */
  checks: RuleCheck[];
};

/** 业账社管: the community's supervision group checks the committee's income and spending. */
export type AccountCheck = { id: number; checkedOn: string; findings: string; compliant: boolean };

/** A member's negative-list violation; `suspended`: 责令暂停履行职责. */
export type MemberViolation = {
  id: number;
  memberName: string;
  description: string;
  suspended: boolean;
  reportedOn: string;
};

export const ORDER_OUTCOMES = ['corrected', 'revoked'] as const;
export type OrderOutcome = (typeof ORDER_OUTCOMES)[number];
/** open: before its deadline; overdue: open past it; corrected / revoked: closed (撤销其决定). */
export const ORDER_STATUSES = ['open', 'overdue', 'corrected', 'revoked'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** 责令限期改正: the street office orders the committee to correct a decision by a deadline. */
export type CorrectionOrder = {
  id: number;
  orderedOn: string;
  deadline: string;
  subject: string;
  outcome: OrderOutcome | null;
  closedOn: string | null;
  status: OrderStatus;
};

/** The lifecycle's steps: POST /api/committees/{compoundId}/{action}. */
export const COMMITTEE_ACTIONS = [
  'prepare', // the street forms the preparatory group (筹备组)
  'elect', // the owners' assembly elected members: awaiting approval
  'approve', // the street approves (审批); refused when the party rule fails
  'temporary', // a 临时物业管理委员会 is formed
  'party_group', // a 党小组 is set up in the committee
  'end_term', // the term is over (换届 due)
] as const;
export type CommitteeAction = (typeof COMMITTEE_ACTIONS)[number];

/** The states each action may start from (the server answers 409 otherwise). */
export const ACTION_FROM: Record<CommitteeAction, readonly CommitteeState[]> = {
  prepare: ['none', 'term_ended', 'temporary'],
  elect: ['preparing', 'awaiting_approval', 'elected', 'term_ended', 'temporary'],
  approve: ['awaiting_approval'],
  temporary: ['none', 'preparing', 'elected', 'term_ended'],
  party_group: ['awaiting_approval', 'elected', 'temporary'],
  end_term: ['elected', 'temporary'],
};

/** GET /api/committees → */
export type CommitteeList = {
  committees: CommitteeSummary[];
  totals: Record<CommitteeCompliance, number>;
};

/** GET /api/committees/due → one duty of one committee, due this month or late. */
export type DueDuty = CommitteeDuty & {
  compoundId: number;
  compoundName: string;
  communityName: string;
};
