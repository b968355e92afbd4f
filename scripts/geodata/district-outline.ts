import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import gcoord from 'gcoord';
import type { Polygon, Position } from '../../common/geo.ts';
import { cleanPolygon, cleanRing, findRingSelfIntersections } from './ring-geometry.ts';

/** What was done to the source outline, for geodata/README.md. */
export type OutlineReport = {
  sourceVertices: number;
  vertices: number;
  /** parts of the source MultiPolygon that were left out, km² each */
  droppedParts: number[];
  /** holes closed by filling, km² each */
  filledHoles: number[];
  /** pieces split off at pinch points and dropped, km² each */
  droppedSlivers: number[];
  areaKm2: number;
};
export type DistrictOutline = { polygon: Polygon; report: OutlineReport };

const DEFAULT_OPTIONS = {
  quantum: 1 / 1024, // echarts-china-cities stores coordinates on a 1/1024° lattice
  decimals: 6, // output precision, ≈ 0.1 m
};

type FeatureFile = {
  features: {
    id?: string;
    geometry: { type: string; coordinates: number[][][] | number[][][][] };
  }[];
};

/**
 * Reads one district from an echarts-china-cities GeoJSON file (GCJ-02) and returns a valid WGS84
 * outline: the largest part only, repeated vertices and zero-width spikes removed, pinched-off
 * holes filled, counter-clockwise, rounded to 6 decimals.
 *
 * @example
 * readDistrictOutline(path, '350502').report.areaKm2; // ≈ 57
 */
export function readDistrictOutline(
  path: string,
  featureId: string,
  options: Partial<typeof DEFAULT_OPTIONS> = {},
): DistrictOutline {
  const { quantum, decimals } = { ...DEFAULT_OPTIONS, ...options };
  const file = JSON.parse(readFileSync(path, 'utf8')) as FeatureFile;
  const feature = file.features.find((f) => f.id === featureId);
  if (!feature) throw new Error(`No feature with id ${featureId} in ${path}`);
  const parts = (
    feature.geometry.type === 'MultiPolygon'
      ? (feature.geometry.coordinates as number[][][][])
      : [feature.geometry.coordinates as number[][][]]
  ).map((rings) => rings.map((ring) => ring.map(([x = 0, y = 0]): Position => [x, y])));
  const byArea = parts
    .map((rings) => ({ rings, km2: turf.area(turf.polygon(rings)) / 1e6 }))
    .sort((a, b) => b.km2 - a.km2);
  const main = byArea[0];
  if (!main) throw new Error(`Feature ${featureId} has no polygon`);
  const exterior = main.rings[0] ?? [];

  // on the source lattice the quantisation spikes are exactly collinear, so clean in lattice units
  const lattice = cleanRing(
    exterior.map(([x, y]): Position => [x / quantum, y / quantum]),
    0,
  ).map(([x, y]): Position => [x * quantum, y * quantum]);

  // what is left are pinch points where two stretches of border meet; union splits them apart
  const resolved = turf.union(
    turf.featureCollection([turf.polygon([lattice]), turf.polygon([lattice])]),
  );
  if (!resolved) throw new Error(`Outline of ${featureId} vanished while cleaning`);
  const pieces =
    resolved.geometry.type === 'Polygon'
      ? [resolved.geometry.coordinates]
      : resolved.geometry.coordinates;
  const ranked = pieces
    .map((rings) => ({ rings, km2: turf.area(turf.polygon(rings)) / 1e6 }))
    .sort((a, b) => b.km2 - a.km2);
  const [kept, ...slivers] = ranked;
  if (!kept) throw new Error(`Outline of ${featureId} vanished while cleaning`);

  const polygon = cleanPolygon(
    {
      type: 'Polygon',
      coordinates: [
        (kept.rings[0] ?? []).map(([x = 0, y = 0]): Position =>
          gcoord.transform<[number, number]>([x, y], gcoord.GCJ02, gcoord.WGS84),
        ),
      ],
    },
    decimals,
  );
  const crossings = findRingSelfIntersections(polygon.coordinates[0] ?? []);
  if (crossings.length > 0) {
    throw new Error(
      `Outline of ${featureId} still self-intersects at edges ${crossings[0]?.join(',')}`,
    );
  }
  return {
    polygon,
    report: {
      sourceVertices: exterior.length,
      vertices: (polygon.coordinates[0]?.length ?? 1) - 1,
      droppedParts: byArea.slice(1).map((p) => p.km2),
      filledHoles: kept.rings.slice(1).map((ring) => turf.area(turf.polygon([ring])) / 1e6),
      droppedSlivers: slivers.map((p) => p.km2),
      areaKm2: turf.area(polygon) / 1e6,
    },
  };
}
