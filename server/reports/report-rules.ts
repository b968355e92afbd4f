import type { ReportStatus, Share } from '../../common/ledgers.ts';

// The reporting calendar (五(三)): a quarter's report is due by the 10th of the first month of the
// next quarter, a year's by 10 January of the next year. Pure: no I/O.

export const REPORT_RULES = {
  dueDay: 10, // day of the month the report is due
};

const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;

/** Whether a period is a quarter (2026-Q3) or a year (2026). */
export function isPeriod(period: string): boolean {
  return QUARTER.test(period) || YEAR.test(period);
}

/**
 * The first and last day of a period.
 * @example periodBounds('2026-Q3') // {from: '2026-07-01', to: '2026-09-30'}
 */
export function periodBounds(period: string): { from: string; to: string } {
  const q = QUARTER.exec(period);
  if (q) {
    const [year, n] = [Number(q[1]), Number(q[2])];
    return { from: isoDay(year, (n - 1) * 3 + 1, 1), to: isoDay(year, n * 3 + 1, 0) };
  }
  const y = YEAR.exec(period);
  if (!y) throw new RangeError(`Invalid period: ${period} (expected YYYY-Qn, n 1–4, or YYYY)`);
  return { from: `${y[1]}-01-01`, to: `${y[1]}-12-31` };
}

/**
 * When a period's report is due: the 10th of the month after the period ends.
 * @example reportDueOn('2026-Q4') // '2027-01-10'
 */
export function reportDueOn(period: string, rules = REPORT_RULES): string {
  const { to } = periodBounds(period);
  const [year, month] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  return isoDay(year, month + 1, rules.dueDay);
}

/** Whether a report is late: not submitted after its due date, or submitted after it. */
export function reportLate(
  dueOn: string,
  status: ReportStatus,
  submittedOn: string | null,
  today: string,
): boolean {
  if (status === 'submitted') return submittedOn !== null && submittedOn > dueOn;
  return today > dueOn;
}

/** The last completed quarter on a day: the one whose report is due next. */
export function lastQuarter(today: string): string {
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const q = Math.floor((month - 1) / 3);
  return q === 0 ? `${year - 1}-Q4` : `${year}-Q${q}`;
}

/** A count of a whole, with its share to 4 decimals. */
export function share(count: number, of: number): Share {
  return { count, of, share: of === 0 ? 0 : Math.round((count / of) * 10_000) / 10_000 };
}

// month may run past 12 (13 = January of the next year); day 0 = the last day of the month before
function isoDay(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}
