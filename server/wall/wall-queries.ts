import type { ProgressOptions } from '../coverage/coverage.ts';
import { findCoverageProgress, findCoverageSummary } from '../coverage/coverage-queries.ts';
import type { Grade } from '../../common/grievances.ts';
import type { WallHistory, WallSummary } from '../../common/wall.ts';
import type { Queryable } from '../db.ts';
import { findLatestList } from '../enterprises/inspections-queries.ts';
import { chinaDate, chinaDayStart, daysEndingWith } from './wall-rules.ts';
import { buildWallSummary, type WallSummaryRows } from './wall-summary.ts';

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
 * the pie), its focus and progress follow the street. The queries run side by side; the answer is
 * shaped by buildWallSummary (wall-summary.ts).
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

  const progressOptions = { ...coverage, today };
  const [
    todayRows,
    streetRows,
    trendRows,
    categoryRows,
    latestRows,
    [committees],
    latestList,
    alarmRows,
    coverageSummary,
    streetProgress,
  ] = await Promise.all([
    db.query<WallSummaryRows['today'][number]>(
      `SELECT e.state, e.grade, count(*)::int AS n FROM events e
     WHERE e.reported_at >= $3::timestamptz AND e.reported_at <= $1::timestamptz AND ${inStreet}
     GROUP BY e.state, e.grade`,
      [...base, todayStart.toISOString()],
    ),
    db.query<WallSummaryRows['streets'][number]>(
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
    ),
    db.query<WallSummaryRows['trend'][number]>(
      `SELECT ${CHINA_DAY('e.reported_at')} AS date, count(*)::int AS reported,
            count(*) FILTER (WHERE e.state IN ('resolved', 'closed'))::int AS resolved
     FROM events e
     WHERE e.reported_at >= $3::timestamptz AND e.reported_at <= $1::timestamptz AND ${inStreet}
     GROUP BY 1`,
      [...base, windowStart.toISOString()],
    ),
    db.query<WallSummaryRows['topCategories'][number]>(
      `SELECT e.category, count(*)::int AS count FROM events e
     WHERE e.reported_at >= $3::timestamptz AND e.reported_at <= $1::timestamptz AND ${inStreet}
     GROUP BY e.category ORDER BY count DESC, e.category LIMIT ${TOP_CATEGORIES}`,
      [...base, windowStart.toISOString()],
    ),
    db.query<WallSummaryRows['latest'][number]>(
      `SELECT e.id::int AS id, e.category, e.grade, e.state, e.level, e.street_code AS "streetCode",
            e.reported_at AS "reportedAt", ${OVERDUE} AS overdue,
            s.name AS "streetName", m.name AS "communityName"
     FROM events e JOIN streets s ON s.code = e.street_code
     JOIN communities m ON m.code = e.community_code
     WHERE e.reported_at <= $1::timestamptz AND ${inStreet}
     ORDER BY e.reported_at DESC, e.id DESC LIMIT ${LATEST_EVENTS}`,
      base,
    ),
    db.query<WallSummaryRows['committees']>(
      `SELECT count(*)::int AS compounds,
            count(*) FILTER (WHERE oc.status = 'elected')::int AS elected,
            count(*) FILTER (WHERE oc.status = 'temporary')::int AS temporary,
            count(*) FILTER (WHERE oc.status = 'preparing')::int AS preparing,
            count(*) FILTER (WHERE oc.status = 'elected' AND oc.compliance = 'meets')::int AS meeting
     FROM compounds c LEFT JOIN owners_committees oc ON oc.compound_id = c.id
     WHERE $1::text IS NULL OR c.street_code = $1`,
      [streetCode],
    ),
    findLatestList(db),
    db.query<{ grade: Grade }>('SELECT grade FROM event_grades WHERE alarm ORDER BY grade'),
    findCoverageSummary(db, progressOptions),
    streetCode === null ? null : findCoverageProgress(db, progressOptions, streetCode),
  ]);

  return buildWallSummary(
    { asOf: now.toISOString(), streetCode, today, days },
    {
      today: todayRows,
      streets: streetRows,
      trend: trendRows,
      topCategories: categoryRows,
      latest: latestRows,
      committees: committees!,
      enterprises: latestList,
      alarmGrades: alarmRows.map((r) => r.grade),
      coverage: coverageSummary,
      streetProgress,
    },
  );
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
