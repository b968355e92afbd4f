// GeoDa's max-p (greedy) via npm `jsgeoda` on exactly our neighbour graph, run as a child process
// by bench/bundling.ts: libgeoda's max-p can loop forever on some inputs (a 5-compound chain of
// equal households did here; see rgeoda#48), so the bench kills it on a timeout.
//
// jsgeoda has no custom-weights API, only contiguity, distance and kernel weights built from a
// map. To hand it our graph we write a synthetic GeoJSON whose queen contiguity IS the graph:
// polygon i's ring runs through one shared vertex per incident edge plus two private vertices,
// so two polygons share a vertex exactly when the graph links them. The script checks that the
// weights GeoDa builds equal the input before running max-p.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import jsgeoda from 'jsgeoda';

export type MaxPInstance = {
  households: number[];
  xs: number[];
  ys: number[];
  /** pairs of indices into households */
  edges: [number, number][];
  minHouseholds: number;
  maxHouseholds: number;
  maxCompounds: number;
  iterations: number;
  seed: number;
};

export type MaxPOutput = { clusters: number[]; ms: number; weightsMatch: boolean };

/** Runs max-p greedy on the instance; regions are connected in the graph, by GeoDa's design. */
export async function runMaxP(instance: MaxPInstance): Promise<MaxPOutput> {
  const geoda = await jsgeoda.New();
  const n = instance.households.length;
  const incident: number[][] = Array.from({ length: n }, () => []);
  instance.edges.forEach(([a, b], k) => {
    incident[a]!.push(k);
    incident[b]!.push(k);
  });
  const features = incident.map((edges, i) => {
    const ring = [[-(i + 1), 1e6 + i], ...edges.map((k) => [k + 1, 0]), [-(i + 1), 2e6 + i]];
    ring.push(ring[0]!);
    return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } };
  });
  const text = JSON.stringify({ type: 'FeatureCollection', features });
  const map = geoda.readGeoJSON(new TextEncoder().encode(text).buffer);
  const weights = geoda.getQueenWeights(map, 1, false, 0);

  let weightsMatch = true;
  for (let i = 0; i < n && weightsMatch; i++) {
    const expected = incident[i]!.map((k) => {
      const [a, b] = instance.edges[k]!;
      return a === i ? b : a;
    });
    const got = geoda.getNeighbors(weights, i);
    weightsMatch = got.length === new Set(expected).size && got.every((j) => expected.includes(j));
  }

  const started = performance.now();
  const ones = instance.households.map(() => 1);
  const result = geoda.maxpGreedy(
    weights,
    [instance.xs, instance.ys], // centroids: the homogeneity max-p optimises is compactness here
    instance.iterations,
    [instance.households],
    [instance.minHouseholds],
    [instance.households, ones],
    // GeoDa's maximum bound is "less than": +0.5 makes it "at most" for whole numbers
    [instance.maxHouseholds + 0.5, instance.maxCompounds + 0.5],
    'raw',
    'euclidean',
    instance.seed,
  );
  return { clusters: result.clusters, ms: performance.now() - started, weightsMatch };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const instance = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as MaxPInstance;
  process.stdout.write(JSON.stringify(await runMaxP(instance)));
}
