import type { CoverageCounts, CoverageSummary, CoverageUnit } from '../../common/api.ts';
import { COVERAGE_MODES, type CoverageMode } from '../../common/domain.ts';

// pure calculations behind GET /api/coverage: no I/O, tested with exact inputs and outputs.

export type ModeTally = {
  unitCode: string;
  mode: CoverageMode;
  compounds: number;
  households: number;
};

/** Builds one CoverageUnit from its per-mode tallies (modes without compounds count zero). */
export function buildCoverageUnit(code: string, name: string, tallies: ModeTally[]): CoverageUnit {
  const counts = Object.fromEntries(
    COVERAGE_MODES.map((m) => [m, { compounds: 0, households: 0 }]),
  ) as CoverageCounts;
  for (const t of tallies) {
    counts[t.mode].compounds += t.compounds;
    counts[t.mode].households += t.households;
  }
  const compounds = COVERAGE_MODES.reduce((sum, m) => sum + counts[m].compounds, 0);
  const households = COVERAGE_MODES.reduce((sum, m) => sum + counts[m].households, 0);
  const covered = compounds - counts.none.compounds;
  return { code, name, counts, compounds, households, coveredShare: ratio(covered, compounds) };
}

/** One compound that had no property service at the baseline date. */
export type BaselineCompound = {
  /** first date after the baseline from which it had some service; null if still unmanaged */
  coveredOn: string | null;
};

export type ProgressOptions = {
  baselineDate: string;
  targets: { date: string; share: number }[];
  /** targets dated after this are not yet due (met: null) */
  today: string;
};

/**
 * Progress of the plan's coverage targets: of the compounds unmanaged at the baseline, how many
 * are covered, month by month, and whether each dated target was met on its date.
 * @example buildCoverageProgress([{coveredOn: '2024-05-02'}, {coveredOn: null}], opts).share // 0.5
 */
export function buildCoverageProgress(
  baseline: BaselineCompound[],
  options: ProgressOptions,
): CoverageSummary['progress'] {
  const total = baseline.length;
  const dates = baseline
    .map((b) => b.coveredOn)
    .filter((d): d is string => d !== null)
    .sort();
  const coveredBy = (date: string) => dates.filter((d) => d <= date).length;

  const lastDate = [options.baselineDate, ...dates, ...options.targets.map((t) => t.date)]
    .sort()
    .at(-1)!;
  const timeline = monthEnds(options.baselineDate, lastDate).map((date) => {
    const covered = coveredBy(date);
    return { date, covered, share: ratio(covered, total) };
  });
  const targets = options.targets.map((t) => ({
    date: t.date,
    share: t.share,
    met: t.date > options.today ? null : ratio(coveredBy(t.date), total) >= t.share,
  }));
  return {
    baselineDate: options.baselineDate,
    baselineUnmanaged: total,
    coveredSinceBaseline: dates.length,
    share: ratio(dates.length, total),
    timeline,
    targets,
  };
}

/** Last day of every month from the month of `from` to the month of `to`, as ISO dates. */
export function monthEnds(from: string, to: string): string[] {
  const out: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7)); // 1-based
  const endKey = to.slice(0, 7);
  for (;;) {
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const key = `${year}-${String(month).padStart(2, '0')}`;
    out.push(`${key}-${String(last).padStart(2, '0')}`);
    if (key >= endKey) return out;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

// shares are rounded to 4 decimals so the wire format is stable; 0 of 0 is 0
function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}
