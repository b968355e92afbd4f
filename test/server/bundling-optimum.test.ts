import { readFileSync } from 'node:fs';
import loadHighs from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BundlingOptions, NeighbourGraph } from '../../common/bundling.ts';
import type { FeatureCollection, Polygon } from '../../common/geo.ts';
import type { CompoundProps } from '../../common/geodata.ts';
import { solveOptimum, type OptimumResult } from '../../bench/bundling-optimum.ts';
import { bundleCompounds, resolveOptions, unitCodeOf } from '../../server/bundling/bundle.ts';
import { buildNeighbourGraph } from '../../server/bundling/neighbour-graph.ts';

// The exact optimum (an integer program solved by HiGHS, bench/bundling-optimum.ts) against our
// heuristic on small instances: every community of the committed district, one at a time. The
// objective is lexicographic: unmanaged households covered first, then the number of bundles.

const compounds = JSON.parse(
  readFileSync('geodata/compounds.geojson', 'utf8'),
) as FeatureCollection<Polygon, CompoundProps>;
const graph = buildNeighbourGraph(compounds, { maxDistanceM: 150, unit: 'street' });

function subgraph(code: string, options: BundlingOptions): NeighbourGraph {
  const inUnit = graph.compounds.filter((c) => unitCodeOf(c, options.unit) === code);
  const ids = new Set(inUnit.map((c) => c.id));
  return { compounds: inUnit, edges: graph.edges.filter((e) => ids.has(e.a) && ids.has(e.b)) };
}

type Totals = { households: number; bundles: number };
const sum = (rows: Totals[]): Totals => ({
  households: rows.reduce((s, r) => s + r.households, 0),
  bundles: rows.reduce((s, r) => s + r.bundles, 0),
});

describe.each([true, false])('exact optimum, district communities, anchors %s', (anchors) => {
  const options = resolveOptions({ allowManagedAnchor: anchors });
  const codes = [...new Set(graph.compounds.map((c) => c.communityCode))].sort();
  const optimum = new Map<string, OptimumResult>();

  beforeAll(async () => {
    const highs = await loadHighs();
    for (const code of codes)
      optimum.set(code, solveOptimum(highs, subgraph(code, options), code, options, 60));
  }, 120_000);

  it('is proven optimal by HiGHS in every community', () => {
    expect(codes).toHaveLength(82);
    expect(new Set([...optimum.values()].map((r) => r.status))).toEqual(new Set(['Optimal']));
  });

  it('equals what our solver finds, community by community', () => {
    const ours = codes.map((code) => {
      const { summary } = bundleCompounds(subgraph(code, options), options);
      return { code, households: summary.coveredHouseholds, bundles: summary.bundles };
    });
    const exact = codes.map((code) => {
      const r = optimum.get(code)!;
      return { code, households: r.coveredHouseholds, bundles: r.bundleCount };
    });
    expect(ours).toEqual(exact);
    // the figures bench/bundling-README.md reports for this instance
    expect(sum(exact)).toEqual(
      anchors ? { households: 10169, bundles: 89 } : { households: 3806, bundles: 9 },
    );
  });
});
