import { describe, expect, it } from 'vitest';
import { balanceShare, fundFlags, nextBreach, planDueOn } from '../../server/funds/fund-rules.ts';

// The maintenance fund's 30% rule and the top-up task's once-per-breach opening (三(六)).

describe('fundFlags', () => {
  it('flags a balance below 30% of the first deposit, to the cent', () => {
    expect(fundFlags({ firstDeposit: 1000, balance: 299.99, arrearsHouseholds: 0 })).toEqual([
      'low_balance',
    ]);
    expect(fundFlags({ firstDeposit: 1000, balance: 300, arrearsHouseholds: 0 })).toEqual([]);
    expect(
      fundFlags({ firstDeposit: 1_234_567.89, balance: 370_370.36, arrearsHouseholds: 0 }),
    ).toEqual(['low_balance']);
    expect(
      fundFlags({ firstDeposit: 1_234_567.89, balance: 370_370.37, arrearsHouseholds: 0 }),
    ).toEqual([]);
  });

  it('flags owners in arrears whatever the balance', () => {
    expect(fundFlags({ firstDeposit: 1000, balance: 1000, arrearsHouseholds: 1 })).toEqual([
      'arrears',
    ]);
    expect(fundFlags({ firstDeposit: 1000, balance: 0, arrearsHouseholds: 3 })).toEqual([
      'low_balance',
      'arrears',
    ]);
  });

  it('takes another share when the rules say so', () => {
    expect(
      fundFlags(
        { firstDeposit: 1000, balance: 400, arrearsHouseholds: 0 },
        { minBalanceShare: 0.5, planDays: 60 },
      ),
    ).toEqual(['low_balance']);
  });
});

describe('nextBreach', () => {
  it('opens a task when a breach begins', () => {
    expect(nextBreach(null, ['low_balance'], '2026-10-01')).toEqual({
      breachSince: '2026-10-01',
      opensTask: true,
    });
  });

  it('opens no second task while the breach lasts', () => {
    expect(nextBreach('2026-10-01', ['low_balance', 'arrears'], '2026-11-01')).toEqual({
      breachSince: '2026-10-01',
      opensTask: false,
    });
  });

  it('ends the breach when the account keeps the rule again, so the next one opens a new task', () => {
    expect(nextBreach('2026-10-01', [], '2026-11-01')).toEqual({
      breachSince: null,
      opensTask: false,
    });
    expect(nextBreach(null, ['arrears'], '2026-12-01')).toEqual({
      breachSince: '2026-12-01',
      opensTask: true,
    });
  });

  it('opens nothing for an account that keeps the rule', () => {
    expect(nextBreach(null, [], '2026-12-01')).toEqual({ breachSince: null, opensTask: false });
  });
});

describe('planDueOn and balanceShare', () => {
  it('gives the plan 60 days, across a year end', () => {
    expect(planDueOn('2026-12-04')).toBe('2027-02-02');
  });

  it('rounds the share to 4 decimals', () => {
    expect(balanceShare(3000, 1000)).toBe(0.3333);
  });
});
