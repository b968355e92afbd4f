import type { WallEnterprise } from '../../common/wall.ts';

// The property enterprises' red/black list (红黑榜, 三(四)) from the data the platform has today:
// grievance outcomes in the compounds an enterprise serves and the owners' committees there. It
// becomes the real evaluation when supervision lands; until then the rule is this, in one place.

export const WALL_RULES = {
  listSize: 5, // enterprises on each list
  windowDays: 30, // events counted from this many days back
  overduePoints: 2, // per open event past its deadline in its compounds
  reopenedPoints: 2, // per event reopened because the citizen was not satisfied
  ruleBreachPoints: 3, // per compound whose elected committee breaks the party-member rule
};

export type EnterpriseTally = Omit<WallEnterprise, 'score'>;

/** An enterprise's list score: 0 is clean; the higher, the worse. */
export function scoreEnterprise(e: EnterpriseTally): number {
  return (
    e.overdue * WALL_RULES.overduePoints +
    e.reopened * WALL_RULES.reopenedPoints +
    e.ruleBreaches * WALL_RULES.ruleBreachPoints
  );
}

/**
 * The red list (score 0: no overdue or reopened case and no committee breaking the rule; the ones
 * serving most compounds first) and the black list (score above 0, highest first); ties by id.
 * @example rankEnterprises([{id: 1, …, overdue: 1}]) // { red: [], black: [{id: 1, …, score: 2}] }
 */
export function rankEnterprises(tallies: readonly EnterpriseTally[]): {
  red: WallEnterprise[];
  black: WallEnterprise[];
} {
  const scored = tallies.map((e) => ({ ...e, score: scoreEnterprise(e) }));
  const red = scored
    .filter((e) => e.score === 0)
    .sort((a, b) => b.compounds - a.compounds || a.events - b.events || a.id - b.id)
    .slice(0, WALL_RULES.listSize);
  const black = scored
    .filter((e) => e.score > 0)
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, WALL_RULES.listSize);
  return { red, black };
}

/** The calendar day of an instant in China (UTC+8, no daylight saving), as YYYY-MM-DD. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The instant a China calendar day starts. */
export function chinaDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** The `count` days ending with `last`, oldest first. */
export function daysEndingWith(last: string, count: number): string[] {
  const end = Date.parse(`${last}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) =>
    new Date(end - (count - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}
