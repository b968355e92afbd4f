// the part of jsgeoda 0.2.3 (GeoDa compiled to WebAssembly) the bundling bench uses; the package
// ships no types. Signatures from its docs (geoda-proxy.js).
declare module 'jsgeoda' {
  export type GeoDaWeights = { uid: string; mapUid: string; numObs: number; isValid: boolean };
  export type ClusteringResult = {
    /** 1-based region per observation, in input order */
    clusters: number[];
    total_ss: number;
    between_ss: number;
    within_ss: number[];
    ratio: number;
  };
  export type GeoDaWasm = {
    readGeoJSON(ab: ArrayBuffer): string;
    getQueenWeights(
      mapUid: string,
      order: number,
      includeLowerOrder: boolean,
      precision: number,
    ): GeoDaWeights;
    getNeighbors(weights: GeoDaWeights, index: number): number[];
    maxpGreedy(
      weights: GeoDaWeights,
      values: number[][],
      iterations: number,
      minBoundValues: number[][],
      minBounds: number[],
      maxBoundValues: number[][],
      maxBounds: number[],
      scaleMethod: string,
      distanceMethod: string,
      seed: number,
    ): ClusteringResult;
  };
  const jsgeoda: { New(): Promise<GeoDaWasm> };
  export default jsgeoda;
}
