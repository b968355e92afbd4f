import type {
  DrawCandidate,
  InspectionDraw,
  ListEntry,
  RedBlackList,
} from '../../common/enterprises.ts';
import type { Queryable } from '../db.ts';

// Inspection draws with their results, and the published red/black lists.

/**
 * The candidates of a draw: every enterprise serving a compound, with the street where it serves
 * the most (ties: the lower code), for stratification.
 */
export async function findDrawCandidates(db: Queryable): Promise<DrawCandidate[]> {
  return db.query<DrawCandidate>(
    `SELECT DISTINCT ON (enterprise_id) enterprise_id AS id, street_code AS "streetCode"
     FROM compounds WHERE enterprise_id IS NOT NULL
     GROUP BY enterprise_id, street_code
     ORDER BY enterprise_id, count(*) DESC, street_code`,
  );
}

const DRAW_COLUMNS = `d.id, d.period, d.seed, d.stratified, d.enterprise_count AS "enterpriseCount",
  d.inspector_count AS "inspectorCount", d.candidates, d.inspectors, d.drawn, d.drawn_at AS "drawnAt",
  coalesce((SELECT json_agg(json_build_object('enterpriseId', r.enterprise_id, 'item', r.item,
      'passed', r.passed, 'note', r.note, 'inspectedOn', to_char(r.inspected_on, 'YYYY-MM-DD'))
      ORDER BY r.id)
    FROM inspection_results r WHERE r.draw_id = d.id), '[]'::json) AS results`;

/** Every draw with its results, newest first (public: 一公开). */
export async function findDraws(db: Queryable): Promise<InspectionDraw[]> {
  return db.query<InspectionDraw>(
    `SELECT ${DRAW_COLUMNS} FROM inspection_draws d ORDER BY d.id DESC`,
  );
}

/** One draw with its results, or null. */
export async function findDraw(db: Queryable, id: number): Promise<InspectionDraw | null> {
  const [row] = await db.query<InspectionDraw>(
    `SELECT ${DRAW_COLUMNS} FROM inspection_draws d WHERE d.id = $1`,
    [id],
  );
  return row ?? null;
}

/** Stores a draw; returns its id. */
export async function insertDraw(
  tx: Queryable,
  d: Omit<InspectionDraw, 'id' | 'drawnAt' | 'results'>,
  actor: string,
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO inspection_draws (period, seed, stratified, enterprise_count, inspector_count,
       candidates, inspectors, drawn, drawn_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      d.period,
      d.seed,
      d.stratified,
      d.enterpriseCount,
      d.inspectorCount,
      JSON.stringify(d.candidates),
      JSON.stringify(d.inspectors),
      JSON.stringify(d.drawn),
      actor,
    ],
  );
  return row!.id;
}

/** The items already recorded for an enterprise in a draw. */
export async function findRecordedItems(
  tx: Queryable,
  drawId: number,
  enterpriseId: number,
): Promise<string[]> {
  const rows = await tx.query<{ item: string }>(
    'SELECT item FROM inspection_results WHERE draw_id = $1 AND enterprise_id = $2',
    [drawId, enterpriseId],
  );
  return rows.map((r) => r.item);
}

/** Records one inspected item. */
export async function insertResult(
  tx: Queryable,
  r: {
    drawId: number;
    enterpriseId: number;
    item: string;
    passed: boolean;
    note: string;
    inspectedOn: string;
  },
  actor: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO inspection_results (draw_id, enterprise_id, item, passed, note, inspected_on, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [r.drawId, r.enterpriseId, r.item, r.passed, r.note, r.inspectedOn, actor],
  );
}

const LIST_COLUMNS = `id, period, to_char(as_of, 'YYYY-MM-DD') AS "asOf",
  to_char(published_on, 'YYYY-MM-DD') AS "publishedOn", rule, red, black`;

/** The published lists, newest period first. */
export async function findLists(db: Queryable): Promise<RedBlackList[]> {
  return db.query<RedBlackList>(
    `SELECT ${LIST_COLUMNS} FROM red_black_lists ORDER BY period DESC, id DESC`,
  );
}

/** The list of the latest period, or null before the first is published. */
export async function findLatestList(db: Queryable): Promise<RedBlackList | null> {
  const [row] = await db.query<RedBlackList>(
    `SELECT ${LIST_COLUMNS} FROM red_black_lists ORDER BY period DESC, id DESC LIMIT 1`,
  );
  return row ?? null;
}

/** Publishes a period's list; null when that period has one already. */
export async function insertList(
  tx: Queryable,
  l: {
    period: string;
    asOf: string;
    publishedOn: string;
    rule: object;
    red: ListEntry[];
    black: ListEntry[];
  },
  actor: string,
): Promise<number | null> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO red_black_lists (period, as_of, published_on, published_by, rule, red, black)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (period) DO NOTHING RETURNING id`,
    [
      l.period,
      l.asOf,
      l.publishedOn,
      actor,
      JSON.stringify(l.rule),
      JSON.stringify(l.red),
      JSON.stringify(l.black),
    ],
  );
  return row?.id ?? null;
}
