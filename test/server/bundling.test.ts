import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CoverageMode } from '../../common/domain.ts';
import type { FeatureCollection, Polygon } from '../../common/geo.ts';
import type { CompoundProps } from '../../common/geodata.ts';
import { DEFAULT_OPTIONS, bundleCompounds, rebundleUnit } from '../../server/bundling/bundle.ts';
import { measureCompactness } from '../../server/bundling/bundle-compactness.ts';
import type {
  BundlingCompound,
  BundlingOptions,
  BundlingResult,
  NeighbourGraph,
} from '../../common/bundling.ts';
import {
  checkBundles,
  createBundleEvaluator,
  evaluateBundle,
} from '../../server/bundling/evaluate-bundle.ts';
import { buildNeighbourGraph } from '../../server/bundling/neighbour-graph.ts';

type Spec = {
  id: number;
  households: number;
  x: number;
  y?: number;
  mode?: CoverageMode;
  community?: string;
};

const COMMUNITY = '350502001001';

function compound(s: Spec): BundlingCompound {
  const communityCode = s.community ?? COMMUNITY;
  return {
    id: s.id,
    households: s.households,
    buildings: 1,
    communityCode,
    streetCode: `${communityCode.slice(0, 9)}000`,
    coverageMode: s.mode ?? 'none',
    x: s.x,
    y: s.y ?? 0,
  };
}

// edges as [a, b] pairs, 20 m apart edge-to-edge unless given
function graphOf(specs: Spec[], edges: [number, number, number?][]): NeighbourGraph {
  return {
    compounds: specs.map(compound),
    edges: edges.map(([a, b, d]) => ({ a, b, distanceM: d ?? 20 })),
  };
}

function shape(result: BundlingResult) {
  return {
    bundles: result.bundles.map((b) => ({ ids: b.compoundIds, anchor: b.anchorId })),
    leftovers: result.leftovers.map((l) => [l.compoundId, l.reason]),
  };
}

function solve(graph: NeighbourGraph, options: Partial<BundlingOptions> = {}) {
  const result = bundleCompounds(graph, options);
  expect(checkBundles(result, graph), 'every bundle meets every rule').toEqual([]);
  return result;
}

function loadDistrict(): NeighbourGraph {
  const compounds = JSON.parse(
    readFileSync(new URL('../../geodata/compounds.geojson', import.meta.url), 'utf8'),
  ) as FeatureCollection<Polygon, CompoundProps>;
  return buildNeighbourGraph(compounds, { maxDistanceM: 150, unit: 'street' });
}

describe('bundleCompounds on hand-made graphs', () => {
  it('cuts a chain into the most bundles that cover every household', () => {
    const graph = graphOf(
      [
        { id: 1, households: 200, x: 0 },
        { id: 2, households: 120, x: 100 },
        { id: 3, households: 180, x: 200 },
        { id: 4, households: 150, x: 300 },
        { id: 5, households: 100, x: 400 },
      ],
      [
        [1, 2],
        [2, 3],
        [3, 4],
        [4, 5],
      ],
    );
    expect(shape(solve(graph))).toEqual({
      bundles: [
        { ids: [1, 2], anchor: null },
        { ids: [3, 4, 5], anchor: null },
      ],
      leftovers: [],
    });
  });

  it('keeps the largest leaves of a star when the compound maximum binds', () => {
    const graph = graphOf(
      [
        { id: 1, households: 100, x: 0 },
        { id: 2, households: 50, x: 100 },
        { id: 3, households: 60, x: -100 },
        { id: 4, households: 70, x: 0, y: 100 },
        { id: 5, households: 80, x: 0, y: -100 },
        { id: 6, households: 90, x: 70, y: 70 },
      ],
      [
        [1, 2],
        [1, 3],
        [1, 4],
        [1, 5],
        [1, 6],
      ],
    );
    expect(shape(solve(graph, { maxCompounds: 4 }))).toEqual({
      bundles: [{ ids: [1, 4, 5, 6], anchor: null }],
      leftovers: [
        [2, 'unplaced'],
        [3, 'unplaced'],
      ],
    });
  });

  it('bundles a whole star when the maxima allow it', () => {
    const graph = graphOf(
      [
        { id: 1, households: 100, x: 0 },
        { id: 2, households: 50, x: 100 },
        { id: 3, households: 60, x: -100 },
        { id: 4, households: 70, x: 0, y: 100 },
      ],
      [
        [1, 2],
        [1, 3],
        [1, 4],
      ],
    );
    expect(shape(solve(graph, { minHouseholds: 250 })).bundles).toEqual([
      { ids: [1, 2, 3, 4], anchor: null },
    ]);
  });

  it('solves two components apart', () => {
    const graph = graphOf(
      [
        { id: 1, households: 200, x: 0 },
        { id: 2, households: 150, x: 100 },
        { id: 3, households: 160, x: 5000 },
        { id: 4, households: 170, x: 5100 },
      ],
      [
        [1, 2],
        [3, 4],
        [2, 3, 4800], // beyond the neighbour distance
      ],
    );
    expect(shape(solve(graph))).toEqual({
      bundles: [
        { ids: [1, 2], anchor: null },
        { ids: [3, 4], anchor: null },
      ],
      leftovers: [],
    });
  });

  it('leaves an isolated small compound out and bundles an isolated large one alone', () => {
    const graph = graphOf(
      [
        { id: 1, households: 100, x: 0 },
        { id: 2, households: 400, x: 5000 },
      ],
      [],
    );
    expect(shape(solve(graph))).toEqual({
      bundles: [{ ids: [2], anchor: null }],
      leftovers: [[1, 'isolated']],
    });
  });

  it('names a component that cannot reach the minimum', () => {
    const graph = graphOf(
      [
        { id: 1, households: 100, x: 0 },
        { id: 2, households: 120, x: 100 },
      ],
      [[1, 2]],
    );
    expect(shape(solve(graph))).toEqual({
      bundles: [],
      leftovers: [
        [1, 'too_few_households'],
        [2, 'too_few_households'],
      ],
    });
  });

  it('lets a managed anchor absorb a small group, and not when anchors are off', () => {
    const graph = graphOf(
      [
        { id: 1, households: 100, x: 0 },
        { id: 2, households: 80, x: 100 },
        { id: 3, households: 500, x: 200, mode: 'professional' },
      ],
      [
        [1, 2],
        [2, 3],
      ],
    );
    expect(shape(solve(graph))).toEqual({
      bundles: [{ ids: [1, 2, 3], anchor: 3 }],
      leftovers: [],
    });
    expect(shape(solve(graph, { allowManagedAnchor: false }))).toEqual({
      bundles: [],
      leftovers: [
        [1, 'too_few_households'],
        [2, 'too_few_households'],
      ],
    });
  });

  it('spreads compounds over two anchors to make two bundles', () => {
    const graph = graphOf(
      [
        { id: 1, households: 100, x: 0 },
        { id: 2, households: 80, x: 100 },
        { id: 3, households: 500, x: -100, mode: 'street_company' },
        { id: 4, households: 400, x: 200, mode: 'self_managed' },
      ],
      [
        [1, 2],
        [1, 3],
        [2, 4],
        [3, 4], // two managed compounds never share a bundle
      ],
    );
    expect(shape(solve(graph)).bundles).toEqual([
      { ids: [1, 3], anchor: 3 },
      { ids: [2, 4], anchor: 4 },
    ]);
  });

  it('splits a large component by the household maximum', () => {
    const specs = [1, 2, 3, 4, 5, 6].map((id) => ({ id, households: 250, x: id * 100 }));
    const chain: [number, number][] = [1, 2, 3, 4, 5].map((id) => [id, id + 1]);
    expect(shape(solve(graphOf(specs, chain), { maxHouseholds: 600 })).bundles).toEqual([
      { ids: [1, 2], anchor: null },
      { ids: [3, 4], anchor: null },
      { ids: [5, 6], anchor: null },
    ]);
  });

  it('splits a large component by the compound maximum', () => {
    const specs = [1, 2, 3, 4, 5, 6].map((id) => ({ id, households: 60, x: id * 100 }));
    const chain: [number, number][] = [1, 2, 3, 4, 5].map((id) => [id, id + 1]);
    const result = solve(graphOf(specs, chain), { minHouseholds: 150, maxCompounds: 3 });
    expect(shape(result).bundles).toEqual([
      { ids: [1, 2, 3], anchor: null },
      { ids: [4, 5, 6], anchor: null },
    ]);
  });

  it('never bundles across units', () => {
    const graph = graphOf(
      [
        { id: 1, households: 200, x: 0 },
        { id: 2, households: 150, x: 100, community: '350502001002' },
      ],
      [[1, 2]],
    );
    expect(shape(solve(graph)).leftovers).toEqual([
      [1, 'isolated'],
      [2, 'isolated'],
    ]);
    expect(shape(solve(graph, { unit: 'street' })).bundles).toEqual([
      { ids: [1, 2], anchor: null },
    ]);
  });

  it('gives an empty result for an empty graph', () => {
    expect(bundleCompounds({ compounds: [], edges: [] })).toEqual({
      options: DEFAULT_OPTIONS,
      bundles: [],
      leftovers: [],
      summary: {
        unmanagedCompounds: 0,
        unmanagedHouseholds: 0,
        coveredCompounds: 0,
        coveredHouseholds: 0,
        bundles: 0,
        anchoredBundles: 0,
        sumDistanceToCentreM: 0,
      },
    });
  });

  it('refuses options out of range, naming the value', () => {
    expect(() => bundleCompounds({ compounds: [], edges: [] }, { maxHouseholds: 100 })).toThrow(
      'maxHouseholds must be a whole number ≥ minHouseholds (300) and ≥ 1, got 100',
    );
    expect(() => bundleCompounds({ compounds: [], edges: [] }, { maxCompounds: 0 })).toThrow(
      'maxCompounds must be a whole number ≥ 1, got 0',
    );
  });

  it('refuses an edge to an unknown compound', () => {
    const graph = graphOf([{ id: 1, households: 100, x: 0 }], [[1, 9]]);
    expect(() => bundleCompounds(graph)).toThrow('Unknown compound id in edge: 9');
  });
});

describe('bundleCompounds on random instances', () => {
  it('meets every rule on 200 random graphs and options', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let run = 0; run < 200; run++) {
      const n = 2 + Math.floor(random() * 30);
      const specs: Spec[] = [];
      for (let id = 1; id <= n; id++) {
        specs.push({
          id,
          households: 20 + Math.floor(random() * 400),
          x: random() * 1000,
          y: random() * 1000,
          mode: random() < 0.35 ? 'professional' : 'none',
          community: random() < 0.8 ? COMMUNITY : '350502001002',
        });
      }
      const edges: [number, number, number][] = [];
      for (let a = 1; a <= n; a++) {
        for (let b = a + 1; b <= n; b++) {
          if (random() < 0.15) edges.push([a, b, random() * 200]);
        }
      }
      const options: Partial<BundlingOptions> = {
        minHouseholds: 100 + Math.floor(random() * 400),
        maxHouseholds: 600 + Math.floor(random() * 1000),
        maxCompounds: 2 + Math.floor(random() * 8),
        unit: random() < 0.5 ? 'community' : 'street',
        allowManagedAnchor: random() < 0.7,
      };
      const graph = graphOf(specs, edges);
      expect(checkBundles(bundleCompounds(graph, options), graph), `run ${run}`).toEqual([]);
    }
  });
});

// the best (covered households, bundles) over every partition of the compounds into bundles and
// leftovers: restricted growth strings over n + 1 elements, the last one's block being the leftovers
function exhaustiveOptimum(graph: NeighbourGraph, options: Partial<BundlingOptions>): number[] {
  const evaluate = createBundleEvaluator(graph, options);
  const ids = graph.compounds.map((c) => c.id);
  const labels: number[] = new Array<number>(ids.length + 1).fill(0);
  let best = [0, 0];
  const visit = (i: number, used: number): void => {
    if (i <= ids.length) {
      for (let label = 0; label <= used; label++) {
        labels[i] = label;
        visit(i + 1, Math.max(used, label + 1));
      }
      return;
    }
    const blocks = new Map<number, number[]>();
    ids.forEach((id, k) => {
      if (labels[k] !== labels[ids.length])
        blocks.set(labels[k]!, [...(blocks.get(labels[k]!) ?? []), id]);
    });
    let covered = 0;
    for (const block of blocks.values()) {
      const e = evaluate(block);
      if (!e.viable) return;
      covered += e.unmanagedHouseholds;
    }
    if (covered > best[0]! || (covered === best[0] && blocks.size > best[1]!)) {
      best = [covered, blocks.size];
    }
  };
  labels[0] = 0;
  visit(1, 1);
  return best;
}

describe('bundleCompounds against exhaustive search', () => {
  it('finds the optimum on 150 random instances of up to 7 compounds (seed 11)', () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let run = 0; run < 150; run++) {
      const n = 3 + Math.floor(random() * 5);
      const specs: Spec[] = [];
      for (let id = 1; id <= n; id++) {
        specs.push({
          id,
          households: 20 + Math.floor(random() * 300),
          x: random() * 500,
          y: random() * 500,
          mode: random() < 0.3 ? 'professional' : 'none',
        });
      }
      const edges: [number, number][] = [];
      for (let a = 1; a <= n; a++) {
        for (let b = a + 1; b <= n; b++) if (random() < 0.4) edges.push([a, b]);
      }
      const options: Partial<BundlingOptions> = {
        minHouseholds: 200 + Math.floor(random() * 200),
        maxHouseholds: 400 + Math.floor(random() * 600),
        maxCompounds: 2 + Math.floor(random() * 4),
      };
      const graph = graphOf(specs, edges);
      const { summary } = bundleCompounds(graph, options);
      expect([summary.coveredHouseholds, summary.bundles], `run ${run}`).toEqual(
        exhaustiveOptimum(graph, options),
      );
    }
  });
});

describe('bundleCompounds on the district data', () => {
  const graph = loadDistrict();

  it('meets every rule in every unit and anchor mode', () => {
    for (const unit of ['community', 'street'] as const) {
      for (const allowManagedAnchor of [true, false]) {
        const result = bundleCompounds(graph, { unit, allowManagedAnchor });
        expect(checkBundles(result, graph), `${unit}, anchors ${allowManagedAnchor}`).toEqual([]);
      }
    }
  });

  it('reaches the integer optimum by community (bench/bundling.ts solves it with HiGHS)', () => {
    expect(bundleCompounds(graph).summary).toMatchObject({
      unmanagedCompounds: 191,
      unmanagedHouseholds: 13216,
      coveredCompounds: 154,
      coveredHouseholds: 10169,
      bundles: 89,
    });
    expect(bundleCompounds(graph, { allowManagedAnchor: false }).summary).toMatchObject({
      coveredHouseholds: 3806,
      bundles: 9,
    });
  });

  it('gives the same output for the same input, in any input order', () => {
    const first = bundleCompounds(graph);
    expect(bundleCompounds(graph)).toEqual(first);
    const reversed: NeighbourGraph = {
      compounds: [...graph.compounds].reverse(),
      edges: graph.edges.map((e) => ({ a: e.b, b: e.a, distanceM: e.distanceM })).reverse(),
    };
    expect(bundleCompounds(reversed)).toEqual(first);
  });
});

describe('rebundleUnit', () => {
  it('re-solves one unit after a compound changes, as a full solve would', () => {
    const graph = loadDistrict();
    const previous = bundleCompounds(graph);
    const changedId = previous.bundles[0]!.compoundIds.find(
      (id) => graph.compounds.find((c) => c.id === id)!.coverageMode === 'none',
    )!;
    const changed: NeighbourGraph = {
      compounds: graph.compounds.map((c) =>
        c.id === changedId ? { ...c, coverageMode: 'self_managed' } : c,
      ),
      edges: graph.edges,
    };
    const unitCode = previous.bundles[0]!.unitCode;
    const next = rebundleUnit(previous, unitCode, changed);
    expect(next).toEqual(bundleCompounds(changed));
    expect(rebundleUnit(previous, unitCode, changed, [changedId])).toEqual(next);
    const holding = next.bundles.filter((b) => b.compoundIds.includes(changedId));
    expect(holding.every((b) => b.anchorId === changedId)).toBe(true);
  });
});

describe('rebundleUnit with the changed ids', () => {
  it('re-solves only the components around the change, as a full solve would', () => {
    const graph = loadDistrict();
    const options = { unit: 'street' as const };
    const previous = bundleCompounds(graph, options);
    for (const bundle of previous.bundles.slice(0, 12)) {
      const id = bundle.compoundIds.find(
        (i) => graph.compounds.find((c) => c.id === i)!.coverageMode === 'none',
      )!;
      const changed: NeighbourGraph = {
        compounds: graph.compounds.map((c) => (c.id === id ? { ...c, households: 5 } : c)),
        edges: graph.edges,
      };
      expect(rebundleUnit(previous, bundle.unitCode, changed, [id]), `compound ${id}`).toEqual(
        bundleCompounds(changed, options),
      );
    }
  });

  it('re-solves the whole unit when a compound left the graph', () => {
    const graph = loadDistrict();
    const previous = bundleCompounds(graph);
    const gone = previous.bundles[0]!.compoundIds[0]!;
    const changed: NeighbourGraph = {
      compounds: graph.compounds.filter((c) => c.id !== gone),
      edges: graph.edges.filter((e) => e.a !== gone && e.b !== gone),
    };
    expect(rebundleUnit(previous, previous.bundles[0]!.unitCode, changed, [gone])).toEqual(
      bundleCompounds(changed),
    );
  });
});

describe('evaluateBundle', () => {
  const graph = graphOf(
    [
      { id: 1, households: 200, x: 0 },
      { id: 2, households: 150, x: 100 },
      { id: 3, households: 90, x: 0, y: 100 },
      { id: 4, households: 2900, x: 1000, mode: 'professional' },
      { id: 5, households: 300, x: 1100, mode: 'professional' },
      { id: 6, households: 50, x: 0, community: '350502001002' },
    ],
    [
      [1, 2],
      [1, 3],
      [4, 5],
      [3, 6],
    ],
  );

  it('gives metrics and no violation for a viable selection', () => {
    expect(evaluateBundle([1, 2, 3], graph)).toEqual({
      unitCode: COMMUNITY,
      compoundIds: [1, 2, 3],
      anchorId: null,
      households: 440,
      unmanagedHouseholds: 440,
      unmanagedCompounds: 3,
      buildings: 3,
      compactness: { sumDistanceToCentreM: 196.2, hullAreaM2: 5000, spanM: 141.4 },
      viable: true,
      violations: [],
    });
  });

  it('lists every broken rule', () => {
    const codes = (ids: number[], options: Partial<BundlingOptions> = {}) =>
      evaluateBundle(ids, graph, options).violations.map((v) => v.code);
    expect(codes([])).toEqual(['empty']);
    expect(codes([2, 3])).toEqual(['not_connected', 'below_minimum_households']);
    expect(codes([1])).toEqual(['below_minimum_households']);
    expect(codes([1, 9])).toEqual(['unknown_compound', 'below_minimum_households']);
    expect(codes([1, 1, 2])).toEqual(['duplicate_compound']);
    expect(codes([3, 6])).toEqual(['mixed_units', 'below_minimum_households']);
    expect(codes([4, 5])).toEqual(['no_unmanaged', 'several_managed', 'above_maximum_households']);
    expect(codes([1, 2, 3], { maxCompounds: 2 })).toEqual(['above_maximum_compounds']);
    expect(codes([1, 2, 3], { neighbourDistanceM: 10 })).toEqual(['not_connected']);
  });

  it('names the value and the limit in its messages', () => {
    expect(evaluateBundle([1], graph).violations).toEqual([
      { code: 'below_minimum_households', message: 'Households 200 are below the minimum 300' },
    ]);
  });

  it('evaluates a selection at district scale within 100 ms', () => {
    const district = loadDistrict();
    const ids = bundleCompounds(district).bundles[0]!.compoundIds;
    evaluateBundle(ids, district); // warm-up
    const started = performance.now();
    expect(evaluateBundle(ids, district).viable).toBe(true);
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe('checkBundles', () => {
  it('reports a corrupted result', () => {
    const graph = graphOf(
      [
        { id: 1, households: 200, x: 0 },
        { id: 2, households: 150, x: 100 },
        { id: 3, households: 100, x: 5000 },
      ],
      [[1, 2]],
    );
    const result = bundleCompounds(graph);
    const broken: BundlingResult = {
      ...result,
      bundles: [{ ...result.bundles[0]!, households: 1 }, { ...result.bundles[0]! }],
      leftovers: [{ ...result.leftovers[0]!, reason: 'too_few_households' }],
    };
    expect(checkBundles(broken, graph).map((v) => [v.bundleIndex, v.code])).toEqual([
      [0, 'wrong_figures'],
      [1, 'overlapping'],
      [1, 'overlapping'],
      [null, 'wrong_reason'],
    ]);
    expect(checkBundles({ ...result, leftovers: [] }, graph).map((v) => v.code)).toEqual([
      'unaccounted',
    ]);
  });
});

describe('measureCompactness', () => {
  it('gives zeros for one point and a span for two', () => {
    expect(measureCompactness([5], [5])).toEqual({
      sumDistanceToCentreM: 0,
      hullAreaM2: 0,
      spanM: 0,
    });
    expect(measureCompactness([0, 10], [0, 0])).toEqual({
      sumDistanceToCentreM: 10,
      hullAreaM2: 0,
      spanM: 10,
    });
  });
});

describe('buildNeighbourGraph', () => {
  // squares of 0.001° (≈111 m at the equator) along the equator
  const square = (lng: number): Polygon => ({
    type: 'Polygon',
    coordinates: [
      [
        [lng, 0],
        [lng + 0.001, 0],
        [lng + 0.001, 0.001],
        [lng, 0.001],
        [lng, 0],
      ],
    ],
  });
  const props = (id: number, communityCode: string): CompoundProps => ({
    id,
    name: `小区${id}`,
    streetCode: `${communityCode.slice(0, 9)}000`,
    communityCode,
    gridCode: `${communityCode}001`,
    households: 100,
    buildings: 1,
    yearBuilt: 1990,
    coverageMode: 'none',
    longTermManaged: false,
    enterpriseId: null,
  });
  const compounds: FeatureCollection<Polygon, CompoundProps> = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', geometry: square(0), properties: props(1, COMMUNITY) },
      { type: 'Feature', geometry: square(0.001), properties: props(2, COMMUNITY) }, // touches 1
      { type: 'Feature', geometry: square(0.003), properties: props(3, COMMUNITY) }, // 111 m from 2
      { type: 'Feature', geometry: square(0.0055), properties: props(4, '350502001002') }, // 167 m from 3
      { type: 'Feature', geometry: square(0.0075), properties: props(5, '350502001002') }, // 111 m from 4
    ],
  };

  it('links compounds within the distance by edge-to-edge distance', () => {
    const graph = buildNeighbourGraph(compounds, { maxDistanceM: 150, unit: 'street' });
    expect(graph.edges.map((e) => [e.a, e.b, Math.round(e.distanceM)])).toEqual([
      [1, 2, 0],
      [2, 3, 111],
      [4, 5, 111],
    ]);
    expect(graph.compounds[0]).toMatchObject({ id: 1, households: 100, coverageMode: 'none' });
  });

  it('drops pairs in different units', () => {
    const graph = buildNeighbourGraph(compounds, { maxDistanceM: 200, unit: 'community' });
    expect(graph.edges.map((e) => [e.a, e.b])).toEqual([
      [1, 2],
      [2, 3],
      [4, 5],
    ]);
    const street = buildNeighbourGraph(compounds, { maxDistanceM: 200, unit: 'street' });
    expect(street.edges.map((e) => [e.a, e.b])).toEqual([
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
    ]);
  });
});
