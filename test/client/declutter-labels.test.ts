import { describe, expect, it } from 'vitest';
import { declutterLabels, type LabelCandidate } from '../../client/lib/declutter-labels.ts';

const label = (lng: number, lat: number, priority: number): LabelCandidate => ({
  position: [lng, lat],
  width: 60,
  height: 15,
  offset: [0, 0],
  priority,
});

describe('declutterLabels', () => {
  it('keeps every label when none overlap', () => {
    expect(declutterLabels([label(118.5, 24.9, 0), label(118.6, 24.9, 0)], 12)).toEqual([
      true,
      true,
    ]);
  });

  it('drops the lower-priority label of an overlapping pair', () => {
    // 0.0001° apart: the same pixel at zoom 12
    expect(declutterLabels([label(118.5, 24.9, 1), label(118.5001, 24.9, 2)], 12)).toEqual([
      false,
      true,
    ]);
  });

  it('keeps the earlier label when priorities tie', () => {
    expect(declutterLabels([label(118.5, 24.9, 0), label(118.5001, 24.9, 0)], 12)).toEqual([
      true,
      false,
    ]);
  });

  it('separates labels as the zoom grows: 0.001° is ~190 px at zoom 18 but ~3 px at zoom 12', () => {
    const pair = [label(118.5, 24.9, 1), label(118.501, 24.9, 0)];
    expect(declutterLabels(pair, 12)).toEqual([true, false]);
    expect(declutterLabels(pair, 18)).toEqual([true, true]);
  });

  it('moves boxes by their pixel offset', () => {
    // stacked 20 px apart vertically at the same anchor: 15 px boxes + 2×4 px padding collide
    const above = { ...label(118.5, 24.9, 1), offset: [0, -20] as const };
    const below = label(118.5, 24.9, 0);
    expect(declutterLabels([above, below], 12)).toEqual([true, false]);
    expect(declutterLabels([above, below], 12, 0)).toEqual([true, true]);
  });

  it('returns nothing for no labels', () => {
    expect(declutterLabels([], 12)).toEqual([]);
  });
});
