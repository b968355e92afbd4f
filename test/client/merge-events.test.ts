import { describe, expect, it } from 'vitest';
import type { GrievanceEvent } from '../../common/grievances.ts';
import { mergeEvents } from '../../client/features/grievances/merge-events.ts';
import { grievance } from './grievance-fixture.ts';

describe('mergeEvents', () => {
  it('adds new events and replaces older versions', () => {
    const cache = new Map([[1, grievance(1, { seq: 5 })]]);
    const next = mergeEvents(cache, [
      grievance(1, { seq: 9, state: 'accepted' }),
      grievance(2, { seq: 7 }),
    ]);
    expect([...next.values()].map((e) => [e.id, e.seq, e.state])).toEqual([
      [1, 9, 'accepted'],
      [2, 7, 'reported'],
    ]);
    expect(cache.get(1)?.seq, 'the input map is not mutated').toBe(5);
  });

  it('keeps the newer version when an older one arrives late (a slow list after a broadcast)', () => {
    const live = grievance(1, { seq: 9, state: 'dispatched' });
    const cache = new Map([[1, live]]);
    const next = mergeEvents(cache, [grievance(1, { seq: 4, state: 'reported' })]);
    expect(next).toBe(cache);
    expect(next.get(1)).toBe(live);
  });

  it('returns the same map when nothing is newer, so React skips the render', () => {
    const cache: ReadonlyMap<number, GrievanceEvent> = new Map([[1, grievance(1, { seq: 3 })]]);
    expect(mergeEvents(cache, [])).toBe(cache);
    expect(mergeEvents(cache, [grievance(1, { seq: 3 })])).toBe(cache);
  });

  it('takes the newest of several versions of one event in one batch (a resync)', () => {
    const next = mergeEvents(new Map(), [
      grievance(1, { seq: 2 }),
      grievance(1, { seq: 8, state: 'closed' }),
      grievance(1, { seq: 5, state: 'resolved' }),
    ]);
    expect(next.get(1)?.state).toBe('closed');
  });
});
