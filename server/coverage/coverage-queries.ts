import type { CoverageSummary } from '../../common/api.ts';
import type { Queryable } from '../db.ts';
import {
  buildCoverageProgress,
  buildCoverageUnit,
  type ModeTally,
  type ProgressOptions,
} from './coverage.ts';

/** Coverage by mode for the district and each street, and progress against the plan's targets. */
export async function findCoverageSummary(
  db: Queryable,
  options: ProgressOptions,
): Promise<CoverageSummary> {
  const tallies = await db.query<ModeTally>(
    `SELECT street_code AS "unitCode", coverage_mode AS mode,
            count(*)::int AS compounds, sum(households)::int AS households
     FROM compounds GROUP BY street_code, coverage_mode ORDER BY 1, 2`,
  );
  const streets = await db.query<{ code: string; name: string }>(
    'SELECT code, name FROM streets ORDER BY code',
  );
  const [district] = await db.query<{ code: string; name: string }>(
    'SELECT code, name FROM district ORDER BY code LIMIT 1',
  );
  // a compound's mode at the baseline is the mode_before of its first change after the baseline,
  // or its current mode when it has not changed since; coveredOn is its first change to a service
  const baseline = await db.query<{ coveredOn: string | null }>(
    `WITH first_change AS (
       SELECT DISTINCT ON (compound_id) compound_id, mode_before
       FROM coverage_history WHERE changed_on > $1::date
       ORDER BY compound_id, changed_on, id
     ), covered AS (
       SELECT compound_id, min(changed_on) AS covered_on
       FROM coverage_history WHERE changed_on > $1::date AND mode_after <> 'none'
       GROUP BY compound_id
     )
     -- one that lost its service again counts as not covered, on every date (kept simple on purpose)
     SELECT CASE WHEN c.coverage_mode = 'none' THEN NULL
                 ELSE to_char(cv.covered_on, 'YYYY-MM-DD') END AS "coveredOn"
     FROM compounds c
     LEFT JOIN first_change fc ON fc.compound_id = c.id
     LEFT JOIN covered cv ON cv.compound_id = c.id
     WHERE coalesce(fc.mode_before, c.coverage_mode) = 'none'
     ORDER BY c.id`,
    [options.baselineDate],
  );
  return {
    district: buildCoverageUnit(district?.code ?? '', district?.name ?? '', tallies),
    streets: streets.map((s) =>
      buildCoverageUnit(
        s.code,
        s.name,
        tallies.filter((t) => t.unitCode === s.code),
      ),
    ),
    progress: buildCoverageProgress(baseline, options),
  };
}
