import { describe, expect, it } from 'vitest';
import type { CompoundFeature } from '../../common/api.ts';
import { findNeighbourLinks } from '../../client/features/bundling/neighbour-links.ts';
import { buildNeighbourGraph } from '../../server/bundling/neighbour-graph.ts';
import { readGeodata } from '../../server/geodata-loader.ts';

const geodata = readGeodata('geodata');
const KAIYUAN = '350502004000';

function square(id: number, lng: number, lat: number, size = 0.0005): CompoundFeature {
  return {
    type: 'Feature',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [lng, lat],
          [lng + size, lat],
          [lng + size, lat + size],
          [lng, lat + size],
          [lng, lat],
        ],
      ],
    },
    properties: { id, name: `#${id}`, communityCode: id === 2 ? 'B' : 'A' },
  };
}

describe('findNeighbourLinks', () => {
  it('links the pairs within reach edge-to-edge, once each, between label points', () => {
    // 0.001° of longitude at 24.9° N is about 101 m
    const compounds = [square(3, 118.58, 24.9), square(1, 118.5815, 24.9), square(2, 118.59, 24.9)];
    const links = findNeighbourLinks(compounds, 150);
    expect(links.map(({ a, b, crossUnit }) => [a, b, crossUnit])).toEqual([[1, 3, false]]);
    expect(links[0]!.distanceM).toBeCloseTo(101, 0);
    expect(links[0]!.from).toEqual([118.58175, 24.90025]);
    expect(links[0]!.to).toEqual([118.58025, 24.90025]);
  });

  it('gives touching compounds distance 0', () => {
    const links = findNeighbourLinks([square(1, 118.58, 24.9), square(2, 118.5805, 24.9)], 10);
    expect(links.map((link) => [link.a, link.b, link.distanceM, link.crossUnit])).toEqual([
      [1, 2, 0, true],
    ]);
  });

  it('is empty for no compounds and refuses a negative distance', () => {
    expect(findNeighbourLinks([], 150)).toEqual([]);
    expect(() => findNeighbourLinks([square(1, 118.58, 24.9)], -1)).toThrow(
      'maxDistanceM must be ≥ 0, got -1',
    );
  });

  it("matches the server's neighbour graph of a real street, up to a metre at the threshold", () => {
    const street = geodata.compounds.features.filter((f) => f.properties.streetCode === KAIYUAN);
    const graph = buildNeighbourGraph(
      { type: 'FeatureCollection', features: street },
      { maxDistanceM: 150, unit: 'street' },
    );
    const firm = (distanceM: number) => Math.abs(distanceM - 150) > 1;
    const key = (a: number, b: number) => `${Math.min(a, b)}-${Math.max(a, b)}`;
    const links = findNeighbourLinks(street as CompoundFeature[], 150);
    const server = new Set(graph.edges.filter((e) => firm(e.distanceM)).map((e) => key(e.a, e.b)));
    const ours = new Set(links.filter((l) => firm(l.distanceM)).map((l) => key(l.a, l.b)));
    expect(server.size).toBeGreaterThan(50);
    expect(ours).toEqual(server);
  });
});
