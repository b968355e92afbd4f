import { addDays, randomDate } from './iso-dates.ts';
import type { Random } from './seeded-random.ts';

const DEFAULT_OPTIONS = {
  // share of takeovers per month of 2024, after the plan (2024-03-18): a slow start while
  // compounds were surveyed, most of the work from July on
  monthWeights: {
    '04': 4,
    '05': 6,
    '06': 9,
    '07': 12,
    '08': 14,
    '09': 17,
    '10': 20,
    '11': 18,
  } as Record<string, number>,
  year: 2024,
};

/**
 * Draws the date of each coverage change batch (compounds taken over together share a date).
 * Dates are spread over April–November 2024 by the month weights.
 *
 * @example
 * scheduleCoverageChanges(3, random); // ['2024-05-14', '2024-08-02', '2024-10-21']
 */
export function scheduleCoverageChanges(
  batches: number,
  random: Random,
  options: Partial<typeof DEFAULT_OPTIONS> = {},
): string[] {
  const { monthWeights, year } = { ...DEFAULT_OPTIONS, ...options };
  const months = Object.keys(monthWeights).sort();
  const total = months.reduce((sum, m) => sum + (monthWeights[m] ?? 0), 0);
  if (!(total > 0)) throw new Error('Month weights must add up to more than 0');
  const dates: string[] = [];
  for (let b = 0; b < batches; b++) {
    let target = random.next() * total;
    let month = months[months.length - 1] ?? '01';
    for (const m of months) {
      target -= monthWeights[m] ?? 0;
      if (target < 0) {
        month = m;
        break;
      }
    }
    const first = `${year}-${month}-01`;
    const nextMonth =
      Number(month) === 12
        ? `${year + 1}-01-01`
        : `${year}-${String(Number(month) + 1).padStart(2, '0')}-01`;
    dates.push(randomDate(first, addDays(nextMonth, -1), random));
  }
  return dates;
}
