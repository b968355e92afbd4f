import type { Db } from '../db.ts';

// Deterministic history for an empty events table, so the wall's 30-day trend, today's figures and
// the enterprise lists have something plausible to show on a fresh install. Written in SQL in one
// transaction (a fixed handful of statements whatever the number of days), never through the intake API: the
// history is not news, so nothing is broadcast. Every "random" choice is a hash of the event's
// ordinal and a salt (md5, the same on PostgreSQL and PGlite), so the same days give the same rows.

export const HISTORY = {
  baseEventsPerDay: 32, // a working day's intake across the district, before the noise below
  noiseEventsPerDay: 16, // + 0..15 by a hash of the day
  weekendFactor: 0.6, // fewer reports on Saturdays and Sundays
  actor: 'history-seed', // the actor on every audit row, so seeded history is recognisable
};

/** Categories with their share of reports (weights), the common ones first. */
const CATEGORY_WEIGHTS: [category: string, weight: number][] = [
  ['property_service', 18],
  ['sanitation', 14],
  ['parking', 12],
  ['fee_dispute', 10],
  ['elevator_fault', 9],
  ['utilities', 8],
  ['neighbour_dispute', 7],
  ['illegal_construction', 6],
  ['public_revenue', 4],
  ['maintenance_fund', 4],
  ['owners_committee', 3],
  ['fire_safety', 2],
  ['flood_typhoon', 1],
  ['other', 2],
];
const CHANNEL_WEIGHTS: [channel: string, weight: number][] = [
  ['libianmin', 35],
  ['hotline_12345', 25],
  ['liwangtong', 20],
  ['grid_patrol', 14],
  ['reception_day', 4],
  ['owners_talk', 2],
];

// a number in [0, 2^32) from an ordinal and a salt
const HASH = (expr: string, salt: string) =>
  `(('x' || substr(md5((${expr})::text || '${salt}'), 1, 8))::bit(32)::bigint)`;

// pick from weighted choices by a hash: cumulative weights as a VALUES list
function weighted(choices: [string, number][]): string {
  let total = 0;
  const rows = choices.map(([value, weight]) => {
    const from = total;
    total += weight;
    return `('${value}', ${from}, ${total})`;
  });
  return `(VALUES ${rows.join(', ')}) AS w(value, lo, hi)`;
}
const totalWeight = (choices: [string, number][]) => choices.reduce((sum, [, w]) => sum + w, 0);

// the states of the workflow in the order a normal case passes them, with the action that enters each
const STEP_SQL = `(VALUES (1, 'accept', 'reported', 'accepted'), (2, 'dispatch', 'accepted', 'dispatched'),
  (3, 'start', 'dispatched', 'in_progress'), (4, 'resolve', 'in_progress', 'resolved'),
  (5, 'close', 'resolved', 'closed')) AS s(n, action, from_state, to_state)`;

/**
 * Seeds `days` days of grievance history ending at `now` into an empty events table (days ≤ 0 or
 * any event present: nothing). Events lie in compounds (a seeded point inside the polygon) and carry
 * that compound's grid, community and street; the grade is the category's default, as at intake;
 * the older an event, the likelier it is closed. Open events past their deadline are flagged
 * overdue at their level, so the overdue job does not escalate the whole history at start.
 * @returns the number of events written
 */
export async function seedHistoryIfEmpty(db: Db, days: number, now: Date): Promise<number> {
  if (days <= 0) return 0;
  return db.withTransaction(async (tx) => {
    const [{ any } = { any: true }] = await tx.query<{ any: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM events) AS any',
    );
    if (any) return 0;
    const nowIso = now.toISOString();
    // one row per event: day d (0 = today) and its ordinal k in the whole history
    const inserted = await tx.query<{ n: number }>(
      `WITH
       days AS (
         -- local (UTC+8, no daylight saving in China) midnights, today first
         SELECT d, local_day, (local_day - interval '8 hours') AT TIME ZONE 'UTC' AS day_start
         FROM generate_series(0, $2::int - 1) AS d
         CROSS JOIN LATERAL (SELECT date_trunc('day', ($1::timestamptz AT TIME ZONE 'UTC') + interval '8 hours')
                                    - make_interval(days => d) AS local_day) l
       ),
       per_day AS (
         SELECT d, day_start,
                floor((${HISTORY.baseEventsPerDay} + ${HASH('d', 'n')} % ${HISTORY.noiseEventsPerDay})
                      * CASE WHEN extract(isodow FROM local_day) >= 6
                             THEN ${HISTORY.weekendFactor} ELSE 1 END)::int AS n
         FROM days
       ),
       slots AS (
         SELECT p.d, p.day_start, j, row_number() OVER (ORDER BY p.d DESC, j) AS k
         FROM per_day p CROSS JOIN LATERAL generate_series(1, p.n) AS j
       ),
       compound_list AS (
         SELECT c.id, c.grid_code, c.community_code, c.street_code, c.geom,
                row_number() OVER (ORDER BY c.id) - 1 AS rn, count(*) OVER () AS total
         FROM compounds c
       ),
       picked AS (
         SELECT s.k, s.d,
                -- daytime-weighted: 07:00 + up to 14 h, plus a few night reports
                s.day_start + make_interval(mins => (CASE WHEN ${HASH('s.k', 't')} % 10 = 0
                                                          THEN ${HASH('s.k', 'm')} % 1440
                                                          ELSE 420 + ${HASH('s.k', 'm')} % 840 END)::int)
                  AS reported_at,
                (SELECT w.value FROM ${weighted(CATEGORY_WEIGHTS)}
                 WHERE ${HASH('s.k', 'c')} % ${totalWeight(CATEGORY_WEIGHTS)} >= w.lo
                   AND ${HASH('s.k', 'c')} % ${totalWeight(CATEGORY_WEIGHTS)} < w.hi) AS category,
                (SELECT w.value FROM ${weighted(CHANNEL_WEIGHTS)}
                 WHERE ${HASH('s.k', 'h')} % ${totalWeight(CHANNEL_WEIGHTS)} >= w.lo
                   AND ${HASH('s.k', 'h')} % ${totalWeight(CHANNEL_WEIGHTS)} < w.hi) AS channel,
                ${HASH('s.k', 'p')} % 100 AS p,
                ${HASH('s.k', 'x')} AS compound_hash
         FROM slots s
       ),
       shaped AS (
         SELECT pk.*, gr.level, gr.deadline_hours,
                extract(epoch FROM ($1::timestamptz - pk.reported_at)) / 3600 AS age_h
         FROM picked pk
         JOIN event_categories c ON c.code = pk.category
         JOIN event_grades gr ON gr.grade = c.default_grade
         WHERE pk.reported_at < $1::timestamptz
       ),
       staged AS (
         -- how far along the workflow: older cases are mostly closed, today's mostly still open
         SELECT sh.*,
                CASE
                  WHEN sh.age_h < 2 THEN (ARRAY[0, 0, 0, 1, 1, 2]::int[])[1 + sh.p % 6]
                  WHEN sh.age_h < 24 THEN (ARRAY[0, 1, 2, 2, 3, 3, 3, 4, 4, 5]::int[])[1 + sh.p % 10]
                  WHEN sh.age_h < 72 THEN (ARRAY[2, 3, 4, 4, 5, 5, 5, 5, 5, 5]::int[])[1 + sh.p % 10]
                  ELSE CASE WHEN sh.p < 1 THEN 3 WHEN sh.p < 11 THEN 4 ELSE 5 END
                END AS step
         FROM shaped sh
       )
       INSERT INTO events (channel, category, grade, level, state, description, geom, grid_code,
                           community_code, street_code, compound_id, assignee, deadline, overdue,
                           overdue_level, reported_at, updated_at)
       SELECT st.channel, st.category, c.default_grade, st.level,
              (ARRAY['reported', 'accepted', 'dispatched', 'in_progress', 'resolved', 'closed'])[st.step + 1],
              '历史记录：' || c.name_zh,
              ST_GeometryN(ST_GeneratePoints(cl.geom, 1, (st.k % 1000000)::int + 1), 1),
              cl.grid_code, cl.community_code, cl.street_code, cl.id,
              CASE WHEN st.step >= 2 THEN '网格员：' || cl.grid_code END,
              st.reported_at + make_interval(hours => st.deadline_hours),
              late.overdue, CASE WHEN late.overdue THEN st.level END,
              st.reported_at,
              least($1::timestamptz, st.reported_at + make_interval(mins => (st.step * (30 + st.p * 6))::int))
       FROM staged st
       JOIN event_categories c ON c.code = st.category
       JOIN compound_list cl ON cl.rn = st.compound_hash % cl.total
       CROSS JOIN LATERAL (
         -- open and past the deadline; or finished, but late (one in ten)
         SELECT (st.step < 4 AND st.reported_at + make_interval(hours => st.deadline_hours) < $1::timestamptz)
                OR (st.step >= 4 AND st.p % 10 = 7) AS overdue
       ) late
       ORDER BY st.k
       RETURNING 1 AS n`,
      [nowIso, days],
    );
    // the audit trail: the report, then one row per step taken, evenly between report and update
    await tx.query(
      `INSERT INTO event_audit (event_id, at, actor, action, from_state, to_state, from_level, to_level, assignee, note)
       SELECT e.id, e.reported_at, $1, 'report', NULL, 'reported', NULL, e.level, NULL, e.channel
       FROM events e ORDER BY e.id`,
      [HISTORY.actor],
    );
    await tx.query(
      `INSERT INTO event_audit (event_id, at, actor, action, from_state, to_state, from_level, to_level, assignee, note)
       SELECT e.id, e.reported_at + (e.updated_at - e.reported_at) * s.n / t.steps,
              $1, s.action, s.from_state, s.to_state, e.level, e.level,
              CASE WHEN s.action = 'dispatch' THEN e.assignee END, NULL
       FROM events e
       CROSS JOIN LATERAL (SELECT array_position(
         ARRAY['reported', 'accepted', 'dispatched', 'in_progress', 'resolved', 'closed'], e.state) - 1 AS steps) t
       JOIN ${STEP_SQL} ON s.n <= t.steps
       ORDER BY e.id, s.n`,
      [HISTORY.actor],
    );
    // the overdue job's mark on open events past their deadline (the history never escalates)
    await tx.query(
      `INSERT INTO event_audit (event_id, at, actor, action, from_state, to_state, from_level, to_level, note)
       SELECT e.id, e.deadline, 'system', 'overdue', e.state, e.state, e.level, e.level, 'deadline passed'
       FROM events e WHERE e.overdue AND e.state NOT IN ('resolved', 'closed') ORDER BY e.id`,
    );
    // the stream: every event reported, and changed once if it moved on (its seq is the last)
    await tx.query(
      `INSERT INTO event_changes (event_id, kind, at)
       SELECT id, kind, at FROM (
         SELECT e.id, 'reported' AS kind, e.reported_at AS at, 0 AS o FROM events e
         UNION ALL
         SELECT e.id, 'changed', e.updated_at, 1 FROM events e WHERE e.state <> 'reported'
       ) x ORDER BY id, o`,
    );
    return inserted.length;
  });
}
