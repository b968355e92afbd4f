import { measureCompactness } from './bundle-compactness.ts';
import type {
  Bundle,
  BundlingCompound,
  BundlingOptions,
  BundlingResult,
  BundlingSummary,
  Leftover,
  NeighbourGraph,
} from '../../common/bundling.ts';
import { NEIGHBOUR_DISTANCE_M } from '../../common/bundling.ts';
import { solveComponent, type ComponentInput } from './solve-component.ts';

export const DEFAULT_OPTIONS: BundlingOptions = {
  neighbourDistanceM: NEIGHBOUR_DISTANCE_M, // edge-to-edge; roads separate compounds
  minHouseholds: 300, // below this one provider cannot run a bundle, unless a managed anchor serves it
  maxHouseholds: 3000, // anchor included: beyond this a bundle is a district, not a neighbourhood
  maxCompounds: 12, // anchor included: more sites than one property office can walk daily
  unit: 'community', // a bundle stays inside one community (or street)
  allowManagedAnchor: true, // a managed neighbour may absorb unmanaged compounds (三(二))
  restarts: 8, // randomised constructions per component besides the 3 (12 with anchors) fixed ones
  seed: 20240318, // seeds the restarts: same input, same output
};

/**
 * Bundles the unmanaged compounds (三(二)): each bundle is connected in the neighbour graph, stays
 * inside one unit, meets the minimum households (or has a managed anchor) and respects the maxima.
 * Maximises, in order, unmanaged households covered, the number of bundles, and compactness.
 * Units and their connected components are solved independently. Pure: no I/O.
 *
 * @example
 * const result = bundleCompounds(graph, { unit: 'street' });
 * result.summary.coveredHouseholds; // 10900 on the district data
 */
export function bundleCompounds(
  graph: NeighbourGraph,
  options: Partial<BundlingOptions> = {},
): BundlingResult {
  const steps = solveUnits(graph, resolveOptions(options));
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * `bundleCompounds` for long runs (a whole city): solves one unit at a time, reports progress after
 * each and yields to the event loop in between, so the server keeps answering and progress events
 * reach the client while it runs. Same result as `bundleCompounds`.
 */
export async function bundleCompoundsInSteps(
  graph: NeighbourGraph,
  options: Partial<BundlingOptions>,
  onProgress: (done: number, total: number) => void,
): Promise<BundlingResult> {
  const steps = solveUnits(graph, resolveOptions(options));
  let step = steps.next();
  while (!step.done) {
    onProgress(step.value.done, step.value.total);
    await new Promise((resolve) => setImmediate(resolve));
    step = steps.next();
  }
  return step.value;
}

// solves unit after unit, yielding progress after each; returns the whole result
function* solveUnits(
  graph: NeighbourGraph,
  opts: BundlingOptions,
): Generator<{ done: number; total: number }, BundlingResult> {
  const index = indexGraph(graph, opts, null);
  const bundles: Bundle[] = [];
  const leftovers: Leftover[] = [];
  const total = index.units.size;
  let done = 0;
  for (const members of index.units.values()) {
    const unitBundles: Bundle[] = [];
    solveComponents(index, members, opts, null, unitBundles);
    addLeftovers(index, members, opts, unitBundles, leftovers);
    bundles.push(...unitBundles);
    yield { done: ++done, total };
  }
  return finishResult(opts, graph.compounds, bundles, leftovers);
}

/**
 * Re-solves one unit after its compounds or edges changed (a coverage mode, households, a new
 * compound) and keeps every other unit's bundles as they were. Given the changed compound ids,
 * only the connected components around them are re-solved and the unit's other bundles kept.
 * Either way the result equals what `bundleCompounds` gives on the new graph, since units and
 * components are solved independently. A compound that moved to another unit needs both units
 * re-solved; a compound removed from the graph makes the whole unit re-solve.
 *
 * @example
 * const next = rebundleUnit(previous, '350502001001', updatedGraph, [1207]);
 */
export function rebundleUnit(
  previous: BundlingResult,
  unitCode: string,
  graph: NeighbourGraph,
  changedIds?: readonly number[],
): BundlingResult {
  const opts = resolveOptions(previous.options);
  const index = indexGraph(graph, opts, unitCode);
  const members = index.units.get(unitCode) ?? [];
  const indexOf = new Map(members.map((i) => [index.compounds[i]!.id, i]));
  const known = (changedIds ?? []).filter((id) => indexOf.has(id));
  const previousIds = new Set<number>();
  for (const b of previous.bundles) {
    if (b.unitCode === unitCode) for (const id of b.compoundIds) previousIds.add(id);
  }
  for (const l of previous.leftovers) {
    if (l.unitCode === unitCode) previousIds.add(l.compoundId);
  }
  const removed = [...previousIds].some((id) => !indexOf.has(id));

  // the changed compounds and their neighbours reach every component a change can touch
  let affected: Set<number> | null = null;
  if (changedIds !== undefined && known.length === changedIds.length && !removed) {
    affected = new Set<number>();
    for (const id of known) {
      const i = indexOf.get(id)!;
      affected.add(i);
      for (const j of index.near[i]!) affected.add(j);
    }
  }
  const bundles = previous.bundles.filter((b) => b.unitCode !== unitCode);
  const unitBundles: Bundle[] = [];
  const solved = solveComponents(index, members, opts, affected, unitBundles);
  if (affected !== null) {
    const touched = (id: number) => {
      const i = indexOf.get(id)!;
      return solved.has(i) || affected.has(i);
    };
    for (const b of previous.bundles) {
      if (b.unitCode === unitCode && !b.compoundIds.some(touched)) unitBundles.push(b);
    }
  }
  const leftovers = previous.leftovers.filter((l) => l.unitCode !== unitCode);
  addLeftovers(index, members, opts, unitBundles, leftovers);
  return finishResult(opts, graph.compounds, [...bundles, ...unitBundles], leftovers);
}

/** Options merged over DEFAULT_OPTIONS and checked; throws naming the value and its range. */
export function resolveOptions(options: Partial<BundlingOptions> = {}): BundlingOptions {
  const o = { ...DEFAULT_OPTIONS, ...options };
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`Invalid bundling option: ${what}`);
  };
  check(o.neighbourDistanceM >= 0, `neighbourDistanceM must be ≥ 0, got ${o.neighbourDistanceM}`);
  check(
    Number.isInteger(o.minHouseholds) && o.minHouseholds >= 0,
    `minHouseholds must be a whole number ≥ 0, got ${o.minHouseholds}`,
  );
  check(
    Number.isInteger(o.maxHouseholds) && o.maxHouseholds >= Math.max(1, o.minHouseholds),
    `maxHouseholds must be a whole number ≥ minHouseholds (${o.minHouseholds}) and ≥ 1, got ${o.maxHouseholds}`,
  );
  check(
    Number.isInteger(o.maxCompounds) && o.maxCompounds >= 1,
    `maxCompounds must be a whole number ≥ 1, got ${o.maxCompounds}`,
  );
  check(
    o.unit === 'community' || o.unit === 'street',
    `unit must be community or street, got ${o.unit}`,
  );
  check(
    Number.isInteger(o.restarts) && o.restarts >= 0 && o.restarts <= 1000,
    `restarts must be a whole number in [0, 1000], got ${o.restarts}`,
  );
  check(Number.isInteger(o.seed), `seed must be a whole number, got ${o.seed}`);
  return o;
}

/** The code of the unit a compound belongs to under the given unit choice. */
export function unitCodeOf(c: BundlingCompound, unit: BundlingOptions['unit']): string {
  return unit === 'street' ? c.streetCode : c.communityCode;
}

type GraphIndex = {
  compounds: BundlingCompound[];
  /** neighbours within the distance and the same unit, any coverage mode, ascending by id */
  near: number[][];
  /** unit code → compound indices, ascending by id */
  units: Map<string, number[]>;
};

// only `onlyUnit` is indexed when given (rebundleUnit); edges reaching outside it are ignored
function indexGraph(
  graph: NeighbourGraph,
  opts: BundlingOptions,
  onlyUnit: string | null,
): GraphIndex {
  const compounds =
    onlyUnit === null
      ? graph.compounds
      : graph.compounds.filter((c) => unitCodeOf(c, opts.unit) === onlyUnit);
  const indexOf = new Map<number, number>();
  compounds.forEach((c, i) => {
    if (indexOf.has(c.id)) throw new Error(`Duplicate compound id: ${c.id}`);
    if (!(c.households >= 0) || !Number.isFinite(c.x) || !Number.isFinite(c.y)) {
      throw new Error(`Compound ${c.id} needs households ≥ 0 and finite x, y`);
    }
    indexOf.set(c.id, i);
  });
  const near: number[][] = compounds.map(() => []);
  for (const e of graph.edges) {
    const a = indexOf.get(e.a);
    const b = indexOf.get(e.b);
    if (a === undefined || b === undefined) {
      if (onlyUnit !== null) continue;
      throw new Error(`Unknown compound id in edge: ${a === undefined ? e.a : e.b}`);
    }
    if (a === b || e.distanceM > opts.neighbourDistanceM) continue;
    if (unitCodeOf(compounds[a]!, opts.unit) !== unitCodeOf(compounds[b]!, opts.unit)) continue;
    near[a]!.push(b);
    near[b]!.push(a);
  }
  const byId = (i: number, j: number) => compounds[i]!.id - compounds[j]!.id;
  for (let i = 0; i < near.length; i++) {
    const list = near[i]!.sort(byId);
    near[i] = list.filter((v, k) => k === 0 || v !== list[k - 1]); // edges may come twice
  }
  const units = new Map<string, number[]>();
  compounds.forEach((c, i) => {
    const code = unitCodeOf(c, opts.unit);
    const list = units.get(code);
    if (list === undefined) units.set(code, [i]);
    else list.push(i);
  });
  for (const list of units.values()) list.sort(byId);
  return { compounds, near, units };
}

// what may share a bundle: unmanaged with unmanaged, or with a managed anchor when allowed
function linksOf(index: GraphIndex, opts: BundlingOptions, i: number): number[] {
  const managed = (v: number) => index.compounds[v]!.coverageMode !== 'none';
  return index.near[i]!.filter(
    (j) => !(managed(i) && managed(j)) && (opts.allowManagedAnchor || !managed(j)),
  );
}

/**
 * Solves the unit's components (only those holding an `affected` compound, when given) into
 * `bundles`; returns the compound indices of the components solved.
 */
function solveComponents(
  index: GraphIndex,
  members: number[],
  opts: BundlingOptions,
  affected: Set<number> | null,
  bundles: Bundle[],
): Set<number> {
  const { compounds } = index;
  const links = (i: number) => linksOf(index, opts, i);
  const visited = new Set<number>();
  const solved = new Set<number>();
  for (const start of members) {
    if (compounds[start]!.coverageMode !== 'none' || visited.has(start)) continue;
    const component = collect(start, links, visited);
    if (affected !== null && !component.some((v) => affected.has(v))) continue;
    for (const v of component) solved.add(v);
    component.sort((i, j) => compounds[i]!.id - compounds[j]!.id);
    const local = new Map(component.map((v, k) => [v, k]));
    const input: ComponentInput = {
      ids: component.map((v) => compounds[v]!.id),
      households: component.map((v) => compounds[v]!.households),
      managed: component.map((v) => compounds[v]!.coverageMode !== 'none'),
      xs: component.map((v) => compounds[v]!.x),
      ys: component.map((v) => compounds[v]!.y),
      neighbours: component.map((v) => links(v).map((j) => local.get(j)!)),
    };
    for (const b of solveComponent(input, opts)) {
      const chosen = b.members.map((k) => compounds[component[k]!]!);
      bundles.push(toBundle(chosen, b.anchor >= 0 ? input.ids[b.anchor]! : null, opts));
    }
  }
  return solved;
}

// the unit's unmanaged compounds in no bundle, with reasons from the unmanaged-only groups and
// the anchors they touch
function addLeftovers(
  index: GraphIndex,
  members: number[],
  opts: BundlingOptions,
  bundles: Bundle[],
  leftovers: Leftover[],
): void {
  const { compounds, near } = index;
  const covered = new Set(bundles.flatMap((b) => b.compoundIds));
  const isManaged = (i: number) => compounds[i]!.coverageMode !== 'none';
  const unmanagedLinks = (i: number) => near[i]!.filter((j) => !isManaged(j));
  const grouped = new Set<number>();
  for (const start of members) {
    if (isManaged(start) || grouped.has(start) || covered.has(compounds[start]!.id)) continue;
    const group = collect(start, unmanagedLinks, grouped);
    const households = group.reduce((sum, v) => sum + compounds[v]!.households, 0);
    const touchesAnchor =
      opts.allowManagedAnchor && group.some((v) => near[v]!.some((j) => isManaged(j)));
    for (const v of group) {
      const c = compounds[v]!;
      if (covered.has(c.id)) continue;
      leftovers.push({
        compoundId: c.id,
        unitCode: unitCodeOf(c, opts.unit),
        households: c.households,
        reason:
          near[v]!.length === 0
            ? 'isolated'
            : households < opts.minHouseholds && !touchesAnchor
              ? 'too_few_households'
              : 'unplaced',
      });
    }
  }
}

function collect(start: number, links: (i: number) => number[], visited: Set<number>): number[] {
  const found = [start];
  visited.add(start);
  for (let k = 0; k < found.length; k++) {
    for (const j of links(found[k]!)) {
      if (visited.has(j)) continue;
      visited.add(j);
      found.push(j);
    }
  }
  return found;
}

function toBundle(
  chosen: BundlingCompound[],
  anchorId: number | null,
  opts: BundlingOptions,
): Bundle {
  let households = 0;
  let unmanagedHouseholds = 0;
  let unmanagedCompounds = 0;
  let buildings = 0;
  for (const c of chosen) {
    households += c.households;
    buildings += c.buildings;
    if (c.coverageMode === 'none') {
      unmanagedHouseholds += c.households;
      unmanagedCompounds++;
    }
  }
  return {
    unitCode: unitCodeOf(chosen[0]!, opts.unit),
    compoundIds: chosen.map((c) => c.id),
    anchorId,
    households,
    unmanagedHouseholds,
    unmanagedCompounds,
    buildings,
    compactness: measureCompactness(
      chosen.map((c) => c.x),
      chosen.map((c) => c.y),
    ),
  };
}

function finishResult(
  options: BundlingOptions,
  compounds: BundlingCompound[],
  bundles: Bundle[],
  leftovers: Leftover[],
): BundlingResult {
  bundles.sort(
    (a, b) => compareCodes(a.unitCode, b.unitCode) || a.compoundIds[0]! - b.compoundIds[0]!,
  );
  leftovers.sort((a, b) => compareCodes(a.unitCode, b.unitCode) || a.compoundId - b.compoundId);
  const summary: BundlingSummary = {
    unmanagedCompounds: 0,
    unmanagedHouseholds: 0,
    coveredCompounds: 0,
    coveredHouseholds: 0,
    bundles: bundles.length,
    anchoredBundles: 0,
    sumDistanceToCentreM: 0,
  };
  for (const c of compounds) {
    if (c.coverageMode !== 'none') continue;
    summary.unmanagedCompounds++;
    summary.unmanagedHouseholds += c.households;
  }
  for (const b of bundles) {
    summary.coveredCompounds += b.unmanagedCompounds;
    summary.coveredHouseholds += b.unmanagedHouseholds;
    if (b.anchorId !== null) summary.anchoredBundles++;
    summary.sumDistanceToCentreM += b.compactness.sumDistanceToCentreM;
  }
  summary.sumDistanceToCentreM = Math.round(summary.sumDistanceToCentreM * 10) / 10;
  return { options: { ...options }, bundles, leftovers, summary };
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
