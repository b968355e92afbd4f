import type { Random } from './seeded-random.ts';

// Calendar dates as ISO strings (YYYY-MM-DD), computed in UTC so the local time zone never
// shifts a day.

const DAY_MS = 86_400_000;

/** A uniformly drawn date between two ISO dates, both included. */
export function randomDate(from: string, to: string, random: Random): string {
  const start = parseIsoDate(from);
  const end = parseIsoDate(to);
  if (end < start) throw new Error(`Date range is empty: ${from}..${to}`);
  return formatIsoDate(start + random.int(0, Math.round((end - start) / DAY_MS)) * DAY_MS);
}

/** The date `days` later (earlier when negative). */
export function addDays(date: string, days: number): string {
  return formatIsoDate(parseIsoDate(date) + days * DAY_MS);
}

/** The same month and day `years` later; 29 February becomes 1 March in a common year. */
export function addYears(date: string, years: number): string {
  const d = new Date(parseIsoDate(date));
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return formatIsoDate(d.getTime());
}

export function parseIsoDate(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`Not an ISO date (YYYY-MM-DD): ${date}`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`Not a calendar date: ${date}`);
  return ms;
}

function formatIsoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
