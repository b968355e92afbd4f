import { resolveOptions, unitCodeOf } from './bundle.ts';
import { measureCompactness } from './bundle-compactness.ts';
import type {
  BundleEvaluation,
  BundleViolation,
  BundlingCompound,
  BundlingOptions,
  BundlingResult,
  LeftoverReason,
  NeighbourGraph,
  ResultViolation,
} from '../../common/bundling.ts';

/**
 * Metrics and broken rules of a hand-made selection, for the planner's every click: O(compounds +
 * edges) per call, a few milliseconds at district scale. Build `createBundleEvaluator` once to
 * check many selections on the same graph.
 *
 * @example
 * evaluateBundle([12, 20, 21], graph).violations;
 * // [{code: 'below_minimum_households', message: 'Households 240 are below the minimum 300'}]
 */
export function evaluateBundle(
  ids: readonly number[],
  graph: NeighbourGraph,
  options: Partial<BundlingOptions> = {},
): BundleEvaluation {
  // one pass over compounds and edges keeping only the selection: no index of the whole graph
  const wanted = new Set(ids);
  const selection: NeighbourGraph = {
    compounds: graph.compounds.filter((c) => wanted.has(c.id)),
    edges: graph.edges.filter((e) => wanted.has(e.a) && wanted.has(e.b)),
  };
  return createBundleEvaluator(selection, options)(ids);
}

/** Indexes the graph once and returns an evaluator of selections on it. */
export function createBundleEvaluator(
  graph: NeighbourGraph,
  options: Partial<BundlingOptions> = {},
): (ids: readonly number[]) => BundleEvaluation {
  const opts = resolveOptions(options);
  const byId = new Map(graph.compounds.map((c) => [c.id, c]));
  const adjacency = new Map<number, number[]>();
  for (const e of graph.edges) {
    if (e.distanceM > opts.neighbourDistanceM || e.a === e.b) continue;
    for (const [from, to] of [
      [e.a, e.b],
      [e.b, e.a],
    ] as const) {
      const list = adjacency.get(from);
      if (list === undefined) adjacency.set(from, [to]);
      else list.push(to);
    }
  }
  return (ids) => evaluate(ids, byId, adjacency, opts);
}

/**
 * Checks a whole result against the graph: every bundle against every rule, its stated figures,
 * no compound twice, every unmanaged compound either bundled or a leftover, and every leftover's
 * reason. An empty list means the result is valid.
 */
export function checkBundles(result: BundlingResult, graph: NeighbourGraph): ResultViolation[] {
  const opts = resolveOptions(result.options);
  const evaluateIds = createBundleEvaluator(graph, opts);
  const violations: ResultViolation[] = [];
  const bundleOf = new Map<number, number>();

  result.bundles.forEach((bundle, bundleIndex) => {
    const e = evaluateIds(bundle.compoundIds);
    for (const v of e.violations) violations.push({ bundleIndex, ...v });
    if (bundle.anchorId !== e.anchorId) {
      violations.push({
        bundleIndex,
        code: 'wrong_anchor',
        message: `Anchor ${bundle.anchorId} should be ${e.anchorId}`,
      });
    }
    const stated = [
      bundle.unitCode,
      bundle.households,
      bundle.unmanagedHouseholds,
      bundle.unmanagedCompounds,
      bundle.buildings,
      bundle.compoundIds.join(),
    ].join('|');
    const actual = [
      e.unitCode,
      e.households,
      e.unmanagedHouseholds,
      e.unmanagedCompounds,
      e.buildings,
      [...e.compoundIds].sort((a, b) => a - b).join(),
    ].join('|');
    if (stated !== actual) {
      violations.push({
        bundleIndex,
        code: 'wrong_figures',
        message: `Bundle states ${stated}, the graph gives ${actual}`,
      });
    }
    for (const id of bundle.compoundIds) {
      const other = bundleOf.get(id);
      if (other !== undefined) {
        violations.push({
          bundleIndex,
          code: 'overlapping',
          message: `Compound ${id} is in bundles ${other} and ${bundleIndex}`,
        });
      }
      bundleOf.set(id, bundleIndex);
    }
  });

  const reasons = leftoverReasons(graph, opts);
  const listed = new Set<number>();
  for (const l of result.leftovers) {
    listed.add(l.compoundId);
    if (bundleOf.has(l.compoundId)) {
      violations.push({
        bundleIndex: null,
        code: 'leftover_in_bundle',
        message: `Leftover ${l.compoundId} is also in bundle ${bundleOf.get(l.compoundId)}`,
      });
    }
    const expected = reasons.get(l.compoundId);
    if (expected === undefined) {
      violations.push({
        bundleIndex: null,
        code: 'unknown_compound',
        message: `Leftover ${l.compoundId} is not an unmanaged compound of the graph`,
      });
    } else if (expected !== l.reason) {
      violations.push({
        bundleIndex: null,
        code: 'wrong_reason',
        message: `Leftover ${l.compoundId} is ${l.reason}, expected ${expected}`,
      });
    }
  }
  for (const id of reasons.keys()) {
    if (!bundleOf.has(id) && !listed.has(id)) {
      violations.push({
        bundleIndex: null,
        code: 'unaccounted',
        message: `Unmanaged compound ${id} is neither in a bundle nor a leftover`,
      });
    }
  }
  return violations;
}

function evaluate(
  ids: readonly number[],
  byId: Map<number, BundlingCompound>,
  adjacency: Map<number, number[]>,
  opts: BundlingOptions,
): BundleEvaluation {
  const violations: BundleViolation[] = [];
  const add = (code: BundleViolation['code'], message: string) =>
    violations.push({ code, message });
  if (ids.length === 0) add('empty', 'A bundle needs at least one compound');

  const unique = [...new Set(ids)];
  if (unique.length < ids.length) {
    const dup = ids.filter((id, k) => ids.indexOf(id) !== k);
    add('duplicate_compound', `Compounds listed twice: ${[...new Set(dup)].join(', ')}`);
  }
  const known: BundlingCompound[] = [];
  for (const id of unique) {
    const c = byId.get(id);
    if (c === undefined) add('unknown_compound', `Unknown compound id: ${id}`);
    else known.push(c);
  }

  const units = [...new Set(known.map((c) => unitCodeOf(c, opts.unit)))];
  if (units.length > 1)
    add('mixed_units', `Compounds span ${units.length} ${opts.unit} units: ${units.join(', ')}`);
  const managed = known.filter((c) => c.coverageMode !== 'none');
  const unmanaged = known.filter((c) => c.coverageMode === 'none');
  if (known.length > 0 && unmanaged.length === 0)
    add('no_unmanaged', 'A bundle needs at least one unmanaged compound');
  if (managed.length > 1) {
    add(
      'several_managed',
      `At most 1 managed compound (the anchor) per bundle, got ${managed.length}: ${managed.map((c) => c.id).join(', ')}`,
    );
  }
  if (managed.length > 0 && !opts.allowManagedAnchor) {
    add(
      'managed_not_allowed',
      `Managed anchors are switched off, got managed compound ${managed[0]!.id}`,
    );
  }
  if (known.length > 1 && !isConnected(known, adjacency)) {
    add(
      'not_connected',
      `Compounds are not connected by neighbours within ${opts.neighbourDistanceM} m`,
    );
  }

  const households = known.reduce((sum, c) => sum + c.households, 0);
  const unmanagedHouseholds = unmanaged.reduce((sum, c) => sum + c.households, 0);
  if (managed.length === 0 && known.length > 0 && households < opts.minHouseholds) {
    add(
      'below_minimum_households',
      `Households ${households} are below the minimum ${opts.minHouseholds}`,
    );
  }
  if (households > opts.maxHouseholds) {
    add(
      'above_maximum_households',
      `Households ${households} are above the maximum ${opts.maxHouseholds}`,
    );
  }
  if (known.length > opts.maxCompounds) {
    add(
      'above_maximum_compounds',
      `Compounds ${known.length} are above the maximum ${opts.maxCompounds}`,
    );
  }

  return {
    unitCode: units.length === 1 ? units[0]! : null,
    compoundIds: known.map((c) => c.id),
    anchorId: managed.length === 1 ? managed[0]!.id : null,
    households,
    unmanagedHouseholds,
    unmanagedCompounds: unmanaged.length,
    buildings: known.reduce((sum, c) => sum + c.buildings, 0),
    compactness: measureCompactness(
      known.map((c) => c.x),
      known.map((c) => c.y),
    ),
    viable: violations.length === 0,
    violations,
  };
}

function isConnected(compounds: BundlingCompound[], adjacency: Map<number, number[]>): boolean {
  const members = new Set(compounds.map((c) => c.id));
  const first = compounds[0]!.id;
  const reached = new Set([first]);
  const stack = [first];
  while (stack.length > 0) {
    for (const j of adjacency.get(stack.pop()!) ?? []) {
      if (members.has(j) && !reached.has(j)) {
        reached.add(j);
        stack.push(j);
      }
    }
  }
  return reached.size === members.size;
}

// the reason each unmanaged compound would have as a leftover, worked out from the definitions
function leftoverReasons(
  graph: NeighbourGraph,
  opts: BundlingOptions,
): Map<number, LeftoverReason> {
  const byId = new Map(graph.compounds.map((c) => [c.id, c]));
  const near = new Map<number, number[]>();
  for (const e of graph.edges) {
    const a = byId.get(e.a);
    const b = byId.get(e.b);
    if (a === undefined || b === undefined || a.id === b.id) continue;
    if (
      e.distanceM > opts.neighbourDistanceM ||
      unitCodeOf(a, opts.unit) !== unitCodeOf(b, opts.unit)
    )
      continue;
    for (const [from, to] of [
      [a.id, b.id],
      [b.id, a.id],
    ] as const) {
      const list = near.get(from);
      if (list === undefined) near.set(from, [to]);
      else list.push(to);
    }
  }
  const isUnmanaged = (id: number) => byId.get(id)!.coverageMode === 'none';
  const reasons = new Map<number, LeftoverReason>();
  const done = new Set<number>();
  for (const start of graph.compounds) {
    if (start.coverageMode !== 'none' || done.has(start.id)) continue;
    const group = [start.id];
    done.add(start.id);
    for (let k = 0; k < group.length; k++) {
      for (const j of near.get(group[k]!) ?? []) {
        if (isUnmanaged(j) && !done.has(j)) {
          done.add(j);
          group.push(j);
        }
      }
    }
    const households = group.reduce((sum, id) => sum + byId.get(id)!.households, 0);
    const anchor =
      opts.allowManagedAnchor &&
      group.some((id) => (near.get(id) ?? []).some((j) => !isUnmanaged(j)));
    for (const id of group) {
      const isolated = (near.get(id) ?? []).length === 0;
      reasons.set(
        id,
        isolated
          ? 'isolated'
          : households < opts.minHouseholds && !anchor
            ? 'too_few_households'
            : 'unplaced',
      );
    }
  }
  return reasons;
}
