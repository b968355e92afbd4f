import type {
  EnterpriseRecord,
  EnterpriseFile,
  EnterpriseSummary,
  Satisfaction,
} from '../../common/enterprises.ts';
import type { Queryable } from '../db.ts';
import { AppError, notFound } from '../errors.ts';
import { chinaDayStart } from '../wall/wall-rules.ts';
import { compoundStars, enterpriseScore, managerScore, type ScoreRule } from './credit-score.ts';
import {
  findCompoundEvents,
  findEnterprise,
  findEnterprises,
  lockEnterprise,
  findInterviews,
  findManagers,
  findRecords,
  findSatisfaction,
  findServedCompounds,
  findServedCounts,
} from './enterprises-queries.ts';

// The enterprise file and the register with scores: the queries' rows put through the pure
// rules of credit-score.ts as of a day.

const NONE: Satisfaction = { satisfied: 0, unsatisfied: 0 };

const add = (a: Satisfaction, b: Satisfaction): Satisfaction => ({
  satisfied: a.satisfied + b.satisfied,
  unsatisfied: a.unsatisfied + b.unsatisfied,
});

// the feedback window of the rule, ending with asOf (China days)
function feedbackWindow(asOf: string, rule: ScoreRule): [Date, Date] {
  const end = chinaDayStart(asOf).getTime() + 86_400_000;
  return [new Date(end - rule.windowDays * 86_400_000), new Date(end)];
}

/** Every enterprise of the register with its compounds, households and credit score as of a day. */
export async function findEnterpriseSummaries(
  db: Queryable,
  asOf: string,
  rule: ScoreRule,
): Promise<EnterpriseSummary[]> {
  const [enterprises, counts, records, interviews, feedback] = await Promise.all([
    findEnterprises(db),
    findServedCounts(db),
    findRecords(db, null),
    findInterviews(db, null),
    findSatisfaction(db, null, ...feedbackWindow(asOf, rule)),
  ]);
  return enterprises.map((e) => {
    const satisfaction = feedback
      .filter((f) => f.enterpriseId === e.id)
      .reduce<Satisfaction>(add, NONE);
    const mine = interviews.filter((i) => i.enterpriseId === e.id);
    const { score } = enterpriseScore(
      {
        enterprise: e,
        records: records.filter((r) => r.enterpriseId === e.id),
        interviews: mine,
        satisfaction,
      },
      asOf,
      rule,
    );
    return {
      ...e,
      compounds: counts.get(e.id)?.compounds ?? 0,
      households: counts.get(e.id)?.households ?? 0,
      score,
      openInterviews: mine.filter((i) => i.outcome === null).length,
    };
  });
}

/** The whole file of one enterprise as of a day; 404 when there is no such enterprise. */
export async function readEnterpriseFile(
  db: Queryable,
  id: number,
  asOf: string,
  rule: ScoreRule,
): Promise<EnterpriseFile> {
  const enterprise = await findEnterprise(db, id);
  if (!enterprise) throw notFound(`Unknown enterprise id: ${id}`);
  const [managers, compounds, records, interviews, feedback, events] = await Promise.all([
    findManagers(db, id),
    findServedCompounds(db, id),
    findRecords(db, [id]),
    findInterviews(db, [id]),
    findSatisfaction(db, [id], ...feedbackWindow(asOf, rule)),
    findCompoundEvents(db, id),
  ]);
  const plain = records.map(({ enterpriseId: _e, ...r }) => r);
  const at = (compoundIds: readonly number[]) =>
    feedback.filter((f) => compoundIds.includes(f.compoundId)).reduce<Satisfaction>(add, NONE);
  const satisfaction = feedback.reduce<Satisfaction>(add, NONE);
  const openInterviews = interviews.map(({ enterpriseId: _e, ...i }) => i);
  return {
    enterprise,
    managers: managers.map((m) => ({
      ...m,
      ...managerScore(m, plain, at(m.compoundIds), asOf, rule),
    })),
    compounds: compounds.map((c) => ({
      ...c,
      satisfaction: at([c.id]),
      stars: compoundStars(c.id, plain, at([c.id]), asOf, rule),
    })),
    records: plain,
    interviews: openInterviews,
    asOf,
    credit: enterpriseScore(
      { enterprise, records: plain, interviews: openInterviews, satisfaction },
      asOf,
      rule,
    ),
    events,
  };
}

/** The enterprise locked, at the version the writer saw: 404 unknown, 409 stale. */
export async function lockCurrent(
  tx: Queryable,
  id: number,
  seen: number,
): Promise<EnterpriseRecord> {
  const row = await lockEnterprise(tx, id);
  if (!row) throw notFound(`Unknown enterprise id: ${id}`);
  if (row.version !== seen) {
    throw new AppError(
      409,
      'conflict',
      `Stale version ${seen}: the enterprise is at version ${row.version}; reload and retry`,
    );
  }
  return row;
}
