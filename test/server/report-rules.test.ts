import { describe, expect, it } from 'vitest';
import {
  isPeriod,
  lastQuarter,
  periodBounds,
  reportDueOn,
  reportLate,
  share,
} from '../../server/reports/report-rules.ts';

// The reporting calendar (五(三)): due the 10th of the first month of the next quarter, 10 January
// for the year; late when not submitted by then or submitted after.

describe('reporting calendar', () => {
  it('bounds quarters and years', () => {
    expect(periodBounds('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodBounds('2024-Q1')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(periodBounds('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodBounds('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(() => periodBounds('2026-Q5')).toThrow(
      'Invalid period: 2026-Q5 (expected YYYY-Qn, n 1–4, or YYYY)',
    );
    expect([isPeriod('2026-Q3'), isPeriod('2026'), isPeriod('26-Q1')]).toEqual([true, true, false]);
  });

  it('is due the 10th of the next quarter’s first month, and 10 January for the year', () => {
    expect(reportDueOn('2026-Q1')).toBe('2026-04-10');
    expect(reportDueOn('2026-Q3')).toBe('2026-10-10');
    expect(reportDueOn('2026-Q4')).toBe('2027-01-10');
    expect(reportDueOn('2026')).toBe('2027-01-10');
  });

  it('is late past its due date unless submitted on time', () => {
    expect(reportLate('2026-10-10', 'not_started', null, '2026-10-10')).toBe(false);
    expect(reportLate('2026-10-10', 'drafted', null, '2026-10-11')).toBe(true);
    expect(reportLate('2026-10-10', 'submitted', '2026-10-09', '2026-12-01')).toBe(false);
    expect(reportLate('2026-10-10', 'submitted', '2026-10-12', '2026-12-01')).toBe(true);
  });

  it('names the last completed quarter', () => {
    expect(lastQuarter('2026-12-04')).toBe('2026-Q3');
    expect(lastQuarter('2027-01-05')).toBe('2026-Q4');
  });

  it('gives shares to 4 decimals, 0 of nothing', () => {
    expect(share(2, 3)).toEqual({ count: 2, of: 3, share: 0.6667 });
    expect(share(0, 0)).toEqual({ count: 0, of: 0, share: 0 });
  });
});
