import type { FundFlag } from '../../common/ledgers.ts';

// The special maintenance fund's rule (三(六)): "when owners are in arrears or the balance falls
// below 30% of the first deposit, a top-up plan is required". Pure: no I/O.

export const FUND_RULES = {
  minBalanceShare: 0.3, // below this share of the first deposit the account needs topping up
  planDays: 60, // days the community has to draw up the top-up plan (补缴/续交方案)
};

/**
 * What is wrong with an account: a balance under 30% of the first deposit, owners in arrears.
 * @example fundFlags({firstDeposit: 1000, balance: 299.99, arrearsHouseholds: 0}) // ['low_balance']
 */
export function fundFlags(
  a: { firstDeposit: number; balance: number; arrearsHouseholds: number },
  rules = FUND_RULES,
): FundFlag[] {
  const flags: FundFlag[] = [];
  // in whole cents and percent, so 300.00 of 1000.00 is exactly 30% and keeps the rule
  const percent = Math.round(rules.minBalanceShare * 100);
  if (Math.round(a.balance * 100) * 100 < Math.round(a.firstDeposit * 100) * percent) {
    flags.push('low_balance');
  }
  if (a.arrearsHouseholds > 0) flags.push('arrears');
  return flags;
}

/**
 * The breach an account is in after a new reading, and whether it opens a top-up task: a task
 * opens when a breach begins (the account was keeping the rule, or had none), never again while
 * it lasts; keeping the rule again ends the breach, so the next one opens a new task.
 * @example nextBreach(null, ['arrears'], '2026-12-01') // {breachSince: '2026-12-01', opensTask: true}
 */
export function nextBreach(
  breachSince: string | null,
  flags: readonly FundFlag[],
  asOf: string,
): { breachSince: string | null; opensTask: boolean } {
  if (!flags.length) return { breachSince: null, opensTask: false };
  if (breachSince !== null) return { breachSince, opensTask: false };
  return { breachSince: asOf, opensTask: true };
}

/** A top-up plan's deadline: planDays after the day it opened. */
export function planDueOn(openedOn: string, rules = FUND_RULES): string {
  const d = new Date(`${openedOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + rules.planDays);
  return d.toISOString().slice(0, 10);
}

/** The share of the first deposit left, to 4 decimals. */
export const balanceShare = (firstDeposit: number, balance: number) =>
  Math.round((balance / firstDeposit) * 10_000) / 10_000;
