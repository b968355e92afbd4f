import type { ProgressOptions } from '../coverage/coverage.ts';
import { findCoverageProgress, findCoverageSummary } from '../coverage/coverage-queries.ts';
import {
  EVENT_STATES,
  GRADES,
  type Category,
  type EventState,
  type Grade,
} from '../../common/grievances.ts';
import type { WallEvent, WallHistory, WallSummary } from '../../common/wall.ts';
import type { Queryable } from '../db.ts';
import {
  WALL_RULES,
  chinaDate,
  chinaDayStart,
  daysEndingWith,
  rankEnterprises,
  type EnterpriseTally,
} from './wall-rules.ts';

const TREND_DAYS = 30;
const TOP_CATEGORIES = 6;
const LATEST_EVENTS = 20;
const OPEN = `e.state NOT IN ('resolved', 'closed')`;
const OVERDUE = `(${OPEN} AND (e.overdue OR e.deadline < $1::timestamptz))`;
// the China calendar day of a timestamptz, whatever the session's time zone
const CHINA_DAY = (column: string) =>
  `to_char((${column} AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;

/** Whether a street code exists. */
export async function streetExists(db: Queryable, code: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM streets WHERE code = $1', [code]);
  return rows.length > 0;
}

/**
 * Every figure of the wall for the district (streetCode null) or one street, at `now`. Overdue by
 * street always lists every street; the coverage summary is always district-wide (the bars and
 * the pie), its focus and progress follow the street.
 */
export async function findWallSummary(
  db: Queryable,
  streetCode: string | null,
  now: Date,
  coverage: Omit<ProgressOptions, 'today'>,
): Promise<WallSummary> {
  const today = chinaDate(now);
  const days = daysEndingWith(today, TREND_DAYS);
  const windowStart = chinaDayStart(days[0]!);
  const todayStart = chinaDayStart(today);
  const base = [now.toISOString(), streetCode];
  const inStreet = `($2::text IS NULL OR e.street_code = $2)`;

  const todayRows = await db.query<{ state: EventState; grade: Grade; n: number }>(
    `SELECT e.state, e.grade, count(*)::int AS n FROM events e
     WHERE e.reported_at >= $3::timestamptz AND e.reported_at <= $1::timestamptz AND ${inStreet}
     GROUP BY e.state, e.grade`,
    [...base, todayStart.toISOString()],
  );
  const byState = Object.fromEntries(EVENT_STATES.map((s) => [s, 0])) as Record<EventState, number>;
  const byGrade = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
  for (const r of todayRows) {
    byState[r.state] += r.n;
    byGrade[r.grade] += r.n;
  }

  const streetRows = await db.query<{ code: string; name: string; open: number; overdue: number }>(
    // open events first, on their own: the partial index on open events serves this, where a
    // join would read the whole (history-sized) table
    `WITH open_events AS MATERIALIZED (
       SELECT e.street_code, ${OVERDUE} AS overdue FROM events e WHERE ${OPEN}
     )
     SELECT s.code, s.name, count(o.street_code)::int AS open,
            count(*) FILTER (WHERE o.overdue)::int AS overdue
     FROM streets s LEFT JOIN open_events o ON o.street_code = s.code
     GROUP BY s.code, s.name ORDER BY s.code`,
    [now.toISOString()],
  );
  const inView = streetRows.filter((r) => streetCode === null || r.code === streetCode);

  const trendRows = await db.query<{ date: string; reported: number; resolved: number }>(
    `SELECT ${CHINA_DAY('e.reported_at')} AS date, count(*)::int AS reported,
            count(*) FILTER (WHERE e.state IN ('resolved', 'closed'))::int AS resolved
     FROM events e
     WHERE e.reported_at >= $3::timestamptz AND e.reported_at <= $1::timestamptz AND ${inStreet}
     GROUP BY 1`,
    [...base, windowStart.toISOString()],
  );
  const trendByDate = new Map(trendRows.map((r) => [r.date, r]));

  const categoryRows = await db.query<{ category: Category; count: number }>(
    `SELECT e.category, count(*)::int AS count FROM events e
     WHERE e.reported_at >= $3::timestamptz AND e.reported_at <= $1::timestamptz AND ${inStreet}
     GROUP BY e.category ORDER BY count DESC, e.category LIMIT ${TOP_CATEGORIES}`,
    [...base, windowStart.toISOString()],
  );

  const latestRows = await db.query<WallEvent & { reportedAt: Date }>(
    `SELECT e.id::int AS id, e.category, e.grade, e.state, e.level, e.street_code AS "streetCode",
            e.reported_at AS "reportedAt", ${OVERDUE} AS overdue,
            s.name AS "streetName", m.name AS "communityName"
     FROM events e JOIN streets s ON s.code = e.street_code
     JOIN communities m ON m.code = e.community_code
     WHERE e.reported_at <= $1::timestamptz AND ${inStreet}
     ORDER BY e.reported_at DESC, e.id DESC LIMIT ${LATEST_EVENTS}`,
    base,
  );

  const [committees] = await db.query<{
    compounds: number;
    elected: number;
    temporary: number;
    preparing: number;
    meeting: number;
  }>(
    `SELECT count(*)::int AS compounds,
            count(*) FILTER (WHERE oc.status = 'elected')::int AS elected,
            count(*) FILTER (WHERE oc.status = 'temporary')::int AS temporary,
            count(*) FILTER (WHERE oc.status = 'preparing')::int AS preparing,
            count(*) FILTER (WHERE oc.status = 'elected' AND oc.compliance = 'meets')::int AS meeting
     FROM compounds c LEFT JOIN owners_committees oc ON oc.compound_id = c.id
     WHERE $1::text IS NULL OR c.street_code = $1`,
    [streetCode],
  );
  const c = committees!;

  const enterpriseRows = await db.query<EnterpriseTally>(
    `WITH served AS (
       SELECT id, enterprise_id FROM compounds
       WHERE enterprise_id IS NOT NULL AND ($2::text IS NULL OR street_code = $2)
     ), recent AS MATERIALIZED (
       -- the window's events first, by the reported_at index; joined, the planner reads them all
       -- and each one's reopen looked up by its own audit rows (LIMIT 1: never a hashed scan of
       -- the whole audit table)
       SELECT e.id, e.compound_id, ${OVERDUE} AS overdue, ro.hit IS NOT NULL AS reopened
       FROM events e
       LEFT JOIN LATERAL (SELECT 1 AS hit FROM event_audit a
                          WHERE a.event_id = e.id AND a.action = 'reopen' LIMIT 1) ro ON true
       WHERE e.reported_at >= $3::timestamptz AND e.reported_at <= $1::timestamptz
         AND e.compound_id IS NOT NULL
     ), ev AS (
       SELECT s.enterprise_id, count(*)::int AS events,
              count(*) FILTER (WHERE r.overdue)::int AS overdue,
              count(*) FILTER (WHERE r.reopened)::int AS reopened
       FROM recent r JOIN served s ON s.id = r.compound_id
       GROUP BY s.enterprise_id
     ), breaches AS (
       SELECT s.enterprise_id, count(*)::int AS n
       FROM served s JOIN owners_committees oc ON oc.compound_id = s.id
       -- the server's verdict on the plan's rules (server/committees/committee-rules.ts): a
       -- committee elected before the plan and short of party members is to raise, not a breach
       WHERE oc.compliance = 'breach'
       GROUP BY s.enterprise_id
     )
     SELECT en.id, en.name, count(s.id)::int AS compounds,
            coalesce(ev.events, 0) AS events, coalesce(ev.overdue, 0) AS overdue,
            coalesce(ev.reopened, 0) AS reopened, coalesce(b.n, 0) AS "ruleBreaches"
     FROM enterprises en JOIN served s ON s.enterprise_id = en.id
     LEFT JOIN ev ON ev.enterprise_id = en.id
     LEFT JOIN breaches b ON b.enterprise_id = en.id
     GROUP BY en.id, en.name, ev.events, ev.overdue, ev.reopened, b.n
     ORDER BY en.id`,
    [...base, new Date(now.getTime() - WALL_RULES.windowDays * 86_400_000).toISOString()],
  );

  const alarmRows = await db.query<{ grade: Grade }>(
    'SELECT grade FROM event_grades WHERE alarm ORDER BY grade',
  );

  const progressOptions = { ...coverage, today };
  const summary = await findCoverageSummary(db, progressOptions);
  const focus =
    streetCode === null
      ? summary.district
      : (summary.streets.find((s) => s.code === streetCode) ?? summary.district);
  const progress =
    streetCode === null
      ? summary.progress
      : await findCoverageProgress(db, progressOptions, streetCode);

  return {
    asOf: now.toISOString(),
    streetCode,
    today,
    events: {
      today: { total: todayRows.reduce((sum, r) => sum + r.n, 0), byState, byGrade },
      open: inView.reduce((sum, r) => sum + r.open, 0),
      overdue: inView.reduce((sum, r) => sum + r.overdue, 0),
      trend: days.map((date) => ({
        date,
        reported: trendByDate.get(date)?.reported ?? 0,
        resolved: trendByDate.get(date)?.resolved ?? 0,
      })),
      overdueByStreet: streetRows
        .map(({ code, name, overdue }) => ({ code, name, overdue }))
        .sort((a, b) => b.overdue - a.overdue || a.code.localeCompare(b.code)),
      topCategories: categoryRows,
      latest: latestRows.map((r) => ({ ...r, reportedAt: new Date(r.reportedAt).toISOString() })),
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
    enterprises: rankEnterprises(enterpriseRows),
    coverage: { summary, focus, progress },
    alarmGrades: alarmRows.map((r) => r.grade),
  };
}

/** Locations of the events reported in the `days` before `now`, oldest first. */
export async function findWallHistory(
  db: Queryable,
  days: number,
  now: Date,
): Promise<WallHistory> {
  const rows = await db.query<{ lng: number; lat: number }>(
    `SELECT round(ST_X(geom)::numeric, 5)::float8 AS lng, round(ST_Y(geom)::numeric, 5)::float8 AS lat
     FROM events
     WHERE reported_at > $1::timestamptz - make_interval(days => $2) AND reported_at <= $1::timestamptz
     ORDER BY reported_at, id`,
    [now.toISOString(), days],
  );
  const positions = new Array<number>(rows.length * 2);
  rows.forEach((r, i) => {
    positions[i * 2] = r.lng;
    positions[i * 2 + 1] = r.lat;
  });
  return { asOf: now.toISOString(), days, count: rows.length, positions };
}
