import { describe, expect, it } from 'vitest';
import type { Position } from '../../common/geo.ts';
import { isPointInPolygon } from '../../geometry/point-in-polygon.ts';

const SQUARE: Position[] = [
  [0, 0],
  [4, 0],
  [4, 4],
  [0, 4],
  [0, 0],
];
const HOLE: Position[] = [
  [1, 1],
  [3, 1],
  [3, 3],
  [1, 3],
  [1, 1],
];

describe('isPointInPolygon', () => {
  it('tells inside from outside', () => {
    expect(isPointInPolygon([2, 0.5], [SQUARE])).toBe(true);
    expect(isPointInPolygon([5, 2], [SQUARE])).toBe(false);
    expect(isPointInPolygon([-1, -1], [SQUARE])).toBe(false);
  });

  it('leaves holes out', () => {
    expect(isPointInPolygon([2, 2], [SQUARE, HOLE])).toBe(false);
    expect(isPointInPolygon([0.5, 2], [SQUARE, HOLE])).toBe(true);
  });

  it('accepts an open ring, as a drawn lasso is', () => {
    expect(isPointInPolygon([1, 1], [SQUARE.slice(0, 4)])).toBe(true);
  });

  it('is false for a concave notch and for degenerate rings', () => {
    const notched: Position[] = [
      [0, 0],
      [4, 0],
      [4, 4],
      [2, 1],
      [0, 4],
    ];
    expect(isPointInPolygon([2, 3], [notched])).toBe(false);
    expect(isPointInPolygon([2, 0.5], [notched])).toBe(true);
    expect(isPointInPolygon([0, 0], [[]])).toBe(false);
    expect(isPointInPolygon([0, 0], [[[0, 0]]])).toBe(false);
  });

  it('works at real coordinates in Licheng', () => {
    const lasso: Position[] = [
      [118.57, 24.9],
      [118.58, 24.9],
      [118.58, 24.91],
      [118.57, 24.91],
    ];
    expect(isPointInPolygon([118.575, 24.905], [lasso])).toBe(true);
    expect(isPointInPolygon([118.585, 24.905], [lasso])).toBe(false);
  });
});
