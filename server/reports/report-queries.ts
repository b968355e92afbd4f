import type { PeriodReport, ReportStatus, ReportSubmission } from '../../common/ledgers.ts';
import {
  disclosureDueOn,
  dutyStatus,
  type CommitteeOptions,
} from '../committees/committee-rules.ts';
import type { ProgressOptions } from '../coverage/coverage.ts';
import { findCoverageProgress } from '../coverage/coverage-queries.ts';
import type { Queryable } from '../db.ts';
import { fundFlags } from '../funds/fund-rules.ts';
import { chinaDayStart } from '../wall/wall-rules.ts';
import { periodBounds, reportDueOn, reportLate, share } from './report-rules.ts';

// The quarterly and yearly reports (五(三)): every figure read from the same tables, by the same
// definitions, as the wall (/api/wall/summary), coverage (/api/coverage/progress), committees and
// funds show them; test/server/reports.test.ts holds them equal.

export type ReportOptions = {
  coverage: Omit<ProgressOptions, 'today'>;
  committees: CommitteeOptions;
};

/** A street's name, the district's for null; null if there is no such street. */
export async function findUnit(
  db: Queryable,
  streetCode: string | null,
): Promise<PeriodReport['unit'] | null> {
  const [row] = await db.query<{ code: string; name: string }>(
    streetCode === null
      ? 'SELECT code, name FROM district ORDER BY code LIMIT 1'
      : 'SELECT code, name FROM streets WHERE code = $1',
    streetCode === null ? [] : [streetCode],
  );
  return row ? { ...row, kind: streetCode === null ? 'district' : 'street' } : null;
}

/** The report of a unit (a street, or the district for null) for a period, as of `today`. */
export async function buildPeriodReport(
  db: Queryable,
  unit: PeriodReport['unit'],
  period: string,
  now: Date,
  today: string,
  o: ReportOptions,
): Promise<PeriodReport> {
  const street = unit.kind === 'street' ? unit.code : null;
  const { from, to } = periodBounds(period);
  const asOf = to < today ? to : today;
  const [coverage, committees, disclosures, publicRevenue, funds, grievances] = await Promise.all([
    coverageOf(db, street, { ...o.coverage, today: asOf }),
    committeesOf(db, street),
    disclosuresOf(db, street, period, today, o.committees),
    revenueOf(db, street, period, today, o.committees),
    fundsOf(db, street, from, to, today),
    grievancesOf(db, street, from, to),
  ]);
  return {
    unit,
    period,
    from,
    to,
    dueOn: reportDueOn(period),
    generatedAt: now.toISOString(),
    coverage,
    committees,
    disclosures,
    publicRevenue,
    funds,
    grievances,
  };
}

async function coverageOf(
  db: Queryable,
  street: string | null,
  options: ProgressOptions,
): Promise<PeriodReport['coverage']> {
  const progress = await findCoverageProgress(db, options, street);
  const [row] = await db.query<{ compounds: number; managed: number }>(
    `SELECT count(*)::int AS compounds, count(*) FILTER (WHERE coverage_mode <> 'none')::int AS managed
     FROM compounds WHERE $1::text IS NULL OR street_code = $1`,
    [street],
  );
  return {
    ...row!,
    baselineUnmanaged: progress.baselineUnmanaged,
    coveredSinceBaseline: progress.coveredSinceBaseline,
    share: progress.share,
    targets: progress.targets,
  };
}

// as the wall counts them (wall-queries.ts): compounds with their committee's status now
async function committeesOf(
  db: Queryable,
  street: string | null,
): Promise<PeriodReport['committees']> {
  const [row] = await db.query<PeriodReport['committees']>(
    `SELECT count(*)::int AS compounds,
            count(*) FILTER (WHERE oc.status IN ('elected', 'temporary'))::int AS formed,
            count(*) FILTER (WHERE oc.status = 'elected')::int AS elected,
            count(*) FILTER (WHERE oc.status = 'temporary')::int AS temporary,
            count(*) FILTER (WHERE oc.status = 'preparing')::int AS preparing,
            count(*) FILTER (WHERE oc.status = 'elected' AND oc.compliance = 'meets')::int AS "meetingPartyRule"
     FROM compounds c LEFT JOIN owners_committees oc ON oc.compound_id = c.id
     WHERE $1::text IS NULL OR c.street_code = $1`,
    [street],
  );
  return row!;
}

// each quarter of the period owes one disclosure per elected committee elected before its end
async function disclosuresOf(
  db: Queryable,
  street: string | null,
  period: string,
  today: string,
  options: CommitteeOptions,
): Promise<PeriodReport['disclosures']> {
  const quarters = quartersOf(period);
  const rows = await db.query<{ quarter: string; doneOn: string | null }>(
    `SELECT q.quarter, d.done_on::text AS "doneOn"
     FROM compounds c JOIN owners_committees oc ON oc.compound_id = c.id
     CROSS JOIN unnest($2::text[], $3::date[]) AS q(quarter, ends)
     LEFT JOIN committee_duties d
       ON d.compound_id = c.id AND d.kind = 'disclosure' AND d.period = q.quarter
     WHERE oc.status = 'elected' AND coalesce(oc.elected_on, '1900-01-01') <= q.ends
       AND ($1::text IS NULL OR c.street_code = $1)`,
    [street, quarters, quarters.map((q) => periodBounds(q).to)],
  );
  return tallyDuties(rows, today, options);
}

const quartersOf = (period: string) =>
  period.includes('-Q') ? [period] : [1, 2, 3, 4].map((q) => `${period}-Q${q}`);

// each owed duty as the committee rules judge it: on time, late, missing (or not yet due)
function tallyDuties(
  rows: { quarter: string; doneOn: string | null }[],
  today: string,
  options: CommitteeOptions,
) {
  const out = { owed: 0, onTime: 0, late: 0, missing: 0 };
  for (const r of rows) {
    const status = dutyStatus(disclosureDueOn(r.quarter, options), r.doneOn, today);
    out.owed++;
    if (status === 'on_time') out.onTime++;
    else if (status === 'late') out.late++;
    else if (status === 'missing') out.missing++;
  }
  return out;
}

// every live compound owes each quarter's publication (revenue-queries.ts judges it the same way)
async function revenueOf(
  db: Queryable,
  street: string | null,
  period: string,
  today: string,
  options: CommitteeOptions,
): Promise<PeriodReport['publicRevenue']> {
  const rows = await db.query<{ quarter: string; doneOn: string | null }>(
    `SELECT q.quarter, r.published_on::text AS "doneOn"
     FROM compounds c CROSS JOIN unnest($2::text[]) AS q(quarter)
     LEFT JOIN revenue_publications r ON r.compound_id = c.id AND r.quarter = q.quarter
     WHERE $1::text IS NULL OR c.street_code = $1`,
    [street, quartersOf(period)],
  );
  return tallyDuties(rows, today, options);
}

async function fundsOf(
  db: Queryable,
  street: string | null,
  from: string,
  to: string,
  today: string,
): Promise<PeriodReport['funds']> {
  const accounts = await db.query<{
    firstDeposit: number;
    balance: number;
    arrearsHouseholds: number;
  }>(
    `SELECT f.first_deposit::float8 AS "firstDeposit", f.balance::float8 AS balance,
            f.arrears_households AS "arrearsHouseholds"
     FROM fund_accounts f JOIN compounds c ON c.id = f.compound_id
     WHERE $1::text IS NULL OR c.street_code = $1`,
    [street],
  );
  const flags = accounts.map((a) => fundFlags(a));
  const [tasks] = await db.query<{ opened: number; done: number; overdue: number }>(
    `SELECT count(*) FILTER (WHERE opened_on BETWEEN $2::date AND $3::date)::int AS opened,
            count(*) FILTER (WHERE status = 'done' AND closed_on BETWEEN $2::date AND $3::date)::int AS done,
            count(*) FILTER (WHERE status <> 'done' AND due_on < $4::date)::int AS overdue
     FROM topup_tasks WHERE $1::text IS NULL OR street_code = $1`,
    [street, from, to, today],
  );
  return {
    accounts: accounts.length,
    lowBalance: flags.filter((f) => f.includes('low_balance')).length,
    arrears: flags.filter((f) => f.includes('arrears')).length,
    tasksOpened: tasks!.opened,
    tasksDone: tasks!.done,
    tasksOverdue: tasks!.overdue,
  };
}

// events reported in the period (China days), by the state and level they have now
async function grievancesOf(
  db: Queryable,
  street: string | null,
  from: string,
  to: string,
): Promise<PeriodReport['grievances']> {
  const end = new Date(chinaDayStart(to).getTime() + 86_400_000).toISOString();
  const rows = await db.query<{
    channel: string;
    category: string;
    grade: string;
    level: string;
    resolved: boolean;
    overdue: boolean;
    reopened: boolean;
  }>(
    `SELECT e.channel, e.category, e.grade, e.level, e.state IN ('resolved', 'closed') AS resolved,
            e.overdue,
            EXISTS (SELECT 1 FROM event_audit a WHERE a.event_id = e.id AND a.action = 'reopen') AS reopened
     FROM events e
     WHERE e.reported_at >= $2::timestamptz AND e.reported_at < $3::timestamptz
       AND ($1::text IS NULL OR e.street_code = $1)`,
    [street, chinaDayStart(from).toISOString(), end],
  );
  const resolved = rows.filter((r) => r.resolved);
  const tally = (key: 'channel' | 'category' | 'grade' | 'level') => {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r[key], (counts.get(r[key]) ?? 0) + 1);
    return [...counts]
      .map(([k, count]) => ({ key: k, count }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  };
  return {
    reported: rows.length,
    resolved: resolved.length,
    onTime: share(resolved.filter((r) => !r.overdue).length, resolved.length),
    satisfied: share(resolved.filter((r) => !r.reopened).length, resolved.length),
    resolvedLocally: share(
      resolved.filter((r) => r.level === 'grid' || r.level === 'community').length,
      resolved.length,
    ),
    byChannel: tally('channel'),
    byCategory: tally('category'),
    byGrade: tally('grade'),
    byLevel: tally('level'),
  };
}

/** Every street's report for a period with its state (only `streets` when given). */
export async function listSubmissions(
  db: Queryable,
  period: string,
  today: string,
  streets: string[] | null,
): Promise<ReportSubmission[]> {
  const rows = await db.query<{
    streetCode: string;
    streetName: string;
    status: ReportStatus | null;
    submittedAt: string | null;
    submittedOn: string | null;
    submittedBy: string | null;
    version: number | null;
  }>(
    `SELECT s.code AS "streetCode", s.name AS "streetName", r.status, r.submitted_at AS "submittedAt",
            to_char(r.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "submittedOn",
            r.submitted_by AS "submittedBy", r.version
     FROM streets s LEFT JOIN report_submissions r ON r.street_code = s.code AND r.period = $1
     WHERE $2::text[] IS NULL OR s.code = ANY($2::text[])
     ORDER BY s.code`,
    [period, streets],
  );
  const dueOn = reportDueOn(period);
  return rows.map(({ submittedOn, ...r }) => {
    const status = r.status ?? 'not_started';
    return { ...r, period, dueOn, status, late: reportLate(dueOn, status, submittedOn, today) };
  });
}

export async function lockSubmission(
  tx: Queryable,
  street: string,
  period: string,
): Promise<{ status: ReportStatus; version: number } | null> {
  const [row] = await tx.query<{ status: ReportStatus; version: number }>(
    'SELECT status, version FROM report_submissions WHERE street_code = $1 AND period = $2 FOR UPDATE',
    [street, period],
  );
  return row ?? null;
}

/** Marks a street's report drafted (creating it) or submitted. */
export async function writeSubmission(
  tx: Queryable,
  s: {
    street: string;
    period: string;
    status: 'drafted' | 'submitted';
    actor: string;
    exists: boolean;
  },
): Promise<void> {
  if (!s.exists) {
    await tx.query(
      `INSERT INTO report_submissions (street_code, period, status, drafted_by, submitted_at, submitted_by)
       VALUES ($1, $2, $3, $4, CASE WHEN $3 = 'submitted' THEN now() END, CASE WHEN $3 = 'submitted' THEN $4 END)`,
      [s.street, s.period, s.status, s.actor],
    );
    return;
  }
  await tx.query(
    `UPDATE report_submissions SET status = $3, version = version + 1,
       submitted_at = CASE WHEN $3 = 'submitted' THEN now() END,
       submitted_by = CASE WHEN $3 = 'submitted' THEN $4 END,
       drafted_at = CASE WHEN $3 = 'drafted' THEN now() ELSE drafted_at END,
       drafted_by = CASE WHEN $3 = 'drafted' THEN $4 ELSE drafted_by END
     WHERE street_code = $1 AND period = $2`,
    [s.street, s.period, s.status, s.actor],
  );
}
