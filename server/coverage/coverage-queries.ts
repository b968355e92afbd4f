import type { CoverageProgress, CoverageSummary, UnmanagedCompound } from '../../common/api.ts';
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
  return {
    district: buildCoverageUnit(district?.code ?? '', district?.name ?? '', tallies),
    streets: streets.map((s) =>
      buildCoverageUnit(
        s.code,
        s.name,
        tallies.filter((t) => t.unitCode === s.code),
      ),
    ),
    progress: await findCoverageProgress(db, options, null),
  };
}

/** Progress toward the plan's targets for the district, or for one street's baseline compounds. */
export async function findCoverageProgress(
  db: Queryable,
  options: ProgressOptions,
  streetCode: string | null,
): Promise<CoverageProgress> {
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
       AND ($2::text IS NULL OR c.street_code = $2)
     ORDER BY c.id`,
    [options.baselineDate, streetCode],
  );
  return buildCoverageProgress(baseline, options);
}

/** Compounds with no property service now, and the open proposal holding each, by street and id. */
export async function findUnmanagedCompounds(
  db: Queryable,
  streetCode: string | null,
): Promise<UnmanagedCompound[]> {
  const rows = await db.query<
    Omit<UnmanagedCompound, 'proposal' | 'street' | 'community'> & {
      streetCode: string;
      streetName: string;
      communityCode: string;
      communityName: string;
      proposalId: number | null;
      proposalState: 'draft' | 'approved' | null;
    }
  >(
    `SELECT c.id, c.name, c.households, c.buildings,
            s.code AS "streetCode", s.name AS "streetName",
            cm.code AS "communityCode", cm.name AS "communityName",
            p.id AS "proposalId", p.state AS "proposalState"
     FROM compounds c
     JOIN streets s ON s.code = c.street_code
     JOIN communities cm ON cm.code = c.community_code
     LEFT JOIN bundle_proposal_compounds pc ON pc.compound_id = c.id AND pc.open
     LEFT JOIN bundle_proposals p ON p.id = pc.proposal_id
     WHERE c.coverage_mode = 'none' AND ($1::text IS NULL OR c.street_code = $1)
     ORDER BY c.street_code, c.id`,
    [streetCode],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    street: { code: r.streetCode, name: r.streetName },
    community: { code: r.communityCode, name: r.communityName },
    households: r.households,
    buildings: r.buildings,
    proposal: r.proposalId ? { id: r.proposalId, state: r.proposalState! } : null,
  }));
}
