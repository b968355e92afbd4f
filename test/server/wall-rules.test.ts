import { describe, expect, it } from 'vitest';
import { chinaDate, chinaDayStart, daysEndingWith } from '../../server/wall/wall-rules.ts';

describe('China calendar days', () => {
  it('counts the day in UTC+8', () => {
    expect(chinaDate(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(chinaDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(chinaDayStart('2026-03-02').toISOString()).toBe('2026-03-01T16:00:00.000Z');
  });

  it('lists the days ending with one, across a month end', () => {
    expect(daysEndingWith('2026-03-02', 3)).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
  });
});
