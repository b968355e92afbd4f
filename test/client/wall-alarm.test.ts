import { describe, expect, it } from 'vitest';
import { ALARM, updateAlarms } from '../../client/features/wall/wall-alarm.ts';
import { grievance } from './grievance-fixture.ts';

const GRADES = ['L3', 'L4'] as const;
const REPORTED = Date.parse('2026-03-01T12:00:00.000Z');
const SOON = REPORTED + 5_000;

describe('updateAlarms', () => {
  it('raises an alarm for a new L3 or L4 event, newest first', () => {
    const l3 = grievance(1, { grade: 'L3' });
    const l4 = grievance(2, { grade: 'L4', reportedAt: '2026-03-01T12:00:01.000Z' });
    const alarms = updateAlarms([], [l3, l4], new Set(), GRADES, SOON);
    expect(alarms).toEqual([
      { event: l4, raisedAt: SOON },
      { event: l3, raisedAt: SOON },
    ]);
  });

  it('ignores lower grades, known events, stale ones and events already accepted', () => {
    const current = updateAlarms(
      [],
      [
        grievance(1, { grade: 'L2' }),
        grievance(2, { grade: 'L4' }),
        grievance(3, { grade: 'L4', reportedAt: '2026-03-01T11:00:00.000Z' }),
        grievance(4, { grade: 'L3', state: 'accepted' }),
      ],
      new Set([2]),
      GRADES,
      SOON,
    );
    expect(current).toEqual([]);
  });

  it('clears an alarm once its event is accepted (the acknowledgement)', () => {
    const l4 = grievance(2, { grade: 'L4' });
    const raised = updateAlarms([], [l4], new Set(), GRADES, SOON);
    const accepted = { ...l4, seq: 3, state: 'accepted' as const };
    expect(updateAlarms(raised, [accepted], new Set([2]), GRADES, SOON + 1000)).toEqual([]);
  });

  it('clears an unanswered alarm after the timeout, and not before', () => {
    const raised = updateAlarms([], [grievance(2, { grade: 'L4' })], new Set(), GRADES, SOON);
    const before = SOON + ALARM.timeoutMs - 1;
    expect(updateAlarms(raised, [], new Set(), GRADES, before)).toBe(raised);
    expect(updateAlarms(raised, [], new Set(), GRADES, SOON + ALARM.timeoutMs)).toEqual([]);
  });

  it('keeps the alarm with the newer version of a still-reported event', () => {
    const l3 = grievance(1, { grade: 'L3' });
    const raised = updateAlarms([], [l3], new Set(), GRADES, SOON);
    const escalated = { ...l3, seq: 2, level: 'district' as const };
    expect(updateAlarms(raised, [escalated], new Set([1]), GRADES, SOON + 10)).toEqual([
      { event: escalated, raisedAt: SOON },
    ]);
  });
});
