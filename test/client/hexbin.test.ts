import { describe, expect, it } from 'vitest';
import { hexbin } from '../../client/features/wall/hexbin.ts';
import {
  METRES_PER_DEGREE as M_PER_DEG_LAT,
  metresPerDegree,
} from '../../geometry/local-projection.ts';

describe('hexbin', () => {
  it('counts points that fall into the same hexagon together', () => {
    const bins = hexbin([118.58, 24.9, 118.5801, 24.9001, 118.6, 24.95], 200);
    expect(bins.map((b) => b.count)).toEqual([2, 1]);
  });

  it('puts each bin at its hexagon centre, within one radius of its points', () => {
    const [bin] = hexbin([118.58, 24.9], 200);
    const mPerDegLng = metresPerDegree(24.9).x;
    const dx = (bin!.position[0] - 118.58) * mPerDegLng;
    const dy = (bin!.position[1] - 24.9) * M_PER_DEG_LAT;
    expect(Math.hypot(dx, dy)).toBeLessThanOrEqual(200);
  });

  it('separates points two radii apart and keeps adjacent centres √3 radii apart', () => {
    const mPerDegLng = metresPerDegree(24.9).x;
    const step = 400 / M_PER_DEG_LAT; // 400 m north
    const bins = hexbin([118.58, 24.9, 118.58, 24.9 + step], 200);
    expect(bins).toHaveLength(2);
    const [a, b] = bins.map((x) => x.position);
    const d = Math.hypot((a![0] - b![0]) * mPerDegLng, (a![1] - b![1]) * M_PER_DEG_LAT);
    expect(d).toBeCloseTo(200 * Math.sqrt(3), 6);
  });

  it('sorts bins by count, highest first', () => {
    const bins = hexbin([118.6, 24.95, 118.58, 24.9, 118.58, 24.9, 118.58, 24.9], 200);
    expect(bins.map((b) => b.count)).toEqual([3, 1]);
  });

  it('returns no bins for no points, and refuses bad input', () => {
    expect(hexbin([], 200)).toEqual([]);
    expect(() => hexbin([1, 2], 0)).toThrow('hexbin radius must be > 0 metres, got 0');
    expect(() => hexbin([1, 2, 3], 10)).toThrow('hexbin points must be flat lng,lat pairs');
  });
});
