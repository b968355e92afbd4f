import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from '../../common/geo.ts';
import { labelPoint } from '../../geometry/label-point.ts';

const square = (x: number, y: number, size: number): [number, number][] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

describe('labelPoint', () => {
  it('uses the area centroid of a convex polygon', () => {
    const polygon: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 2)] };
    expect(labelPoint(polygon)).toEqual([1, 1]);
  });

  it('falls back to the widest inside span when the centroid is outside (a U shape)', () => {
    // a U: the centroid lies in the empty middle of the U
    const u: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [6, 0],
          [6, 6],
          [4, 6],
          [4, 2],
          [2, 2],
          [2, 6],
          [0, 6],
          [0, 0],
        ],
      ],
    };
    const point = labelPoint(u);
    expect(point).not.toBeNull();
    const [x, y] = point as [number, number];
    expect(y).toBeCloseTo(76 / 28, 10); // the centroid's latitude
    expect(x === 1 || x === 5, `${x} is the middle of one arm`).toBe(true);
  });

  it('treats holes as outside', () => {
    const ring: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 4), square(1, 1, 2)] };
    const [x, y] = labelPoint(ring) as [number, number];
    expect(y).toBe(2);
    expect(x).toBe(0.5);
  });

  it('labels the largest part of a MultiPolygon', () => {
    const parts: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [[square(10, 10, 1)], [square(0, 0, 4)]],
    };
    expect(labelPoint(parts)).toEqual([2, 2]);
  });

  it('returns null for a ring too short to enclose anything', () => {
    expect(labelPoint({ type: 'Polygon', coordinates: [[[0, 0]]] })).toBeNull();
    expect(labelPoint({ type: 'MultiPolygon', coordinates: [] })).toBeNull();
  });
});
