import type { FundAccount, FundFlag, TopUpStatus, TopUpTask } from '../../common/ledgers.ts';
import type { Queryable } from '../db.ts';
import { balanceShare, fundFlags, nextBreach, planDueOn } from './fund-rules.ts';

// Maintenance-fund accounts, their top-up plan tasks and public-revenue publications: reads and
// writes, each write audited in its transaction. The judgement is fund-rules.ts.

export type Area = { district: boolean; streets: string[]; communities: string[] };

const IN_AREA = `($1::boolean OR c.street_code = ANY($2::text[]) OR c.community_code = ANY($3::text[]))`;
const areaParams = (a: Area) => [a.district, a.streets, a.communities];

type AccountRow = Omit<FundAccount, 'balanceShare' | 'flags'>;
const ACCOUNT_COLUMNS = `f.compound_id AS "compoundId", c.name AS "compoundName",
  c.street_code AS "streetCode", c.community_code AS "communityCode",
  f.first_deposit::float8 AS "firstDeposit", f.balance::float8 AS balance,
  f.arrears_households AS "arrearsHouseholds", f.as_of::text AS "asOf",
  f.breach_since::text AS "breachSince", f.version`;

const judged = (r: AccountRow): FundAccount => ({
  ...r,
  balanceShare: balanceShare(r.firstDeposit, r.balance),
  flags: fundFlags(r),
});

/** Accounts of live compounds in an area (optionally one street), flagged ones first. */
export async function listFunds(
  db: Queryable,
  area: Area,
  streetCode?: string,
): Promise<FundAccount[]> {
  const rows = await db.query<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM fund_accounts f JOIN compounds c ON c.id = f.compound_id
     WHERE ${IN_AREA} AND ($4::text IS NULL OR c.street_code = $4) ORDER BY f.compound_id`,
    [...areaParams(area), streetCode ?? null],
  );
  return rows.map(judged).sort((a, b) => Number(b.flags.length > 0) - Number(a.flags.length > 0));
}

export async function lockFund(tx: Queryable, compoundId: number): Promise<FundAccount | null> {
  const [row] = await tx.query<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM fund_accounts f JOIN compound_register c ON c.id = f.compound_id
     WHERE f.compound_id = $1 FOR UPDATE OF f`,
    [compoundId],
  );
  return row ? judged(row) : null;
}

export type FundReading = {
  firstDeposit: number;
  balance: number;
  arrearsHouseholds: number;
  asOf: string;
};

/**
 * Writes a new reading of a compound's account (creating it if there is none), audits it, and
 * opens the top-up plan task when a breach begins (once per breach: the task's key is the
 * compound and the breach's first day). Returns the id of a task it opened, or null.
 */
export async function recordFundReading(
  tx: Queryable,
  w: {
    compound: { id: number; streetCode: string; communityCode: string };
    before: FundAccount | null;
    reading: FundReading;
    actor: string;
    action: 'create' | 'edit' | 'import';
    reason: string | null;
    today: string;
  },
): Promise<number | null> {
  const flags = fundFlags(w.reading);
  const breach = nextBreach(w.before?.breachSince ?? null, flags, w.reading.asOf);
  await tx.query(
    `INSERT INTO fund_accounts (compound_id, first_deposit, balance, arrears_households, as_of, breach_since)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (compound_id) DO UPDATE SET first_deposit = $2, balance = $3,
       arrears_households = $4, as_of = $5, breach_since = $6,
       version = fund_accounts.version + 1, updated_at = now()`,
    [
      w.compound.id,
      w.reading.firstDeposit,
      w.reading.balance,
      w.reading.arrearsHouseholds,
      w.reading.asOf,
      breach.breachSince,
    ],
  );
  const was = w.before && {
    firstDeposit: w.before.firstDeposit,
    balance: w.before.balance,
    arrearsHouseholds: w.before.arrearsHouseholds,
    asOf: w.before.asOf,
    breachSince: w.before.breachSince,
  };
  await tx.query(
    `INSERT INTO fund_audit (compound_id, action, actor, before, after, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      w.compound.id,
      w.action,
      w.actor,
      was && JSON.stringify(was),
      JSON.stringify({ ...w.reading, breachSince: breach.breachSince }),
      w.reason,
    ],
  );
  if (!breach.opensTask) return null;
  return openTopUpTask(tx, {
    ...w.compound,
    breachSince: breach.breachSince!,
    reasons: flags,
    today: w.today,
    actor: w.actor,
  });
}

async function openTopUpTask(
  tx: Queryable,
  t: {
    id: number;
    streetCode: string;
    communityCode: string;
    breachSince: string;
    reasons: FundFlag[];
    today: string;
    actor: string;
  },
): Promise<number | null> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO topup_tasks (compound_id, street_code, community_code, breach_since, reasons, opened_on, due_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (compound_id, breach_since) DO NOTHING RETURNING id`,
    [t.id, t.streetCode, t.communityCode, t.breachSince, t.reasons, t.today, planDueOn(t.today)],
  );
  if (!row) return null;
  await tx.query(
    `INSERT INTO topup_task_audit (task_id, action, actor, after) VALUES ($1, 'open', $2, $3)`,
    [
      row.id,
      t.actor,
      JSON.stringify({ status: 'open', reasons: t.reasons, breachSince: t.breachSince }),
    ],
  );
  return row.id;
}

const TASK_COLUMNS = `t.id, t.compound_id AS "compoundId", c.name AS "compoundName",
  t.street_code AS "streetCode", t.community_code AS "communityCode",
  t.breach_since::text AS "breachSince", t.reasons, t.opened_on::text AS "openedOn",
  t.due_on::text AS "dueOn", t.status, t.closed_on::text AS "closedOn", t.version`;

/** Top-up tasks in an area, open ones first, soonest deadline first. */
export async function listTopUpTasks(
  db: Queryable,
  area: Area,
  today: string,
  status?: TopUpStatus,
): Promise<TopUpTask[]> {
  const rows = await db.query<Omit<TopUpTask, 'overdue'>>(
    `SELECT ${TASK_COLUMNS} FROM topup_tasks t JOIN compound_register c ON c.id = t.compound_id
     WHERE ${IN_AREA.replaceAll('c.street_code', 't.street_code').replaceAll('c.community_code', 't.community_code')}
       AND ($4::text IS NULL OR t.status = $4)
     ORDER BY t.status = 'done', t.due_on, t.id`,
    [...areaParams(area), status ?? null],
  );
  return rows.map((r) => ({ ...r, overdue: r.status !== 'done' && r.dueOn < today }));
}

export async function lockTopUpTask(
  tx: Queryable,
  id: number,
): Promise<Omit<TopUpTask, 'overdue'> | null> {
  const [row] = await tx.query<Omit<TopUpTask, 'overdue'>>(
    `SELECT ${TASK_COLUMNS} FROM topup_tasks t JOIN compound_register c ON c.id = t.compound_id
     WHERE t.id = $1 FOR UPDATE OF t`,
    [id],
  );
  return row ?? null;
}

export async function setTopUpStatus(
  tx: Queryable,
  task: { id: number; status: TopUpStatus },
  status: TopUpStatus,
  actor: string,
  today: string,
): Promise<void> {
  await tx.query(
    `UPDATE topup_tasks SET status = $2, closed_on = CASE WHEN $2 = 'done' THEN $3::date END,
       version = version + 1 WHERE id = $1`,
    [task.id, status, today],
  );
  await tx.query(
    `INSERT INTO topup_task_audit (task_id, action, actor, before, after) VALUES ($1, 'status', $2, $3, $4)`,
    [task.id, actor, JSON.stringify({ status: task.status }), JSON.stringify({ status })],
  );
}

/** A live compound's place, or null. */
export async function findCompoundPlace(
  db: Queryable,
  id: number,
): Promise<{ id: number; name: string; streetCode: string; communityCode: string } | null> {
  const [row] = await db.query<{
    id: number;
    name: string;
    streetCode: string;
    communityCode: string;
  }>(
    `SELECT id, name, street_code AS "streetCode", community_code AS "communityCode"
     FROM compounds WHERE id = $1`,
    [id],
  );
  return row ?? null;
}
