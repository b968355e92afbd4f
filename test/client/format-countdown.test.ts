import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../client/lib/i18n.ts';
import {
  formatCountdown,
  formatDuration,
} from '../../client/features/grievances/format-countdown.ts';

const zh = createTranslator('zh-CN');
const en = createTranslator('en');
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const DEADLINE = '2026-03-02T12:00:00.000Z';
const AT_DEADLINE = Date.parse(DEADLINE);

describe('formatDuration', () => {
  it('shows the two largest units, the minor one zero-padded after hours and minutes', () => {
    const cases = [
      2 * DAY + 3 * HOUR + 59 * MINUTE,
      3 * HOUR + 5 * MINUTE,
      4 * MINUTE + 9 * SECOND,
    ];
    expect(cases.map((ms) => formatDuration(zh, ms))).toEqual(['2天3小时', '3小时05分', '4分09秒']);
    expect(cases.map((ms) => formatDuration(en, ms))).toEqual(['2d 3h', '3h 05m', '4m 09s']);
  });

  it('floors: 59.9 seconds is 0 minutes 59 seconds, 23 h 59 m is not a day', () => {
    expect(formatDuration(en, 59_900)).toBe('0m 59s');
    expect(formatDuration(en, DAY - MINUTE)).toBe('23h 59m');
    expect(formatDuration(en, DAY)).toBe('1d 0h');
  });

  it('formats zero and negative durations by their size', () => {
    expect(formatDuration(zh, 0)).toBe('0分00秒');
    expect(formatDuration(en, -(HOUR + 2 * MINUTE))).toBe('1h 02m');
  });

  it('does not group the digits of long durations', () => {
    expect(formatDuration(en, 1234 * DAY)).toBe('1234d 0h');
  });
});

describe('formatCountdown', () => {
  it('counts down to the deadline', () => {
    const now = AT_DEADLINE - (HOUR + 30 * MINUTE);
    expect(formatCountdown(zh, DEADLINE, now)).toEqual({ text: '剩余 1小时30分', overdue: false });
    expect(formatCountdown(en, DEADLINE, now)).toEqual({ text: '1h 30m left', overdue: false });
  });

  it('counts up past the deadline, the deadline itself included', () => {
    expect(formatCountdown(zh, DEADLINE, AT_DEADLINE)).toEqual({
      text: '超时 0分00秒',
      overdue: true,
    });
    expect(formatCountdown(en, DEADLINE, AT_DEADLINE + 2 * DAY + 5 * HOUR)).toEqual({
      text: '2d 5h overdue',
      overdue: true,
    });
    expect(formatCountdown(en, DEADLINE, AT_DEADLINE - 1).overdue).toBe(false);
  });

  it('names an invalid deadline', () => {
    expect(() => formatCountdown(en, 'tomorrow', AT_DEADLINE)).toThrow(
      'Invalid deadline: tomorrow',
    );
  });
});
