import type { Grade, GrievanceEvent } from '../../../common/grievances.ts';

// Which events hold the wall's alarm: new events of an alarm grade (L3/L4, event_grades.alarm),
// until someone accepts them in a dispatch console (the event leaves "reported": that is the
// acknowledgement) or, failing that, until ALARM.timeoutMs has passed, so a wall nobody answers
// does not flash forever.

export const ALARM = {
  timeoutMs: 120_000, // the banner clears by itself after this long without an acknowledgement
  freshMs: 10 * 60_000, // only events reported this recently raise an alarm (a resync replays older ones)
};

export type Alarm = { event: GrievanceEvent; raisedAt: number };

/**
 * The alarms after a batch of events arrived (or changed) at `now`: new fresh alarm-grade events
 * join, newest first; an acknowledged (no longer "reported") or timed-out alarm leaves. `known`
 * holds the ids already seen; events in it never raise a new alarm. Returns `current` itself when
 * nothing changed.
 * @example updateAlarms([], [l4Event], new Set(), ['L3', 'L4'], Date.now()) // [{ event: l4Event, … }]
 */
export function updateAlarms(
  current: readonly Alarm[],
  incoming: readonly GrievanceEvent[],
  known: Pick<ReadonlySet<number>, 'has'>,
  alarmGrades: readonly Grade[],
  now: number,
): readonly Alarm[] {
  const latest = new Map(incoming.map((event) => [event.id, event]));
  let changed = false;
  const kept: Alarm[] = [];
  for (const alarm of current) {
    const event = latest.get(alarm.event.id) ?? alarm.event;
    if (event.state !== 'reported' || now - alarm.raisedAt >= ALARM.timeoutMs) {
      changed = true;
      continue;
    }
    if (event !== alarm.event) changed = true;
    kept.push(event === alarm.event ? alarm : { event, raisedAt: alarm.raisedAt });
  }
  const raised: Alarm[] = [];
  for (const event of incoming) {
    if (known.has(event.id) || event.state !== 'reported') continue;
    if (!alarmGrades.includes(event.grade)) continue;
    if (now - Date.parse(event.reportedAt) > ALARM.freshMs) continue;
    raised.push({ event, raisedAt: now });
  }
  if (!changed && raised.length === 0) return current;
  raised.sort((a, b) => Date.parse(b.event.reportedAt) - Date.parse(a.event.reportedAt));
  return [...raised, ...kept];
}
