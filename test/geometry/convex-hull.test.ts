import { describe, expect, it } from 'vitest';
import type { Position } from '../../common/geo.ts';
import { convexHull } from '../../geometry/convex-hull.ts';

describe('convexHull', () => {
  it('drops the inside point of a square, counter-clockwise from the lowest-left', () => {
    expect(
      convexHull([
        [1, 1],
        [2, 2],
        [0, 2],
        [2, 0],
        [0, 0],
      ]),
    ).toEqual([
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
    ]);
  });

  it('drops collinear points on an edge and repeated points', () => {
    expect(
      convexHull([
        [0, 0],
        [1, 0],
        [2, 0],
        [2, 0],
        [1, 3],
        [0, 0],
      ]),
    ).toEqual([
      [0, 0],
      [2, 0],
      [1, 3],
    ]);
  });

  it('gives fewer than three distinct points back sorted', () => {
    expect(convexHull([])).toEqual([]);
    expect(convexHull([[5, 5]])).toEqual([[5, 5]]);
    expect(
      convexHull([
        [3, 1],
        [1, 1],
        [3, 1],
      ]),
    ).toEqual([
      [1, 1],
      [3, 1],
    ]);
  });

  it('wraps two compound outlines in lng/lat and leaves its input alone', () => {
    const a: Position[] = [
      [118.58, 24.9],
      [118.581, 24.9],
      [118.581, 24.901],
      [118.58, 24.901],
      [118.58, 24.9],
    ];
    const b: Position[] = [
      [118.583, 24.9005],
      [118.584, 24.9005],
      [118.5835, 24.9015],
      [118.583, 24.9005],
    ];
    const input = [...a, ...b];
    const copy = structuredClone(input);
    expect(convexHull(input)).toEqual([
      [118.58, 24.9],
      [118.581, 24.9],
      [118.584, 24.9005],
      [118.5835, 24.9015],
      [118.58, 24.901],
    ]);
    expect(input).toEqual(copy);
  });
});
