import type {
  CreditRecord,
  EnterpriseRecord,
  Interview,
  ListEntry,
  Satisfaction,
  Score,
  ScoreComponent,
} from '../../common/enterprises.ts';

// The credit score of a property enterprise, the score of a project manager and the star rating
// of a compound, each from the records of the year before `asOf`, and the red/black list from the
// enterprises' scores. Every point comes with its source. Pure; the weights are configurable
// (ENTERPRISE_SCORE_RULE, server/config.ts) and documented in docs/enterprises.md.

export const DEFAULT_SCORE_RULE = {
  base: 85, // every score starts here; records move it, kept within [0, 100]
  inspectionFailure: -5, // per failed item of a drawn inspection
  badConduct: -10, // per 不良行为 record
  interview: -3, // per 约谈 opened
  evaluationBaseline: 80, // an evaluation's mean mark (0–100) above this adds, below it subtracts…
  evaluationWeight: 0.25, // …this many points per mark (the mean of the year's evaluations)
  satisfactionBaseline: 0.8, // residents' satisfied share above this adds, below it subtracts…
  satisfactionWeight: 20, // …this many points per 1.0 of share (no feedback: nothing)
  partyBranch: 3, // the enterprise has its own party branch
  jointBranch: 2, // it belongs to a joint party branch
  charterClause: 1, // its charter holds the party-building clause
  partyBuildingRecord: 1, // per 党建联建 record (报到, agreement, project claimed or completed)…
  partyBuildingMax: 5, // …up to this many points
  windowDays: 365, // records, interviews and feedback count for this many days up to asOf
  redMin: 90, // the red list: a score of at least this
  blackMax: 70, // the black list: a score below this
  listSize: 10, // enterprises on each list at most
  starsPerRecord: 1, // a compound's 5 stars lose one per failure or 不良行为 there…
  minStars: 1, // …and one when its satisfaction is below the baseline, down to this
};

export type ScoreRule = typeof DEFAULT_SCORE_RULE;

/** What an enterprise's score is computed from: its register, file and residents' feedback. */
export type ScoreInput = {
  enterprise: Pick<EnterpriseRecord, 'partyOrg' | 'charterPartyClause'>;
  records: readonly CreditRecord[];
  interviews: readonly Interview[];
  satisfaction: Satisfaction;
};

/**
 * The enterprise credit score: the base, then every record of the window with its points.
 * @example enterpriseScore({…, records: [failure #4]}, '2026-12-05') // {score: 95, components: [base 100, inspection_failure −5 (#4)]}
 */
export function enterpriseScore(
  input: ScoreInput,
  asOf: string,
  rule: ScoreRule = DEFAULT_SCORE_RULE,
): Score {
  const inWindow = windowFilter(asOf, rule.windowDays);
  const records = input.records.filter((r) => inWindow(r.onDate));
  const components: ScoreComponent[] = [
    {
      key: 'base',
      points: rule.base,
      source: { kind: 'rule', id: null, onDate: null, note: '' },
    },
  ];
  components.push(...penalties(records, rule));
  for (const i of input.interviews.filter((x) => inWindow(x.openedOn))) {
    components.push({
      key: 'interview',
      points: rule.interview,
      source: {
        kind: 'interview',
        id: i.id,
        onDate: i.openedOn,
        note: i.subject,
      },
    });
  }
  const evaluation = evaluationComponent(records, rule);
  if (evaluation) components.push(evaluation);
  const satisfaction = satisfactionComponent(input.satisfaction, rule);
  if (satisfaction) components.push(satisfaction);
  components.push(...partyComponents(input.enterprise, records, rule));
  return total(components);
}

/**
 * A project manager's score: the base, failures and 不良行为 in the compounds they lead or naming
 * them, and residents' satisfaction in their compounds.
 */
export function managerScore(
  manager: { id: number; compoundIds: readonly number[] },
  records: readonly CreditRecord[],
  satisfaction: Satisfaction,
  asOf: string,
  rule: ScoreRule = DEFAULT_SCORE_RULE,
): Score {
  const inWindow = windowFilter(asOf, rule.windowDays);
  const theirs = records.filter(
    (r) =>
      inWindow(r.onDate) &&
      (r.managerId === manager.id ||
        (r.managerId === null &&
          r.compoundId !== null &&
          manager.compoundIds.includes(r.compoundId))),
  );
  const components: ScoreComponent[] = [
    { key: 'base', points: rule.base, source: { kind: 'rule', id: null, onDate: null, note: '' } },
    ...penalties(theirs, rule),
  ];
  const s = satisfactionComponent(satisfaction, rule);
  if (s) components.push(s);
  return total(components);
}

/**
 * A compound's star rating of service quality, 1–5: five, less one per inspection failure or
 * 不良行为 recorded at the compound in the window, less one when residents' satisfaction there is
 * below the baseline.
 */
export function compoundStars(
  compoundId: number,
  records: readonly CreditRecord[],
  satisfaction: Satisfaction,
  asOf: string,
  rule: ScoreRule = DEFAULT_SCORE_RULE,
): number {
  const inWindow = windowFilter(asOf, rule.windowDays);
  const bad = records.filter(
    (r) =>
      r.compoundId === compoundId &&
      inWindow(r.onDate) &&
      (r.kind === 'inspection_failure' || r.kind === 'bad_conduct'),
  ).length;
  const share = satisfiedShare(satisfaction);
  const unhappy = share !== null && share < rule.satisfactionBaseline ? 1 : 0;
  return Math.max(rule.minStars, 5 - (bad + unhappy) * rule.starsPerRecord);
}

/**
 * The red list (score ≥ redMin, best first) and the black list (score < blackMax, worst first),
 * each at most listSize; ties by more compounds, then id.
 */
export function rankRedBlack(
  scored: readonly ListEntry[],
  rule: Pick<ScoreRule, 'redMin' | 'blackMax' | 'listSize'> = DEFAULT_SCORE_RULE,
): { red: ListEntry[]; black: ListEntry[] } {
  const red = scored
    .filter((e) => e.score >= rule.redMin)
    .sort((a, b) => b.score - a.score || b.compounds - a.compounds || a.id - b.id)
    .slice(0, rule.listSize);
  const black = scored
    .filter((e) => e.score < rule.blackMax)
    .sort((a, b) => a.score - b.score || b.compounds - a.compounds || a.id - b.id)
    .slice(0, rule.listSize);
  return { red, black };
}

/**
 * The last day of a period ('2026' or '2026Q4').
 * @example periodEnd('2026Q1') // '2026-03-31'
 */
export function periodEnd(period: string): string {
  const m = /^(\d{4})(?:Q([1-4]))?$/.exec(period);
  if (!m) throw new Error(`Period must be YYYY or YYYYQ1–YYYYQ4, got ${period}`);
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) * 3 : 12;
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/**
 * The first day of a period ('2026' or '2026Q4').
 * @example periodStart('2026Q4') // '2026-10-01'
 */
export function periodStart(period: string): string {
  const end = periodEnd(period);
  const quarter = /Q([1-4])$/.exec(period)?.[1];
  const month = quarter ? (Number(quarter) - 1) * 3 + 1 : 1;
  return `${end.slice(0, 4)}-${String(month).padStart(2, '0')}-01`;
}

/** The share of satisfied feedback, or null with none. */
export function satisfiedShare(s: Satisfaction): number | null {
  const all = s.satisfied + s.unsatisfied;
  return all === 0 ? null : s.satisfied / all;
}

function penalties(records: readonly CreditRecord[], rule: ScoreRule): ScoreComponent[] {
  return records
    .filter((r) => r.kind === 'inspection_failure' || r.kind === 'bad_conduct')
    .map((r) => ({
      key: r.kind,
      points: r.kind === 'inspection_failure' ? rule.inspectionFailure : rule.badConduct,
      source: { kind: 'record', id: r.id, onDate: r.onDate, note: noteOf(r) },
    }));
}

function evaluationComponent(
  records: readonly CreditRecord[],
  rule: ScoreRule,
): ScoreComponent | null {
  const evaluations = records.filter((r) => r.kind === 'evaluation');
  if (evaluations.length === 0) return null;
  const marks = evaluations.map(
    (r) => (Number(r.details.contractPerformance) + Number(r.details.partyBuilding)) / 2,
  );
  const mean = marks.reduce((a, b) => a + b, 0) / marks.length;
  return {
    key: 'evaluation',
    points: round1((mean - rule.evaluationBaseline) * rule.evaluationWeight),
    source: {
      kind: 'record',
      id: evaluations.length === 1 ? evaluations[0]!.id : null,
      onDate: evaluations.at(-1)!.onDate,
      // the mean mark; each evaluation is in the file's timeline
      note: String(round1(mean)),
    },
  };
}

function satisfactionComponent(s: Satisfaction, rule: ScoreRule): ScoreComponent | null {
  const share = satisfiedShare(s);
  if (share === null) return null;
  return {
    key: 'satisfaction',
    points: round1((share - rule.satisfactionBaseline) * rule.satisfactionWeight),
    source: {
      kind: 'feedback',
      id: null,
      onDate: null,
      note: `${s.satisfied}/${s.satisfied + s.unsatisfied}`,
    },
  };
}

function partyComponents(
  e: ScoreInput['enterprise'],
  records: readonly CreditRecord[],
  rule: ScoreRule,
): ScoreComponent[] {
  const out: ScoreComponent[] = [];
  const register = (note: string) => ({ kind: 'register' as const, id: null, onDate: null, note });
  if (e.partyOrg !== 'none') {
    const points = e.partyOrg === 'branch' ? rule.partyBranch : rule.jointBranch;
    out.push({ key: 'party_org', points, source: register(e.partyOrg) });
  }
  if (e.charterPartyClause) {
    out.push({ key: 'charter_clause', points: rule.charterClause, source: register('') });
  }
  const building = records.filter((r) => r.kind === 'party_building');
  let left = rule.partyBuildingMax;
  for (const r of building) {
    const points = Math.min(rule.partyBuildingRecord, left);
    if (points <= 0) break;
    left -= points;
    out.push({
      key: 'party_building',
      points,
      source: { kind: 'record', id: r.id, onDate: r.onDate, note: noteOf(r) },
    });
  }
  return out;
}

function total(components: ScoreComponent[]): Score {
  const sum = components.reduce((a, c) => a + c.points, 0);
  return { score: round1(Math.min(100, Math.max(0, sum))), components };
}

// a record's own words: the failed item and its note, the conduct, the 党建 step
function noteOf(r: CreditRecord): string {
  const d = r.details;
  const parts = [d.item, d.description, d.kind, d.person ?? d.project, d.note].filter(
    (x): x is string => typeof x === 'string' && x !== '',
  );
  return parts.join(': ');
}

function windowFilter(asOf: string, days: number): (date: string) => boolean {
  const start = new Date(Date.parse(`${asOf}T00:00:00Z`) - (days - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return (date) => date >= start && date <= asOf;
}

// to one decimal, halves away from zero (−1.25 → −1.3), as a person rounds
const round1 = (x: number) => (Math.sign(x) * Math.round(Math.abs(x) * 10)) / 10;
