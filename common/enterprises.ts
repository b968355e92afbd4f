// Property enterprises under the housing bureau's supervision (三(四), 三(五)): the register, the
// credit file, inspections (双随机、一公开), interviews (约谈) with rectification, the credit score
// with its reasons and the red/black list published per period (server/enterprises/).

export const PARTY_ORGS = ['none', 'branch', 'joint_branch'] as const;
export type PartyOrg = (typeof PARTY_ORGS)[number];

export const RECORD_KINDS = [
  'inspection_failure', // a failed item of a drawn inspection
  'bad_conduct', // 不良行为, recorded by the bureau or left by a late / escalated rectification
  'evaluation', // the yearly evaluation by a street or community
  'party_building', // 党建联建: 报到, joint agreement, service project claimed / completed
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const PARTY_BUILDING_KINDS = [
  'report', // the head or a project manager reported to the community (报到)
  'agreement', // joint agreement with the community's party organisation signed
  'project_claimed', // a community service project claimed
  'project_completed', // a claimed project completed
] as const;
export type PartyBuildingKind = (typeof PARTY_BUILDING_KINDS)[number];

export const INTERVIEW_REASONS = ['poor_service', 'large_dispute', 'low_satisfaction'] as const;
export type InterviewReason = (typeof INTERVIEW_REASONS)[number];
export const INTERVIEW_OUTCOMES = ['done', 'late', 'escalated'] as const;
export type InterviewOutcome = (typeof INTERVIEW_OUTCOMES)[number];

/** The register's fields of an enterprise. */
export type EnterpriseRecord = {
  id: number;
  name: string;
  /** 统一社会信用代码, checked against GB 32100-2015 */
  creditCode: string;
  founded: number;
  address: string;
  partyOrg: PartyOrg;
  /** its charter holds the party-building clause */
  charterPartyClause: boolean;
  /** bumped by every write to the enterprise's file; a write names the version it saw */
  version: number;
};

export type ProjectManager = {
  id: number;
  name: string;
  certificate: string;
  compoundIds: number[];
};

/** A compound the enterprise serves, with its contract when registered. */
export type ServedCompound = {
  id: number;
  name: string;
  streetCode: string;
  communityCode: string;
  households: number;
  contract: { startsOn: string; endsOn: string } | null;
};

/** One record of the credit file; `details` holds the kind's own fields. */
export type CreditRecord = {
  id: number;
  kind: RecordKind;
  onDate: string;
  compoundId: number | null;
  managerId: number | null;
  details: Record<string, unknown>;
  recordedBy: string;
};

export type Interview = {
  id: number;
  reason: InterviewReason;
  subject: string;
  openedOn: string;
  deadline: string;
  answer: string | null;
  answeredOn: string | null;
  outcome: InterviewOutcome | null;
  closedOn: string | null;
};

export const SCORE_COMPONENTS = [
  'base',
  'inspection_failure',
  'bad_conduct',
  'interview',
  'evaluation',
  'satisfaction',
  'party_org',
  'charter_clause',
  'party_building',
] as const;
export type ScoreComponentKey = (typeof SCORE_COMPONENTS)[number];

/** Points a score got or lost, and the record that gave them. */
export type ScoreComponent = {
  key: ScoreComponentKey;
  points: number;
  source: {
    kind: 'rule' | 'register' | 'record' | 'interview' | 'feedback';
    /** the record's or interview's id; null for the register, feedback and the base */
    id: number | null;
    onDate: string | null;
    /** what the source says, e.g. the failed item and its note */
    note: string;
  };
};

export type Score = { score: number; components: ScoreComponent[] };

/** Residents' feedback on resolved events: satisfied (closed) and not (reopened). */
export type Satisfaction = { satisfied: number; unsatisfied: number };

/** GET /api/enterprises/{id}/file */
export type EnterpriseFile = {
  enterprise: EnterpriseRecord;
  managers: (ProjectManager & Score)[];
  compounds: (ServedCompound & { stars: number; satisfaction: Satisfaction })[];
  records: CreditRecord[];
  interviews: Interview[];
  /** scores are taken over the records of the year ending on this day */
  asOf: string;
  credit: Score;
  /** the newest events in its compounds: no reporter, no description */
  events: {
    id: number;
    compoundId: number;
    category: string;
    state: string;
    reportedAt: string;
  }[];
};

/** One row of GET /api/enterprises/register: the register with the current score. */
export type EnterpriseSummary = EnterpriseRecord & {
  compounds: number;
  households: number;
  score: number;
  openInterviews: number;
};

export type DrawCandidate = { id: number; streetCode: string };
export type DrawnEnterprise = { enterpriseId: number; inspectors: string[] };

/** An inspection draw (双随机) with its published seed and its results. */
export type InspectionDraw = {
  id: number;
  period: string;
  seed: number;
  stratified: boolean;
  enterpriseCount: number;
  inspectorCount: number;
  candidates: DrawCandidate[];
  inspectors: string[];
  drawn: DrawnEnterprise[];
  drawnAt: string;
  results: {
    enterpriseId: number;
    item: string;
    passed: boolean;
    note: string;
    inspectedOn: string;
  }[];
};

export type ListEntry = { id: number; name: string; score: number; compounds: number };

/** A published red/black list (红黑榜) with the rule that made it. */
export type RedBlackList = {
  id: number;
  period: string;
  asOf: string;
  publishedOn: string;
  /** the score rule in force (weights, redMin, blackMax, listSize, windowDays: docs/enterprises.md) */
  rule: Record<string, number>;
  red: ListEntry[];
  black: ListEntry[];
};
