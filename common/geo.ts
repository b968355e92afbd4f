// Minimal GeoJSON types (RFC 7946) for the wire format. common/ imports nothing, so these are ours.

export type Position = [number, number];
export type BBox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

export type Point = { type: 'Point'; coordinates: Position };
export type Polygon = { type: 'Polygon'; coordinates: Position[][] };
export type MultiPolygon = { type: 'MultiPolygon'; coordinates: Position[][][] };
export type Geometry = Point | Polygon | MultiPolygon;

export type Feature<G extends Geometry | null = Geometry, P = Record<string, unknown>> = {
  type: 'Feature';
  id?: string | number;
  geometry: G;
  properties: P;
};

export type FeatureCollection<G extends Geometry | null = Geometry, P = Record<string, unknown>> = {
  type: 'FeatureCollection';
  features: Feature<G, P>[];
};
