import type { CoverageProgress, CoverageSummary, CoverageUnit } from './api.ts';
import type { ListEntry } from './enterprises.ts';
import type { Category, EventState, Grade, GrievanceEvent } from './grievances.ts';

// GET /api/wall/summary?streetCode= : every figure the command-centre wall shows, computed by the
// server in one answer with the time it was computed. Nothing here carries personal data.

/** Events reported on one day (Asia/Shanghai), and of those how many are resolved or closed. */
export type WallDay = { date: string; reported: number; resolved: number };

/** A property enterprise on the published red or black list, with its credit score then. */
export type WallEnterprise = ListEntry;

/** The latest published red/black list (红黑榜, server/enterprises/), its first 5 of each: none before the first. */
export type WallEnterprises = {
  /** e.g. 2026Q4; null when no list has been published */
  period: string | null;
  publishedOn: string | null;
  /** the rule's thresholds: red at or above redMin, black below blackMax */
  redMin: number | null;
  blackMax: number | null;
  red: WallEnterprise[];
  black: WallEnterprise[];
};

/** The newest events, as the scroll board shows them: no reporter, no description. */
export type WallEvent = Pick<
  GrievanceEvent,
  'id' | 'category' | 'grade' | 'state' | 'level' | 'streetCode' | 'reportedAt' | 'overdue'
> & { streetName: string; communityName: string };

export type WallSummary = {
  /** when the figures were computed (ISO) */
  asOf: string;
  /** the street the figures are filtered to; null = the whole district */
  streetCode: string | null;
  /** the calendar day "today" means, in Asia/Shanghai */
  today: string;
  events: {
    /** events reported today, by their current state and by grade */
    today: { total: number; byState: Record<EventState, number>; byGrade: Record<Grade, number> };
    /** open now (not resolved or closed), whenever reported */
    open: number;
    /** open and past the deadline now */
    overdue: number;
    /** the last 30 days, oldest first, today last */
    trend: WallDay[];
    /** open overdue events by street, every street (0 included), most first then by code */
    overdueByStreet: { code: string; name: string; overdue: number }[];
    /** the most frequent categories of the last 30 days, at most 6, most first then by code */
    topCategories: { category: Category; count: number }[];
    /** the 20 newest events */
    latest: WallEvent[];
  };
  committees: {
    /** compounds in view */
    compounds: number;
    /** of those, with an elected or temporary owners' committee */
    formed: number;
    byStatus: { elected: number; temporary: number; preparing: number; none: number };
    /** elected committees meeting the party-member rule (party members ≥ 50% or ≥ 3) */
    meetingPartyRule: number;
    /** meetingPartyRule / elected, 0..1 (0 with no elected committee) */
    partyRuleShare: number;
  };
  /** the latest published red/black list (district-wide whatever the street in view) */
  enterprises: WallEnterprises;
  coverage: {
    /** the district and every street (the bars and the pie) */
    summary: CoverageSummary;
    /** the unit in view: the district or the street */
    focus: CoverageUnit;
    /** progress of the unit in view against the plan's targets */
    progress: CoverageProgress;
  };
  /** grades that raise an alarm on the wall (event_grades.alarm) */
  alarmGrades: Grade[];
};

/** GET /api/wall/history?days= : where events were reported over the last days, for the heat layer. */
export type WallHistory = {
  asOf: string;
  days: number;
  count: number;
  /** flat [lng0, lat0, lng1, lat1, …], WGS84, 5 decimals (≈ 1 m) */
  positions: number[];
};
