import type { RevenuePublication } from '../../common/ledgers.ts';
import {
  disclosureDueOn,
  dutyStatus,
  type CommitteeOptions,
} from '../committees/committee-rules.ts';
import type { Queryable } from '../db.ts';
import type { Area } from './funds-queries.ts';

// Public revenue (公共收益, 三(六)): each compound's quarterly publication on its notice board. Due
// as an owners' committee's quarterly disclosure is (disclosureDueOn), so late and missing are the
// committee rule's dutyStatus.

type Row = Omit<RevenuePublication, 'dueOn' | 'status'>;

/** Every live compound in an area (optionally one) with its publication for a quarter. */
export async function listRevenue(
  db: Queryable,
  area: Area,
  quarter: string,
  today: string,
  options: CommitteeOptions,
  compoundId: number | null = null,
): Promise<RevenuePublication[]> {
  const rows = await db.query<Row>(
    `SELECT c.id AS "compoundId", c.name AS "compoundName", c.street_code AS "streetCode",
            c.community_code AS "communityCode", $4::text AS quarter,
            r.income::float8 AS income, r.expense::float8 AS expense,
            r.published_on::text AS "publishedOn", r.place, r.version
     FROM compounds c LEFT JOIN revenue_publications r ON r.compound_id = c.id AND r.quarter = $4
     WHERE ($1::boolean OR c.street_code = ANY($2::text[]) OR c.community_code = ANY($3::text[]))
       AND ($5::int IS NULL OR c.id = $5)
     ORDER BY c.id`,
    [area.district, area.streets, area.communities, quarter, compoundId],
  );
  const dueOn = disclosureDueOn(quarter, options);
  return rows.map((r) => ({ ...r, dueOn, status: dutyStatus(dueOn, r.publishedOn, today) }));
}

export type RevenueInput = { income: number; expense: number; publishedOn: string; place: string };

/** Records (or corrects) a quarter's publication, audited before → after. */
export async function writeRevenue(
  tx: Queryable,
  w: {
    compoundId: number;
    quarter: string;
    before: RevenuePublication;
    input: RevenueInput;
    actor: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO revenue_publications (compound_id, quarter, income, expense, published_on, place)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (compound_id, quarter) DO UPDATE SET income = $3, expense = $4, published_on = $5,
       place = $6, version = revenue_publications.version + 1`,
    [w.compoundId, w.quarter, w.input.income, w.input.expense, w.input.publishedOn, w.input.place],
  );
  const b = w.before;
  await tx.query(
    `INSERT INTO revenue_audit (compound_id, quarter, actor, before, after) VALUES ($1, $2, $3, $4, $5)`,
    [
      w.compoundId,
      w.quarter,
      w.actor,
      b.version === null
        ? null
        : JSON.stringify({
            income: b.income,
            expense: b.expense,
            publishedOn: b.publishedOn,
            place: b.place,
          }),
      JSON.stringify(w.input),
    ],
  );
}

/** Locks a compound's publication row for a quarter, if there is one. */
export async function lockRevenue(
  tx: Queryable,
  compoundId: number,
  quarter: string,
): Promise<void> {
  await tx.query(
    'SELECT 1 FROM revenue_publications WHERE compound_id = $1 AND quarter = $2 FOR UPDATE',
    [compoundId, quarter],
  );
}
