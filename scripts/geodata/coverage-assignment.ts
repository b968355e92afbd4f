import type { CoverageMode } from '../../common/domain.ts';
import type { CompoundProfile } from './compound-profiles.ts';
import type { CoverageTargets } from './district-plan.ts';
import type { Random } from './seeded-random.ts';

/** What the assignment needs to know about a compound. */
export type CoverageCandidate = {
  profile: CompoundProfile;
  households: number;
  yearBuilt: number;
  oldTown: boolean;
  gridKey: string;
  communityKey: string;
};

export type CoverageAssignment = {
  mode: CoverageMode;
  longTermManaged: boolean;
  /** unmanaged at the baseline, covered since */
  changed: boolean;
  /** compounds taken over together share a batch (and later a date); null when not changed */
  batch: number | null;
};

const DEFAULT_OPTIONS = {
  gridSpread: 1.0, // ± score shared by a grid: makes unmanaged compounds cluster
  communitySpread: 0.6, // ± score shared by a community
  oldTownBonus: 1.2, // old-town compounds are more often unmanaged
  noise: 0.8, // per-compound randomness
};

const PROFILE_NEGLECT: Record<CompoundProfile, number> = { old: 2, mid: 0.8, modern: 0 };

/**
 * Decides each compound's coverage mode now and at the baseline. Small, old, old-town compounds
 * score as likely unmanaged, with shared per-grid and per-community terms so the unmanaged ones
 * cluster. The top scores were unmanaged at the baseline; of those, street companies took over
 * whole grids at a time, self-management came one compound at a time, and a few of the largest
 * hired an enterprise. The rest of the baseline-managed compounds are the long-term managed ones.
 *
 * @example
 * assignCoverage(candidates, plan.coverage, random).filter((a) => a.longTermManaged).length; // 231
 */
export function assignCoverage(
  candidates: readonly CoverageCandidate[],
  targets: CoverageTargets,
  random: Random,
  options: Partial<typeof DEFAULT_OPTIONS> = {},
): CoverageAssignment[] {
  const { gridSpread, communitySpread, oldTownBonus, noise } = { ...DEFAULT_OPTIONS, ...options };
  const managedAtBaseline =
    targets.professionalLongTerm + targets.streetCompanyBaseline + targets.selfManagedBaseline;
  const covered = targets.professionalNew + targets.streetCompanyNew + targets.selfManagedNew;
  const unmanagedAtBaseline = candidates.length - managedAtBaseline;
  if (unmanagedAtBaseline < covered) {
    throw new Error(
      `Targets need ${managedAtBaseline + covered} compounds, only ${candidates.length} were placed`,
    );
  }

  const gridTerm = new Map<string, number>();
  const communityTerm = new Map<string, number>();
  const scores = candidates.map((c) => {
    if (!gridTerm.has(c.gridKey)) gridTerm.set(c.gridKey, random.range(-gridSpread, gridSpread));
    if (!communityTerm.has(c.communityKey)) {
      communityTerm.set(c.communityKey, random.range(-communitySpread, communitySpread));
    }
    return (
      PROFILE_NEGLECT[c.profile] +
      (2010 - c.yearBuilt) / 25 +
      (c.oldTown ? oldTownBonus : 0) -
      Math.min(c.households, 3000) / 3000 +
      (gridTerm.get(c.gridKey) ?? 0) +
      (communityTerm.get(c.communityKey) ?? 0) +
      random.range(0, noise)
    );
  });
  const byNeglect = candidates
    .map((_, i) => i)
    .sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
  const baselineUnmanaged = byNeglect.slice(0, unmanagedAtBaseline);
  const baselineManaged = byNeglect.slice(unmanagedAtBaseline);

  const result: CoverageAssignment[] = candidates.map(() => ({
    mode: 'none',
    longTermManaged: false,
    changed: false,
    batch: null,
  }));

  // the smallest managed compounds are the ones run by street companies or by their residents
  const bySize = [...baselineManaged].sort(
    (a, b) => sizeRank(candidates[a]) - sizeRank(candidates[b]) || a - b,
  );
  const smallManaged = random.shuffle(
    bySize.slice(0, targets.streetCompanyBaseline + targets.selfManagedBaseline),
  );
  for (const [k, i] of smallManaged.entries()) {
    result[i] = {
      mode: k < targets.streetCompanyBaseline ? 'street_company' : 'self_managed',
      longTermManaged: false,
      changed: false,
      batch: null,
    };
  }
  for (const i of bySize.slice(smallManaged.length)) {
    result[i] = { mode: 'professional', longTermManaged: true, changed: false, batch: null };
  }

  let batch = 0;
  const pending = new Set(baselineUnmanaged);
  const take = (i: number, mode: CoverageMode, batchId: number): void => {
    result[i] = { mode, longTermManaged: false, changed: true, batch: batchId };
    pending.delete(i);
  };

  // the largest unmanaged compounds hired an enterprise
  const jitter = new Map([...pending].map((i) => [i, random.range(0.7, 1.3)]));
  const sizeOf = (i: number): number => (candidates[i]?.households ?? 0) * (jitter.get(i) ?? 1);
  const largest = [...pending].sort((a, b) => sizeOf(b) - sizeOf(a) || a - b);
  for (const i of largest.slice(0, targets.professionalNew)) take(i, 'professional', batch++);

  // street companies took over grid by grid (the bundling the plan asks for)
  const byGrid = new Map<string, number[]>();
  for (const i of [...pending].sort((a, b) => a - b)) {
    const key = candidates[i]?.gridKey ?? '';
    byGrid.set(key, [...(byGrid.get(key) ?? []), i]);
  }
  let streetCompanyLeft = targets.streetCompanyNew;
  for (const key of random.shuffle([...byGrid.keys()].sort())) {
    if (streetCompanyLeft === 0) break;
    const members = (byGrid.get(key) ?? []).slice(0, streetCompanyLeft);
    const batchId = batch++;
    for (const i of members) take(i, 'street_company', batchId);
    streetCompanyLeft -= members.length;
  }

  // residents organised themselves one compound at a time, mostly mid-sized ones
  const selfCandidates = random.shuffle([...pending].sort((a, b) => a - b));
  selfCandidates.sort(
    (a, b) => Number(isSelfManageable(candidates[b])) - Number(isSelfManageable(candidates[a])),
  );
  for (const i of selfCandidates.slice(0, targets.selfManagedNew)) take(i, 'self_managed', batch++);

  return result;
}

function sizeRank(c: CoverageCandidate | undefined): number {
  return c ? c.households + (c.yearBuilt - 1980) * 10 : 0;
}

function isSelfManageable(c: CoverageCandidate | undefined): boolean {
  return c !== undefined && c.households >= 40 && c.households <= 400;
}
