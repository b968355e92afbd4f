import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILTER,
  EVENTS_LIMIT,
  inUserScope,
  isOverdue,
  matchesFilter,
  sortByDeadline,
  toEventQuery,
  type EventFilter,
} from '../../client/features/grievances/event-filter.ts';
import { toQueryString } from '../../client/lib/api-client.ts';
import { SIX_HOURS_IN, grievance } from './grievance-fixture.ts';

const ANY: EventFilter = { states: [], grades: [], category: null, overdue: 'any' };

describe('isOverdue', () => {
  it('is the server flag, or a deadline already passed, for open events only', () => {
    expect(isOverdue(grievance(1), SIX_HOURS_IN)).toBe(false);
    expect(isOverdue(grievance(1, { overdue: true }), SIX_HOURS_IN)).toBe(true);
    expect(isOverdue(grievance(1, { deadline: '2026-03-01T18:00:00.000Z' }), SIX_HOURS_IN)).toBe(
      true,
    );
    expect(isOverdue(grievance(1, { state: 'resolved', overdue: true }), SIX_HOURS_IN)).toBe(false);
  });
});

describe('matchesFilter', () => {
  const events = [
    grievance(1, { state: 'reported', grade: 'L1', category: 'sanitation' }),
    grievance(2, { state: 'dispatched', grade: 'L2', category: 'elevator_fault', overdue: true }),
    grievance(3, { state: 'closed', grade: 'L1', category: 'parking' }),
    grievance(4, { state: 'returned', grade: 'L3', category: 'fire_safety' }),
  ];
  const ids = (filter: EventFilter) =>
    events.filter((e) => matchesFilter(e, filter, SIX_HOURS_IN)).map((e) => e.id);

  it('lets everything through when every list is empty', () => {
    expect(ids(ANY)).toEqual([1, 2, 3, 4]);
  });

  it('hides closed cases by default', () => {
    expect(ids(DEFAULT_FILTER)).toEqual([1, 2, 4]);
  });

  it('filters by state, grade, category and deadline, all at once', () => {
    expect(ids({ ...ANY, states: ['reported', 'returned'] })).toEqual([1, 4]);
    expect(ids({ ...ANY, grades: ['L1'] })).toEqual([1, 3]);
    expect(ids({ ...ANY, category: 'elevator_fault' })).toEqual([2]);
    expect(ids({ ...ANY, overdue: 'yes' })).toEqual([2]);
    expect(ids({ ...ANY, overdue: 'no' })).toEqual([1, 3, 4]);
    expect(ids({ ...ANY, grades: ['L1'], states: ['closed'], overdue: 'no' })).toEqual([3]);
  });
});

describe('toEventQuery', () => {
  it('asks the server for the same events the filter shows', () => {
    expect(toQueryString(toEventQuery(DEFAULT_FILTER))).toBe(
      '?state=reported,accepted,dispatched,in_progress,resolved,returned&limit=1000',
    );
    expect(
      toEventQuery({ states: [], grades: ['L3', 'L4'], category: 'fire_safety', overdue: 'no' }),
    ).toEqual({
      state: undefined,
      grade: ['L3', 'L4'],
      category: 'fire_safety',
      overdue: 'false',
      limit: EVENTS_LIMIT,
    });
  });
});

describe('sortByDeadline', () => {
  it('puts the soonest deadline first, ties by id, without touching the input', () => {
    const input = [
      grievance(3, { deadline: '2026-03-02T12:00:00.000Z' }),
      grievance(1, { deadline: '2026-03-05T12:00:00.000Z' }),
      grievance(2, { deadline: '2026-03-02T12:00:00.000Z' }),
      grievance(4, { deadline: '2026-03-01T08:00:00.000Z' }),
    ];
    expect(sortByDeadline(input).map((e) => e.id)).toEqual([4, 2, 3, 1]);
    expect(input.map((e) => e.id)).toEqual([3, 1, 2, 4]);
  });
});

describe('inUserScope', () => {
  const e = grievance(1, { gridCode: 'G1', communityCode: 'C1', streetCode: 'S1' });
  const none = { district: false, streets: [], communities: [], grids: [] };
  it('keeps an event in the grid, community or street of the scope, or anywhere for the district', () => {
    expect(inUserScope({ ...none, grids: ['G1'] }, e)).toBe(true);
    expect(inUserScope({ ...none, communities: ['C1'] }, e)).toBe(true);
    expect(inUserScope({ ...none, streets: ['S1'] }, e)).toBe(true);
    expect(inUserScope({ ...none, district: true }, e)).toBe(true);
  });
  it('drops an event that moved out of the scope (a reroute to another grid)', () => {
    expect(inUserScope({ ...none, grids: ['G2'] }, e)).toBe(false);
    expect(inUserScope({ ...none, communities: ['C2'], streets: ['S2'] }, e)).toBe(false);
  });
});
