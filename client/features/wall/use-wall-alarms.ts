import { useCallback, useEffect, useRef, useState } from 'react';
import type { Grade } from '../../../common/grievances.ts';
import type { PulsingRing } from '../../map/pulsing-rings.tsx';
import { GRADE_COLORS, toCssColor } from '../../lib/theme.ts';
import { beep } from './beep.ts';
import type { WallBatch } from './use-wall-stream.ts';
import { updateAlarms, type Alarm } from './wall-alarm.ts';

const ALARM_CHECK_MS = 5000;
const MAX_PULSES = 12; // the newest ones only: each ring is a DOM element

/** A new event's ring, with when it appeared. */
export type Pulse = PulsingRing & { at: number };

export type WallAlarms = {
  /** newest first; the banner shows them, the tour pauses while there is one */
  alarms: readonly Alarm[];
  pulses: readonly Pulse[];
  /** takes a live batch: alarms for new events of alarm grades, a ring for each new report */
  onBatch: (batch: WallBatch) => void;
  /** the grades that raise an alarm, as the figures give them (call it from an effect) */
  setAlarmGrades: (grades: readonly Grade[] | undefined) => void;
};

/**
 * The wall's alarms and pulses from live batches. The alarm grades come with the figures
 * (`event_grades.alarm`), which depend on the street the tour shows, which pauses on an alarm:
 * so they are handed over with `setAlarmGrades` rather than as an argument. Alarms are checked
 * again every few seconds (they expire), and a new one beeps when `sound` is on.
 */
export function useWallAlarms(sound: boolean): WallAlarms {
  const [alarms, setAlarms] = useState<readonly Alarm[]>([]);
  const [pulses, setPulses] = useState<readonly Pulse[]>([]);
  const alarmGradesRef = useRef<readonly Grade[] | undefined>(undefined);
  const setAlarmGrades = useCallback((grades: readonly Grade[] | undefined) => {
    alarmGradesRef.current = grades;
  }, []);

  const onBatch = useCallback(({ events, known }: WallBatch) => {
    const grades = alarmGradesRef.current;
    const now = Date.now();
    if (grades) setAlarms((current) => updateAlarms(current, events, known, grades, now));
    const fresh = events.filter((e) => !known.has(e.id) && e.state === 'reported');
    if (fresh.length === 0) return;
    setPulses((current) =>
      [
        ...fresh.map((e) => ({
          key: e.id,
          position: e.location,
          color: toCssColor(GRADE_COLORS[e.grade]),
          at: now,
        })),
        ...current,
      ].slice(0, MAX_PULSES),
    );
  }, []);

  const alarmShowing = alarms.length > 0;
  // no new events: only acknowledgements and timeouts, which need no grades
  useEffect(() => {
    if (!alarmShowing) return;
    const timer = window.setInterval(() => {
      setAlarms((current) => updateAlarms(current, [], new Set(), [], Date.now()));
    }, ALARM_CHECK_MS);
    return () => window.clearInterval(timer);
  }, [alarmShowing]);
  const newestAlarm = alarms[0]?.event.id ?? null;
  useEffect(() => {
    if (newestAlarm !== null && sound) beep();
  }, [newestAlarm, sound]);

  return { alarms, pulses, onBatch, setAlarmGrades };
}
