import type { CoverageProgress, CoverageSummary } from '../../common/api.ts';
import type { RedBlackList } from '../../common/enterprises.ts';
import {
  EVENT_STATES,
  GRADES,
  type Category,
  type EventState,
  type Grade,
} from '../../common/grievances.ts';
import type { WallEvent, WallSummary } from '../../common/wall.ts';

// The wall's answer shaped from its query rows (wall-queries.ts): pure, no I/O.

// a wall panel has room for the first five of each published list
const WALL_LIST_SIZE = 5;

/** What findWallSummary's queries return, each as its rows. */
export type WallSummaryRows = {
  /** today's events by state and grade */
  today: { state: EventState; grade: Grade; n: number }[];
  /** every street with its open and overdue events */
  streets: { code: string; name: string; open: number; overdue: number }[];
  /** the trend window's days that had events (the others count 0) */
  trend: { date: string; reported: number; resolved: number }[];
  topCategories: { category: Category; count: number }[];
  latest: (Omit<WallEvent, 'reportedAt'> & { reportedAt: Date | string })[];
  committees: {
    compounds: number;
    elected: number;
    temporary: number;
    preparing: number;
    meeting: number;
  };
  /** the latest published red/black list, or null */
  enterprises: RedBlackList | null;
  alarmGrades: Grade[];
  coverage: CoverageSummary;
  /** the street's coverage progress; null for the district (the summary's own) */
  streetProgress: CoverageProgress | null;
};

/**
 * The wall summary for the district (streetCode null) or one street. Open and overdue counts
 * follow the street; overdue by street lists every street (most overdue first, then by code); the
 * trend has every one of `days`, 0 where nothing was reported; the coverage focus is the street's
 * unit (the district's when the street has none).
 * @example buildWallSummary({asOf, streetCode: null, today, days}, rows).events.open // 12
 */
export function buildWallSummary(
  at: { asOf: string; streetCode: string | null; today: string; days: string[] },
  rows: WallSummaryRows,
): WallSummary {
  const { streetCode } = at;
  const byState = Object.fromEntries(EVENT_STATES.map((s) => [s, 0])) as Record<EventState, number>;
  const byGrade = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
  for (const r of rows.today) {
    byState[r.state] += r.n;
    byGrade[r.grade] += r.n;
  }
  const inView = rows.streets.filter((r) => streetCode === null || r.code === streetCode);
  const trendByDate = new Map(rows.trend.map((r) => [r.date, r]));
  const c = rows.committees;
  const summary = rows.coverage;
  const focus =
    streetCode === null
      ? summary.district
      : (summary.streets.find((s) => s.code === streetCode) ?? summary.district);
  return {
    asOf: at.asOf,
    streetCode,
    today: at.today,
    events: {
      today: { total: rows.today.reduce((sum, r) => sum + r.n, 0), byState, byGrade },
      open: inView.reduce((sum, r) => sum + r.open, 0),
      overdue: inView.reduce((sum, r) => sum + r.overdue, 0),
      trend: at.days.map((date) => ({
        date,
        reported: trendByDate.get(date)?.reported ?? 0,
        resolved: trendByDate.get(date)?.resolved ?? 0,
      })),
      overdueByStreet: rows.streets
        .map(({ code, name, overdue }) => ({ code, name, overdue }))
        .sort((a, b) => b.overdue - a.overdue || a.code.localeCompare(b.code)),
      topCategories: rows.topCategories,
      latest: rows.latest.map((r) => ({ ...r, reportedAt: new Date(r.reportedAt).toISOString() })),
    },
    committees: {
      compounds: c.compounds,
      formed: c.elected + c.temporary,
      byStatus: {
        elected: c.elected,
        temporary: c.temporary,
        preparing: c.preparing,
        none: c.compounds - c.elected - c.temporary - c.preparing,
      },
      meetingPartyRule: c.meeting,
      partyRuleShare: c.elected > 0 ? c.meeting / c.elected : 0,
    },
    enterprises: {
      period: rows.enterprises?.period ?? null,
      publishedOn: rows.enterprises?.publishedOn ?? null,
      redMin: rows.enterprises?.rule.redMin ?? null,
      blackMax: rows.enterprises?.rule.blackMax ?? null,
      red: (rows.enterprises?.red ?? []).slice(0, WALL_LIST_SIZE),
      black: (rows.enterprises?.black ?? []).slice(0, WALL_LIST_SIZE),
    },
    coverage: { summary, focus, progress: rows.streetProgress ?? summary.progress },
    alarmGrades: rows.alarmGrades,
  };
}
