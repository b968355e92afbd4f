// The China calendar helpers of the wall's figures. The enterprises' red/black list is no longer
// computed here: the wall shows the latest list published by the housing bureau
// (server/enterprises/credit-score.ts).

/** The calendar day of an instant in China (UTC+8, no daylight saving), as YYYY-MM-DD. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The instant a China calendar day starts. */
export function chinaDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** The `count` days ending with `last`, oldest first. */
export function daysEndingWith(last: string, count: number): string[] {
  const end = Date.parse(`${last}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) =>
    new Date(end - (count - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}
