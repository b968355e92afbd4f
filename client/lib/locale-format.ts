import type { Locale } from './i18n.ts';

/** Times are shown in the district's zone, whatever zone the browser is in. */
export const DISTRICT_TIME_ZONE = 'Asia/Shanghai';

/** An instant: ISO text, epoch milliseconds or a Date. */
export type Instant = string | number | Date;

/** Dates, times and numbers written for one locale. */
export type LocaleFormat = {
  /** "14:03:05", or "14:03" with `{ seconds: false }` */
  formatTime: (at: Instant, options?: { seconds?: boolean }) => string;
  /** month, day and time: "01/02 14:03" (zh-CN), "01/02, 14:03" (en) */
  formatDateTime: (at: Instant) => string;
  /** the calendar day with its weekday: "2026/01/02周五" (zh-CN), "Fri, 01/02/2026" (en) */
  formatDate: (at: Instant) => string;
  /** grouped digits with exactly `decimals` fraction digits: "12,345.7" */
  formatNumber: (value: number, decimals?: number) => string;
};

// h23 rather than `hour12: false`, which writes midnight as "24:05" in English
const TIME = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;

/**
 * Returns the formatters for a locale; times in {@link DISTRICT_TIME_ZONE}.
 * @example createLocaleFormat('en').formatTime('2026-01-01T16:05:09Z') // "00:05:09"
 */
export function createLocaleFormat(locale: Locale): LocaleFormat {
  const dateTime = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { ...options, timeZone: DISTRICT_TIME_ZONE });
  const clock = dateTime({ ...TIME, second: '2-digit' });
  const shortClock = dateTime(TIME);
  const monthDayTime = dateTime({ ...TIME, month: '2-digit', day: '2-digit' });
  const day = dateTime({ year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' });
  // one NumberFormat per precision: a rolling figure formats every frame
  const numbers = new Map<number, Intl.NumberFormat>();
  const numberFormat = (decimals: number) => {
    let format = numbers.get(decimals);
    if (!format) {
      const digits = { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
      format = new Intl.NumberFormat(locale, digits);
      numbers.set(decimals, format);
    }
    return format;
  };
  const instant = (at: Instant) => (at instanceof Date ? at : new Date(at));
  return {
    formatTime: (at, { seconds = true } = {}) => (seconds ? clock : shortClock).format(instant(at)),
    formatDateTime: (at) => monthDayTime.format(instant(at)),
    formatDate: (at) => day.format(instant(at)),
    formatNumber: (value, decimals = 0) => numberFormat(decimals).format(value),
  };
}

// en-CA writes a calendar day as YYYY-MM-DD
const ISO_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: DISTRICT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The district's calendar day of an instant, whatever zone the browser is in.
 * @example districtIsoDate('2026-03-01T16:00:00Z') // "2026-03-02"
 */
export function districtIsoDate(at: Instant): string {
  return ISO_DAY.format(at instanceof Date ? at : new Date(at));
}
