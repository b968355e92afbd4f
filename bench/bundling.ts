// Bundling unmanaged compounds (issue 4 §2): our solver (server/bundling/) beside its peers in the
// same run, on the committed district data and the synthetic city (20,000 compounds, generated
// into geodata/city-scale/ when absent):
//   (a) ST_ClusterDBSCAN(geom_m, eps := 150, minpoints := 1) OVER (PARTITION BY community_code) on
//       the unmanaged compounds, the naive baseline, run by PostGIS on a throwaway database
//       (DATABASE_URL, default the local server) loaded with the same data; its time is the
//       execution time EXPLAIN ANALYZE reports, median of the runs;
//   (b) GeoDa's max-p greedy (npm jsgeoda) with the household floor and both maxima, on exactly the
//       same graph (see bench/bundling-maxp.ts for how), in a child process with a timeout;
//   (c) the exact optimum of an integer program (npm highs) on small instances (single
//       communities of ≤ 60 compounds), to report our objective as a share of optimal.
// Then incremental re-bundling of one unit and the evaluation of a hand-made selection.
// Run: npx tsx bench/bundling.ts [--city-maxp-iterations N]   (default 99, as for the district)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import loadHighs, { type Highs } from 'highs';
import type { FeatureCollection, Polygon } from '../common/geo.ts';
import type { CompoundProps } from '../common/geodata.ts';
import {
  DEFAULT_OPTIONS,
  bundleCompounds,
  rebundleUnit,
  resolveOptions,
  unitCodeOf,
} from '../server/bundling/bundle.ts';
import type { BundlingOptions, BundlingResult, NeighbourGraph } from '../common/bundling.ts';
import {
  checkBundles,
  createBundleEvaluator,
  evaluateBundle,
} from '../server/bundling/evaluate-bundle.ts';
import { buildNeighbourGraph } from '../server/bundling/neighbour-graph.ts';
import type { MaxPInstance, MaxPOutput } from './bundling-maxp.ts';
import { withSeededDatabase } from './lib/with-seeded-database.ts';
import { solveOptimum } from './bundling-optimum.ts';

const CITY_DIR = 'geodata/city-scale';
const MAXP_TIMEOUT_MS = 300_000;
const IP_TIME_LIMIT_S = 120;
const SMALL_INSTANCES = 10; // city-scale communities of ≤ 60 compounds with most unmanaged ones
const { values: args } = parseArgs({ options: { 'city-maxp-iterations': { type: 'string' } } });
const CITY_MAXP_ITERATIONS = Number(args['city-maxp-iterations'] ?? 99);
const OPTIONS = resolveOptions({}); // the defaults: community unit, 150 m, 300–3000 households, 12
const DBSCAN_SQL = `
  SELECT id, ST_ClusterDBSCAN(geom_m, eps := ${OPTIONS.neighbourDistanceM}, minpoints := 1)
               OVER (PARTITION BY community_code) AS cluster, community_code AS "communityCode"
  FROM compounds WHERE coverage_mode = 'none'`;

type Row = {
  method: string;
  covered: number;
  viable: number;
  broken: number;
  sumDistance: number;
  span: number;
  ms: number;
};

async function main() {
  if (!existsSync(path.join(CITY_DIR, 'compounds.geojson'))) {
    console.log(`generating ${CITY_DIR} (20,000 compounds)…`);
    spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/generate-geodata.ts', '--city-scale', '20000'],
      { stdio: 'inherit' },
    );
  }
  const sets = [
    { name: 'district', dir: 'geodata', runs: 7, maxpIterations: 99 },
    {
      name: 'city-scale',
      dir: CITY_DIR,
      runs: 3,
      maxpIterations: CITY_MAXP_ITERATIONS,
    },
  ];
  const graphs = new Map<string, NeighbourGraph>();
  console.log(`options: ${JSON.stringify(OPTIONS)}`);
  for (const set of sets) {
    const compounds = JSON.parse(
      readFileSync(path.join(set.dir, 'compounds.geojson'), 'utf8'),
    ) as FeatureCollection<Polygon, CompoundProps>;
    const started = performance.now();
    const graph = buildNeighbourGraph(compounds, { maxDistanceM: 150, unit: 'street' });
    const graphMs = performance.now() - started;
    graphs.set(set.name, graph);
    const unmanaged = graph.compounds.filter((c) => c.coverageMode === 'none');
    const unmanagedHouseholds = unmanaged.reduce((s, c) => s + c.households, 0);
    console.log(
      `\n## ${set.name}: ${graph.compounds.length} compounds, ${unmanaged.length} unmanaged ` +
        `(${unmanagedHouseholds} households), ${graph.edges.length} edges ≤ 150 m ` +
        `(graph built in TS with flatbush in ${graphMs.toFixed(0)} ms)`,
    );
    const rows: Row[] = [];
    for (const allowManagedAnchor of [true, false]) {
      const options = { ...OPTIONS, allowManagedAnchor };
      const { value: result, ms } = timed(() => bundleCompounds(graph, options), set.runs);
      const violations = checkBundles(result, graph);
      if (violations.length > 0) console.log('VIOLATIONS', violations.slice(0, 5));
      rows.push({
        method: `ours, anchors ${allowManagedAnchor ? 'on' : 'off'}`,
        ...summarise(result),
        broken: new Set(violations.map((v) => v.bundleIndex)).size,
        ms,
      });
    }
    rows.push(await runDbscan(graph, set.dir, set.runs));
    rows.push(runMaxPBaseline(graph, set.maxpIterations));
    printTable(
      [
        'method',
        'unmanaged hh covered',
        'share',
        'viable bundles',
        'groups breaking a rule',
        'mean Σd to centre (m)',
        'mean span (m)',
        'runtime (ms)',
      ],
      rows.map((r) => [
        r.method,
        String(r.covered),
        `${((100 * r.covered) / unmanagedHouseholds).toFixed(1)}%`,
        String(r.viable),
        String(r.broken),
        r.sumDistance.toFixed(0),
        r.span.toFixed(0),
        r.ms.toFixed(r.ms < 10 ? 1 : 0),
      ]),
    );
  }
  compareWithOptimum(await loadHighs(), graphs.get('district')!, graphs.get('city-scale')!);
  measureIncremental(graphs);
}

function summarise(result: BundlingResult) {
  const n = Math.max(1, result.bundles.length);
  return {
    covered: result.summary.coveredHouseholds,
    viable: result.bundles.length,
    sumDistance: result.bundles.reduce((s, b) => s + b.compactness.sumDistanceToCentreM, 0) / n,
    span: result.bundles.reduce((s, b) => s + b.compactness.spanM, 0) / n,
  };
}

// groups of unmanaged compounds judged by our rules: the viable ones count, the rest are broken
function judgeGroups(graph: NeighbourGraph, groups: number[][], method: string, ms: number): Row {
  const evaluate = createBundleEvaluator(graph, OPTIONS);
  let covered = 0;
  let viable = 0;
  let broken = 0;
  let sumDistance = 0;
  let span = 0;
  for (const ids of groups) {
    const e = evaluate(ids);
    if (!e.viable) {
      broken++;
      continue;
    }
    viable++;
    covered += e.unmanagedHouseholds;
    sumDistance += e.compactness.sumDistanceToCentreM;
    span += e.compactness.spanM;
  }
  const n = Math.max(1, viable);
  return { method, covered, viable, broken, sumDistance: sumDistance / n, span: span / n, ms };
}

// unmanaged-only adjacency inside the unit: what max-p sees
function unmanagedGraph(graph: NeighbourGraph, options: BundlingOptions) {
  const nodes = graph.compounds.filter((c) => c.coverageMode === 'none');
  const indexOf = new Map(nodes.map((c, i) => [c.id, i]));
  const edges: [number, number][] = [];
  for (const e of graph.edges) {
    const a = indexOf.get(e.a);
    const b = indexOf.get(e.b);
    if (a === undefined || b === undefined || e.distanceM > options.neighbourDistanceM) continue;
    if (unitCodeOf(nodes[a]!, options.unit) !== unitCodeOf(nodes[b]!, options.unit)) continue;
    edges.push([a, b]);
  }
  return { nodes, edges };
}

function components(n: number, edges: [number, number][]): number[][] {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (const [a, b] of edges) parent[find(a)] = find(b);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    const list = groups.get(root);
    if (list === undefined) groups.set(root, [i]);
    else list.push(i);
  }
  return [...groups.values()];
}

// PostGIS's ST_ClusterDBSCAN on a throwaway database holding the same data, timed in the database
async function runDbscan(graph: NeighbourGraph, dir: string, runs: number): Promise<Row> {
  return withSeededDatabase(dir, async (db) => {
    const rows = await db.query<{ id: number; cluster: number; communityCode: string }>(DBSCAN_SQL);
    const groups = new Map<string, number[]>();
    for (const r of rows) {
      const key = `${r.communityCode}/${r.cluster}`;
      groups.set(key, [...(groups.get(key) ?? []), r.id]);
    }
    const times: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const [plan] = await db.query<{ 'QUERY PLAN': [{ 'Execution Time': number }] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${DBSCAN_SQL}`,
      );
      if (i > 0) times.push(plan!['QUERY PLAN'][0]['Execution Time']); // the first warms up
    }
    times.sort((a, b) => a - b);
    const ms = times[Math.floor(times.length / 2)]!;
    return judgeGroups(
      graph,
      [...groups.values()],
      '(a) PostGIS ST_ClusterDBSCAN eps 150 m, minpoints 1, by community',
      ms,
    );
  });
}

function runMaxPBaseline(graph: NeighbourGraph, iterations: number): Row {
  const method = `(b) max-p greedy (jsgeoda), ${iterations} iteration${iterations > 1 ? 's' : ''}`;
  const { nodes, edges } = unmanagedGraph(graph, OPTIONS);
  // max-p places every area in a region that meets the floor, so only components that can reach
  // it are given (the rest can never be viable without anchors; libgeoda also hangs on them)
  const keep = components(nodes.length, edges)
    .filter((g) => g.reduce((s, i) => s + nodes[i]!.households, 0) >= OPTIONS.minHouseholds)
    .flat()
    .sort((a, b) => a - b);
  const local = new Map(keep.map((i, k) => [i, k]));
  const instance: MaxPInstance = {
    households: keep.map((i) => nodes[i]!.households),
    xs: keep.map((i) => nodes[i]!.x),
    ys: keep.map((i) => nodes[i]!.y),
    edges: edges
      .filter(([a, b]) => local.has(a) && local.has(b))
      .map(([a, b]) => [local.get(a)!, local.get(b)!]),
    minHouseholds: OPTIONS.minHouseholds,
    maxHouseholds: OPTIONS.maxHouseholds,
    maxCompounds: OPTIONS.maxCompounds,
    iterations,
    seed: 123456789,
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bundling-maxp-'));
  try {
    const file = path.join(dir, 'instance.json');
    writeFileSync(file, JSON.stringify(instance));
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'bench/bundling-maxp.ts', file], {
      encoding: 'utf8',
      timeout: MAXP_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (child.status !== 0) {
      console.log(
        `max-p did not finish (${child.signal ?? child.status}): ${child.stderr.slice(0, 300)}`,
      );
      return {
        method: `${method}: no result`,
        covered: 0,
        viable: 0,
        broken: 0,
        sumDistance: 0,
        span: 0,
        ms: NaN,
      };
    }
    const output = JSON.parse(child.stdout) as MaxPOutput;
    if (!output.weightsMatch) console.log('max-p: GeoDa weights differ from the graph');
    const regions = new Map<number, number[]>();
    output.clusters.forEach((region, k) => {
      const id = nodes[keep[k]!]!.id;
      const list = regions.get(region);
      if (list === undefined) regions.set(region, [id]);
      else list.push(id);
    });
    return judgeGroups(graph, [...regions.values()], method, output.ms);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function compareWithOptimum(highs: Highs, district: NeighbourGraph, city: NeighbourGraph) {
  console.log(
    `\n## (c) exact optimum (HiGHS integer program, time limit ${IP_TIME_LIMIT_S} s) vs ours, default options (anchors on)`,
  );
  const rows: string[][] = [];
  const instances: {
    label: string;
    graph: NeighbourGraph;
    options: BundlingOptions;
    codes: string[];
  }[] = [];
  const unitsOf = (graph: NeighbourGraph, unit: BundlingOptions['unit']) => {
    const byUnit = new Map<string, number>();
    const unmanaged = new Map<string, number>();
    for (const c of graph.compounds) {
      const code = unitCodeOf(c, unit);
      byUnit.set(code, (byUnit.get(code) ?? 0) + 1);
      if (c.coverageMode === 'none') unmanaged.set(code, (unmanaged.get(code) ?? 0) + 1);
    }
    return [...byUnit.entries()]
      .filter(([, n]) => n <= 60)
      .map(([code]) => ({ code, unmanaged: unmanaged.get(code) ?? 0 }))
      .sort((a, b) => b.unmanaged - a.unmanaged || (a.code < b.code ? -1 : 1));
  };
  const streetOptions = { ...OPTIONS, unit: 'street' as const };
  const communities = unitsOf(district, 'community').map((u) => u.code);
  instances.push({
    label: `district: all ${communities.length} communities (summed)`,
    graph: district,
    options: OPTIONS,
    codes: communities,
  });
  const streets = unitsOf(district, 'street').map((u) => u.code);
  instances.push({
    label: `district: the ${streets.length} streets of ≤ 60 compounds, unit street (summed)`,
    graph: district,
    options: streetOptions,
    codes: streets,
  });
  for (const u of unitsOf(city, 'community').slice(0, SMALL_INSTANCES)) {
    instances.push({
      label: `city community ${u.code}`,
      graph: city,
      options: OPTIONS,
      codes: [u.code],
    });
  }
  const citySums = { optimum: [0, 0], ours: [0, 0] }; // over the single communities
  for (const inst of instances) {
    let optimum = [0, 0];
    let ours = [0, 0];
    let ipMs = 0;
    let oursMs = 0;
    let compounds = 0;
    let unmanaged = 0;
    const statuses = new Set<string>();
    for (const code of inst.codes) {
      const sub = subgraph(inst.graph, code, inst.options);
      compounds += sub.compounds.length;
      unmanaged += sub.compounds.filter((c) => c.coverageMode === 'none').length;
      const opt = solveOptimum(highs, sub, code, inst.options, IP_TIME_LIMIT_S);
      statuses.add(opt.status);
      ipMs += opt.ms;
      optimum = [optimum[0]! + opt.coveredHouseholds, optimum[1]! + opt.bundleCount];
      const { value: result, ms } = timed(() => bundleCompounds(sub, inst.options), 5);
      if (checkBundles(result, sub).length > 0) console.log('VIOLATIONS in', code);
      oursMs += ms;
      ours = [ours[0]! + result.summary.coveredHouseholds, ours[1]! + result.summary.bundles];
    }
    if (inst.codes.length === 1) {
      citySums.optimum = [citySums.optimum[0]! + optimum[0]!, citySums.optimum[1]! + optimum[1]!];
      citySums.ours = [citySums.ours[0]! + ours[0]!, citySums.ours[1]! + ours[1]!];
    }
    rows.push([
      inst.label,
      `${compounds} / ${unmanaged}`,
      `${optimum[0]} / ${optimum[1]}`,
      `${ours[0]} / ${ours[1]}`,
      pct(ours[0]!, optimum[0]!),
      pct(ours[1]!, optimum[1]!),
      [...statuses].join(','),
      ipMs.toFixed(0),
      oursMs.toFixed(1),
    ]);
  }
  const [optHh, optBundles] = citySums.optimum as [number, number];
  const [ourHh, ourBundles] = citySums.ours as [number, number];
  rows.push([
    `city: the ${SMALL_INSTANCES} communities (summed)`,
    '',
    `${optHh} / ${optBundles}`,
    `${ourHh} / ${ourBundles}`,
    pct(ourHh, optHh),
    pct(ourBundles, optBundles),
    '',
    '',
    '',
  ]);
  printTable(
    [
      'instance',
      'compounds / unmanaged',
      'optimum hh / bundles',
      'ours hh / bundles',
      'hh % of opt',
      'bundles % of opt',
      'IP status',
      'IP ms',
      'ours ms',
    ],
    rows,
  );
}

function measureIncremental(graphs: Map<string, NeighbourGraph>) {
  console.log('\n## incremental re-bundling of one unit, and evaluating a selection');
  const rows: string[][] = [];
  for (const [name, graph] of graphs) {
    for (const unit of ['community', 'street'] as const) {
      const options = { ...DEFAULT_OPTIONS, unit };
      const previous = bundleCompounds(graph, options);
      const codes = [...new Set(graph.compounds.map((c) => unitCodeOf(c, unit)))].sort();
      const sample = codes.filter((_, k) => k % Math.max(1, Math.floor(codes.length / 60)) === 0);
      const times: number[] = [];
      let equal = true;
      for (const code of sample) {
        // one compound of the unit changes: its first unmanaged compound hires a provider
        const target = graph.compounds.find(
          (c) => unitCodeOf(c, unit) === code && c.coverageMode === 'none',
        );
        const changed: NeighbourGraph = target
          ? {
              compounds: graph.compounds.map((c) =>
                c.id === target.id ? { ...c, coverageMode: 'street_company' } : c,
              ),
              edges: graph.edges,
            }
          : graph;
        const changedIds = target ? [target.id] : [];
        // the fastest of 3 after a warm-up: the machine is shared, the code deterministic
        let next = rebundleUnit(previous, code, changed, changedIds);
        let fastest = Infinity;
        for (let k = 0; k < 3; k++) {
          const started = performance.now();
          next = rebundleUnit(previous, code, changed, changedIds);
          fastest = Math.min(fastest, performance.now() - started);
        }
        times.push(fastest);
        if (sample.indexOf(code) < 3) {
          const full = bundleCompounds(changed, options);
          equal &&= JSON.stringify(next) === JSON.stringify(full);
        }
      }
      times.sort((a, b) => a - b);
      rows.push([
        `rebundleUnit, ${name}, unit ${unit}`,
        `${sample.length} units`,
        times[Math.floor(times.length / 2)]!.toFixed(1),
        times[Math.floor(times.length * 0.95)]!.toFixed(1),
        times.at(-1)!.toFixed(1),
        equal ? 'first 3 equal a full solve' : 'DIFFERS from a full solve',
      ]);
    }
    const selections = bundleCompounds(graph)
      .bundles.map((b) => b.compoundIds)
      .slice(0, 200);
    for (const prepared of [false, true]) {
      const evaluator = createBundleEvaluator(graph);
      const times: number[] = [];
      for (const ids of selections) {
        let fastest = Infinity;
        for (let k = 0; k < 3; k++) {
          const started = performance.now();
          if (prepared) evaluator(ids);
          else evaluateBundle(ids, graph);
          fastest = Math.min(fastest, performance.now() - started);
        }
        times.push(fastest);
      }
      times.sort((a, b) => a - b);
      rows.push([
        `${prepared ? 'createBundleEvaluator(graph) then evaluate' : 'evaluateBundle (scans the graph each call)'}, ${name}`,
        `${selections.length} selections`,
        times[Math.floor(times.length / 2)]!.toFixed(2),
        times[Math.floor(times.length * 0.95)]!.toFixed(2),
        times.at(-1)!.toFixed(2),
        '',
      ]);
    }
  }
  printTable(['what', 'sample', 'median ms', 'p95 ms', 'max ms', 'check'], rows);
}

function subgraph(graph: NeighbourGraph, code: string, options: BundlingOptions): NeighbourGraph {
  const compounds = graph.compounds.filter((c) => unitCodeOf(c, options.unit) === code);
  const ids = new Set(compounds.map((c) => c.id));
  return { compounds, edges: graph.edges.filter((e) => ids.has(e.a) && ids.has(e.b)) };
}

// median of `runs` timed calls after one warm-up
function timed<T>(fn: () => T, runs: number): { value: T; ms: number } {
  let value = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    value = fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { value, ms: times[Math.floor(times.length / 2)]! };
}

function pct(value: number, of: number): string {
  return of === 0 ? (value === 0 ? '100%' : '–') : `${((100 * value) / of).toFixed(1)}%`;
}

function printTable(headers: string[], rows: string[][]) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(headers));
  console.log(
    `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
  );
  for (const r of rows) console.log(line(r));
}

await main();
