// Ledgers (台账, issue 13): imports of the registers from spreadsheets, the maintenance-fund rule
// and its top-up tasks, and the quarterly reports. Wire types only.

import type { CoverageMode } from './domain.ts';

/** Registers a ledger file can fill. */
export const IMPORT_REGISTERS = ['compounds', 'stations', 'funds'] as const;
export type ImportRegister = (typeof IMPORT_REGISTERS)[number];

/** Coordinate systems a file may declare; `auto` tells WGS84 from GCJ-02 by the outline test. */
export const IMPORT_CRS = ['auto', 'wgs84', 'gcj02', 'bd09', 'cgcs2000'] as const;
export type ImportCrs = (typeof IMPORT_CRS)[number];

/** One problem of one row, at one cell (`C7`, or a GeoJSON feature's property path). */
export type ImportIssue = {
  row: number;
  cell: string;
  field: string;
  zh: string;
  en: string;
};

export type ImportOutcome = 'create' | 'update' | 'unchanged' | 'to_draw' | 'error';

export type ImportRowResult = {
  row: number;
  name: string;
  outcome: ImportOutcome;
  /** the register row it updates (update, unchanged) */
  targetId: number | null;
};

/** POST /api/imports/{register}?dryRun=1 →, and the apply's answer (with `importId`). */
export type ImportReport = {
  register: ImportRegister;
  fileName: string;
  sha256: string;
  /** the CRS used: declared, or detected (auto) */
  crs: Exclude<ImportCrs, 'auto'>;
  crsDetected: boolean;
  rows: number;
  counts: Record<ImportOutcome, number>;
  issues: ImportIssue[];
  results: ImportRowResult[];
  dryRun: boolean;
  importId: number | null;
};

/** GET /api/imports/progress/{progressId} → */
export type ImportProgress = {
  phase: 'upload' | 'parse' | 'check' | 'measure' | 'write' | 'done';
  done: number;
  total: number;
};

/** GET /api/imports → one applied import */
export type ImportRecord = {
  id: number;
  register: ImportRegister;
  fileName: string;
  sha256: string;
  crs: string;
  actor: string;
  at: string;
  created: number;
  updated: number;
  unchanged: number;
  toDraw: number;
  undoneAt: string | null;
  undoneBy: string | null;
};

/** GET /api/imports/to-draw → a compound known by a point or an address, to be drawn */
export type CompoundToDraw = {
  id: number;
  importId: number;
  name: string;
  streetCode: string;
  communityCode: string;
  households: number;
  coverageMode: CoverageMode;
  address: string | null;
  located: 'point' | 'address';
  lng: number;
  lat: number;
};

/** Why a maintenance-fund account is flagged (三(六)). */
export const FUND_FLAGS = ['low_balance', 'arrears'] as const;
export type FundFlag = (typeof FUND_FLAGS)[number];

/** GET /api/funds → one compound's maintenance-fund account, judged */
export type FundAccount = {
  compoundId: number;
  compoundName: string;
  streetCode: string;
  communityCode: string;
  firstDeposit: number;
  balance: number;
  arrearsHouseholds: number;
  asOf: string;
  /** balance / first deposit, to 4 decimals */
  balanceShare: number;
  flags: FundFlag[];
  breachSince: string | null;
  version: number;
};

/** PUT /api/funds/{compoundId} body */
export type FundAccountInput = {
  version?: number;
  firstDeposit: number;
  balance: number;
  arrearsHouseholds: number;
  asOf: string;
};

export const TOPUP_STATUSES = ['open', 'in_progress', 'done'] as const;
export type TopUpStatus = (typeof TOPUP_STATUSES)[number];

/** GET /api/funds/tasks → a top-up plan task (补缴/续交方案) for a community */
export type TopUpTask = {
  id: number;
  compoundId: number;
  compoundName: string;
  streetCode: string;
  communityCode: string;
  breachSince: string;
  reasons: FundFlag[];
  openedOn: string;
  dueOn: string;
  status: TopUpStatus;
  closedOn: string | null;
  overdue: boolean;
  version: number;
};

/** A report's state for one street and period: not yet drafted, drafted, submitted. */
export const REPORT_STATUSES = ['not_started', 'drafted', 'submitted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** GET /api/reports?period= → one street's report for a period, with its due date */
export type ReportSubmission = {
  streetCode: string;
  streetName: string;
  period: string;
  dueOn: string;
  status: ReportStatus;
  submittedAt: string | null;
  submittedBy: string | null;
  /** past due and not submitted, or submitted after the due date */
  late: boolean;
  version: number | null;
};

/** A count and its share of a whole, 0..1 to 4 decimals (0 when the whole is 0). */
export type Share = { count: number; of: number; share: number };

/** GET /api/reports/{unit}/{period} → the quarterly (YYYY-Qn) or yearly (YYYY) report (五(三)) */
export type PeriodReport = {
  unit: { code: string; name: string; kind: 'district' | 'street' };
  period: string;
  from: string;
  to: string;
  dueOn: string;
  generatedAt: string;
  coverage: {
    compounds: number;
    managed: number;
    baselineUnmanaged: number;
    coveredSinceBaseline: number;
    share: number;
    targets: { date: string; share: number; met: boolean | null }[];
  };
  committees: {
    compounds: number;
    formed: number;
    elected: number;
    temporary: number;
    preparing: number;
    meetingPartyRule: number;
  };
  /** the period's quarterly disclosures by sitting (elected) committees */
  disclosures: { owed: number; onTime: number; late: number; missing: number };
  /** the period's quarterly public-revenue publications, one owed per compound and quarter */
  publicRevenue: { owed: number; onTime: number; late: number; missing: number };
  funds: {
    accounts: number;
    lowBalance: number;
    arrears: number;
    tasksOpened: number;
    tasksDone: number;
    tasksOverdue: number;
  };
  grievances: {
    reported: number;
    resolved: number;
    onTime: Share;
    /** resolved and never reopened after the citizen's feedback (the satisfaction proxy) */
    satisfied: Share;
    /** resolved at grid or community level: 小事不出小区，大事不出社区 */
    resolvedLocally: Share;
    byChannel: { key: string; count: number }[];
    byCategory: { key: string; count: number }[];
    byGrade: { key: string; count: number }[];
    byLevel: { key: string; count: number }[];
  };
};

/** GET /api/funds/revenue?quarter= → a compound's public-revenue publication (公共收益) for a quarter */
export type RevenuePublication = {
  compoundId: number;
  compoundName: string;
  streetCode: string;
  communityCode: string;
  quarter: string;
  dueOn: string;
  income: number | null;
  expense: number | null;
  publishedOn: string | null;
  place: string | null;
  /** on_time / late (published), missing (past due, not published), due (not yet due) */
  status: 'on_time' | 'late' | 'missing' | 'due';
  version: number | null;
};
