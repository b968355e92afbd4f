import type { Translate } from '../../lib/i18n.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type Countdown = { text: string; overdue: boolean };

/**
 * A duration in its two largest units, floored: "2天3小时" / "3小时05分" / "4分09秒" (zh-CN),
 * "2d 3h" / "3h 05m" / "4m 09s" (en). Negative durations are formatted by their size.
 * @example formatDuration(createTranslator('en'), 3 * 3600_000 + 5 * 60_000) // "3h 05m"
 */
export function formatDuration(t: Translate, ms: number): string {
  const size = Math.abs(ms);
  const days = Math.floor(size / DAY);
  const hours = Math.floor((size % DAY) / HOUR);
  const minutes = Math.floor((size % HOUR) / MINUTE);
  const seconds = Math.floor((size % MINUTE) / SECOND);
  // strings, not numbers: the translator would group digits, and the minor unit is zero-padded
  if (days > 0) return t('duration.days', { d: String(days), h: String(hours) });
  if (hours > 0) return t('duration.hours', { h: String(hours), m: pad(minutes) });
  return t('duration.minutes', { m: String(minutes), s: pad(seconds) });
}

/**
 * The time left until a deadline, or how long it is overdue (the deadline itself counts as overdue).
 * @example formatCountdown(createTranslator('zh-CN'), '2026-01-01T12:00:00Z', Date.parse('2026-01-01T10:30:00Z'))
 * // { text: '剩余 1小时30分', overdue: false }
 */
export function formatCountdown(t: Translate, deadline: string, now: number): Countdown {
  const left = Date.parse(deadline) - now;
  if (Number.isNaN(left)) throw new Error(`Invalid deadline: ${deadline}`);
  const time = formatDuration(t, left);
  return left > 0
    ? { text: t('countdown.left', { time }), overdue: false }
    : { text: t('countdown.overdue', { time }), overdue: true };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
