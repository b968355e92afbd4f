import { afterEach, describe, expect, it } from 'vitest';
import { createLocaleFormat, districtIsoDate } from '../../client/lib/locale-format.ts';

// 00:05:09 on Friday 2 January 2026 in Quanzhou, still 1 January in UTC and in New York
const INSTANT = '2026-01-01T16:05:09Z';

describe('createLocaleFormat', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = zone;
  });

  it('writes times in the district zone, 24-hour, in both locales', () => {
    expect(createLocaleFormat('zh-CN').formatTime(INSTANT)).toBe('00:05:09');
    expect(createLocaleFormat('en').formatTime(INSTANT)).toBe('00:05:09');
    expect(createLocaleFormat('zh-CN').formatTime(INSTANT, { seconds: false })).toBe('00:05');
    expect(createLocaleFormat('en').formatTime(Date.parse(INSTANT), { seconds: false })).toBe(
      '00:05',
    );
  });

  it('writes month, day and time for the locale', () => {
    expect(createLocaleFormat('zh-CN').formatDateTime(INSTANT)).toBe('01/02 00:05');
    expect(createLocaleFormat('en').formatDateTime(new Date(INSTANT))).toBe('01/02, 00:05');
  });

  it('writes the district calendar day with its weekday', () => {
    expect(createLocaleFormat('zh-CN').formatDate(INSTANT)).toBe('2026/01/02周五');
    expect(createLocaleFormat('en').formatDate(INSTANT)).toBe('Fri, 01/02/2026');
  });

  it('ignores the zone of the machine it runs on', () => {
    process.env.TZ = 'America/New_York';
    expect(new Date(INSTANT).getDate()).toBe(1);
    expect(createLocaleFormat('en').formatDateTime(INSTANT)).toBe('01/02, 00:05');
  });

  it('writes numbers with grouped digits and a fixed number of decimals', () => {
    expect(createLocaleFormat('zh-CN').formatNumber(12345.67)).toBe('12,346');
    expect(createLocaleFormat('en').formatNumber(12345.67, 1)).toBe('12,345.7');
    expect(createLocaleFormat('zh-CN').formatNumber(70, 1)).toBe('70.0');
  });

  it('writes the district calendar day as YYYY-MM-DD, turning at 16:00 UTC', () => {
    expect(districtIsoDate('2026-03-01T15:59:59Z')).toBe('2026-03-01');
    expect(districtIsoDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });
});
