import type { Db } from '../db.ts';
import { chinaDate } from '../wall/wall-rules.ts';
import { periodEnd, rankRedBlack, type ScoreRule } from './credit-score.ts';
import { findEnterpriseSummaries } from './enterprise-views.ts';
import { insertList } from './inspections-queries.ts';

// Demonstration data for the enterprises' files (never in production: seed.ts calls it only with
// SEED_DEMO_DATA): party organisations, one project manager each, contracts, a year's
// evaluations, a few 不良行为 records, and the previous quarter's published red/black list, so
// the page and the wall are not empty. Deterministic from the enterprise ids; every text says
// it is an example.

const DAY = 86_400_000;

/** Seeds the demonstration files when the credit file is empty; returns the records written. */
export async function seedEnterpriseDemoIfEmpty(
  db: Db,
  now: Date,
  rule: ScoreRule,
): Promise<number> {
  const [{ n }] = (await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM enterprise_records',
  )) as [{ n: number }];
  const [{ served }] = (await db.query<{ served: number }>(
    'SELECT count(*)::int AS served FROM compounds WHERE enterprise_id IS NOT NULL',
  )) as [{ served: number }];
  if (n > 0 || served === 0) return 0;
  const today = chinaDate(now);
  const daysAgo = (d: number) => chinaDate(new Date(now.getTime() - d * DAY));
  const previous = previousQuarter(today);
  const written = await db.withTransaction(async (tx) => {
    await tx.query(
      `UPDATE enterprises SET
         party_org = (ARRAY['branch', 'joint_branch', 'none'])[id % 3 + 1],
         charter_party_clause = id % 2 = 1,
         address = '鲤城区示例路 ' || id || ' 号（示例地址）'`,
    );
    await tx.query(
      `INSERT INTO project_managers (enterprise_id, name, certificate, compound_ids)
       SELECT e.id, '示例项目经理' || e.id, 'SL-' || lpad(e.id::text, 6, '0'),
              ARRAY(SELECT c.id FROM compounds c WHERE c.enterprise_id = e.id ORDER BY c.id)
       FROM enterprises e WHERE EXISTS (SELECT 1 FROM compounds c WHERE c.enterprise_id = e.id)`,
    );
    await tx.query(
      `INSERT INTO enterprise_contracts (compound_id, enterprise_id, starts_on, ends_on)
       SELECT id, enterprise_id, DATE '2022-01-01' + (id % 365),
              DATE '2022-01-01' + (id % 365) + interval '3 years'
       FROM compounds WHERE enterprise_id IS NOT NULL`,
    );
    // a yearly evaluation by the street where each serves most, marks from the id
    const evaluations = await tx.query(
      `INSERT INTO enterprise_records (enterprise_id, kind, on_date, details, recorded_by)
       SELECT DISTINCT ON (enterprise_id) enterprise_id, 'evaluation', $1::date,
              json_build_object('year', $2::int, 'unitCode', street_code,
                'contractPerformance', 70 + (enterprise_id * 7) % 26,
                'partyBuilding', 65 + (enterprise_id * 11) % 31,
                'comments', '（示例）年度考评'),
              'demo'
       FROM compounds WHERE enterprise_id IS NOT NULL
       GROUP BY enterprise_id, street_code
       ORDER BY enterprise_id, count(*) DESC, street_code
       RETURNING id`,
      [daysAgo(120), Number(daysAgo(120).slice(0, 4))],
    );
    // every ninth enterprise, from the fourth, has three 不良行为 records: the black list's
    const conduct = await tx.query(
      `INSERT INTO enterprise_records (enterprise_id, kind, on_date, details, recorded_by)
       SELECT e.id, 'bad_conduct', $1::date - k * 20,
              json_build_object('description', '（示例）' ||
                (ARRAY['未按合同提供秩序维护', '公共收益未公示', '消防通道长期堵塞'])[k]),
              'demo'
       FROM enterprises e CROSS JOIN generate_series(1, 3) k
       WHERE e.id % 9 = 4 AND EXISTS (SELECT 1 FROM compounds c WHERE c.enterprise_id = e.id)
       RETURNING id`,
      [daysAgo(100)],
    );
    // even ids have reported to their communities, signed the joint agreement, done a project
    const building = await tx.query(
      `INSERT INTO enterprise_records (enterprise_id, kind, on_date, details, recorded_by)
       SELECT e.id, 'party_building', $1::date + k * 7,
              json_build_object('step', (ARRAY['report', 'agreement', 'project_completed'])[k],
                'person', '示例项目经理' || e.id, 'project', '（示例）社区志愿服务'),
              'demo'
       FROM enterprises e CROSS JOIN generate_series(1, 3) k
       WHERE e.id % 2 = 0 AND EXISTS (SELECT 1 FROM compounds c WHERE c.enterprise_id = e.id)
       RETURNING id`,
      [daysAgo(150)],
    );
    return evaluations.length + conduct.length + building.length;
  });
  // the previous quarter's list, as the bureau would have published it at the quarter's end
  const asOf = periodEnd(previous);
  const scored = (await findEnterpriseSummaries(db, asOf, rule))
    .filter((e) => e.compounds > 0)
    .map((e) => ({ id: e.id, name: e.name, score: e.score, compounds: e.compounds }));
  await db.withTransaction((tx) =>
    insertList(
      tx,
      { period: previous, asOf, publishedOn: asOf, rule, ...rankRedBlack(scored, rule) },
      'demo',
    ),
  );
  return written;
}

/**
 * The quarter before the one a day falls in.
 * @example previousQuarter('2026-12-05') // '2026Q3'
 */
export function previousQuarter(day: string): string {
  const year = Number(day.slice(0, 4));
  const quarter = Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;
  return quarter === 1 ? `${year - 1}Q4` : `${year}Q${quarter - 1}`;
}
