// The exact optimum of the bundling problem on a small instance, as an integer program solved by
// HiGHS (npm `highs`), to measure how far the heuristic in server/bundling/ is from optimal.
//
// Model (one unit; nodes ordered managed first, then by id):
//   x[i][r] = 1 when compound i is in the bundle rooted at r, r being the bundle's lowest-ordered
//   member: a managed anchor, or else its first unmanaged compound. x[r][r] opens bundle r.
//   Connectivity: single-commodity flow from each root, every other member consuming one unit
//   (Shirabe 2005); arcs only between members of the same bundle.
//   Objective: W·(unmanaged households covered) + (bundles), W = n + 1, so it is lexicographic.
import type { Highs } from 'highs';
import { unitCodeOf } from '../server/bundling/bundle.ts';
import type { BundlingOptions, NeighbourGraph } from '../common/bundling.ts';

export type OptimumResult = {
  status: string;
  bundles: { compoundIds: number[]; anchorId: number | null }[];
  coveredHouseholds: number;
  bundleCount: number;
  ms: number;
  variables: number;
};

/** Solves one unit of `graph` exactly; `timeLimitS` caps HiGHS (status then says so). */
export function solveOptimum(
  highs: Highs,
  graph: NeighbourGraph,
  unitCode: string,
  options: BundlingOptions,
  timeLimitS = 120,
): OptimumResult {
  const started = performance.now();
  const inUnit = graph.compounds.filter((c) => unitCodeOf(c, options.unit) === unitCode);
  const managedOf = (c: (typeof inUnit)[number]) => c.coverageMode !== 'none';
  const nodes = inUnit
    .filter((c) => !managedOf(c) || options.allowManagedAnchor)
    .sort((a, b) => Number(managedOf(b)) - Number(managedOf(a)) || a.id - b.id);
  const n = nodes.length;
  const indexOf = new Map(nodes.map((c, i) => [c.id, i]));
  const managed = nodes.map(managedOf);
  const h = nodes.map((c) => c.households);
  const adj: number[][] = nodes.map(() => []);
  for (const e of graph.edges) {
    const a = indexOf.get(e.a);
    const b = indexOf.get(e.b);
    if (a === undefined || b === undefined || a === b) continue;
    if (e.distanceM > options.neighbourDistanceM || (managed[a] && managed[b])) continue;
    if (!adj[a]!.includes(b)) adj[a]!.push(b);
    if (!adj[b]!.includes(a)) adj[b]!.push(a);
  }

  // candidate members of root r: reachable from r through nodes ordered after it, no other anchor
  const members: number[][] = [];
  for (let r = 0; r < n; r++) {
    const allowed = (i: number) => i > r && !managed[i];
    const found = [r];
    const seen = new Set(found);
    for (let k = 0; k < found.length; k++) {
      for (const j of adj[found[k]!]!) {
        if (allowed(j) && !seen.has(j)) {
          seen.add(j);
          found.push(j);
        }
      }
    }
    members.push(found);
  }

  const W = n + 1;
  const K = options.maxCompounds;
  const x = (i: number, r: number) => `x${i}_${r}`;
  const f = (r: number, i: number, j: number) => `f${r}_${i}_${j}`;
  const objective: string[] = [];
  const rows: string[] = [];
  const binaries: string[] = [];
  const flows: string[] = [];
  const memberOf: string[][] = nodes.map(() => []);
  let rowId = 0;
  const row = (terms: string[], sense: string, rhs: number) => {
    rows.push(` c${rowId++}: ${chunk(terms)} ${sense} ${rhs}`);
  };

  for (let r = 0; r < n; r++) {
    const set = members[r]!;
    if (!managed[r] && set.reduce((s, i) => s + h[i]!, 0) < options.minHouseholds) continue;
    const inSet = new Set(set);
    for (const i of set) {
      binaries.push(x(i, r));
      memberOf[i]!.push(x(i, r));
      const weight = (managed[i] ? 0 : W * h[i]!) + (i === r ? 1 : 0);
      if (weight !== 0) objective.push(`${weight} ${x(i, r)}`);
      if (i !== r) row([`${x(i, r)}`, `- ${x(r, r)}`], '<=', 0);
    }
    const hh = set.map((i) => `${h[i]} ${x(i, r)}`);
    row([...hh, `- ${options.maxHouseholds} ${x(r, r)}`], '<=', 0);
    if (!managed[r]) row([...hh, `- ${options.minHouseholds} ${x(r, r)}`], '>=', 0);
    row([...set.map((i) => x(i, r)), `- ${K} ${x(r, r)}`], '<=', 0);
    // an anchor counts as a bundle only with an unmanaged member
    if (managed[r])
      row([x(r, r), ...set.filter((i) => i !== r).map((i) => `- ${x(i, r)}`)], '<=', 0);
    // flow: each member other than the root consumes one unit; arcs only inside the bundle
    const inflow = new Map<number, string[]>();
    const outflow = new Map<number, string[]>();
    for (const i of set) {
      for (const j of adj[i]!) {
        if (!inSet.has(j) || j === r) continue;
        const name = f(r, i, j);
        flows.push(name);
        (outflow.get(i) ?? outflow.set(i, []).get(i)!).push(name);
        (inflow.get(j) ?? inflow.set(j, []).get(j)!).push(name);
        row([name, `- ${K - 1} ${x(i, r)}`], '<=', 0);
        row([name, `- ${K - 1} ${x(j, r)}`], '<=', 0);
      }
    }
    for (const i of set) {
      if (i === r) continue;
      const terms = [
        ...(inflow.get(i) ?? []),
        ...(outflow.get(i) ?? []).map((v) => `- ${v}`),
        `- ${x(i, r)}`,
      ];
      row(terms, '=', 0);
    }
  }
  for (const terms of memberOf) if (terms.length > 1) row(terms, '<=', 1);

  if (binaries.length === 0) {
    return {
      status: 'Optimal',
      bundles: [],
      coveredHouseholds: 0,
      bundleCount: 0,
      ms: 0,
      variables: 0,
    };
  }
  const lp = [
    'Maximize',
    ` obj: ${chunk(objective)}`,
    'Subject To',
    ...rows,
    'Binary',
    ...binaries,
    'End',
  ].join('\n');
  const solution = highs.solve(lp, {
    output_flag: false,
    mip_rel_gap: 0,
    mip_abs_gap: 0.5, // the objective is integral: within 0.5 is optimal
    time_limit: timeLimitS,
  });
  const value = (name: string) => {
    const column = solution.Columns[name];
    return column !== undefined && 'Primal' in column ? column.Primal : 0;
  };
  const bundles: OptimumResult['bundles'] = [];
  let coveredHouseholds = 0;
  for (let r = 0; r < n; r++) {
    if (value(x(r, r)) < 0.5) continue;
    const chosen = members[r]!.filter((i) => value(x(i, r)) > 0.5);
    for (const i of chosen) if (!managed[i]) coveredHouseholds += h[i]!;
    bundles.push({
      compoundIds: chosen.map((i) => nodes[i]!.id).sort((a, b) => a - b),
      anchorId: managed[r] ? nodes[r]!.id : null,
    });
  }
  return {
    status: solution.Status,
    bundles,
    coveredHouseholds,
    bundleCount: bundles.length,
    ms: performance.now() - started,
    variables: binaries.length + flows.length,
  };
}

// LP files allow an expression over several lines; short lines keep the reader happy
function chunk(terms: string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < terms.length; i += 8) {
    const part = terms
      .slice(i, i + 8)
      .map((t, k) => (i + k === 0 || t.startsWith('-') ? t : `+ ${t}`));
    lines.push(part.join(' '));
  }
  return lines.join('\n   ');
}
