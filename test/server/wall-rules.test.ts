import { describe, expect, it } from 'vitest';
import {
  chinaDate,
  chinaDayStart,
  daysEndingWith,
  rankEnterprises,
  type EnterpriseTally,
} from '../../server/wall/wall-rules.ts';

const tally = (id: number, over: Partial<EnterpriseTally> = {}): EnterpriseTally => ({
  id,
  name: `企业${id}`,
  compounds: 1,
  events: 0,
  overdue: 0,
  reopened: 0,
  ruleBreaches: 0,
  ...over,
});

describe('rankEnterprises', () => {
  it('puts clean enterprises on the red list, most compounds first, fewer events on a tie', () => {
    const { red, black } = rankEnterprises([
      tally(1, { compounds: 3, events: 9 }),
      tally(2, { compounds: 5 }),
      tally(3, { compounds: 3, events: 2 }),
    ]);
    expect(red.map((e) => e.id)).toEqual([2, 3, 1]);
    expect(black).toEqual([]);
  });

  it('scores 2 per overdue, 2 per reopened, 3 per committee breach; highest first, then id', () => {
    const { red, black } = rankEnterprises([
      tally(1, { overdue: 1 }),
      tally(2, { ruleBreaches: 1, reopened: 1 }),
      tally(3, { overdue: 2, reopened: 1, ruleBreaches: 0 }),
      tally(4, { ruleBreaches: 2 }),
    ]);
    expect(red).toEqual([]);
    expect(black.map((e) => [e.id, e.score])).toEqual([
      [3, 6],
      [4, 6],
      [2, 5],
      [1, 2],
    ]);
  });

  it('keeps at most five on each list', () => {
    const many = Array.from({ length: 8 }, (_, i) => tally(i + 1));
    expect(rankEnterprises(many).red).toHaveLength(5);
  });
});

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
