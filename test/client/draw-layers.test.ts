import { describe, expect, it } from 'vitest';
import type { Position } from '../../common/geo.ts';
import { createDrawLayers } from '../../client/map/draw-layers.ts';

const A: Position = [118.57, 24.9];
const B: Position = [118.58, 24.9];
const C: Position = [118.58, 24.91];
const CURSOR: Position = [118.57, 24.91];

const dataOf = (layers: ReturnType<typeof createDrawLayers>) =>
  Object.fromEntries(layers.map((layer) => [layer.id, layer.props.data]));

describe('createDrawLayers', () => {
  it('draws nothing before the first click', () => {
    expect(dataOf(createDrawLayers({ vertices: [], cursor: null }))).toEqual({
      'draw-fill': [],
      'draw-line': [],
      'draw-vertices': [],
    });
  });

  it('draws a rubber band from the first vertex to the pointer', () => {
    expect(dataOf(createDrawLayers({ vertices: [A], cursor: B }))).toEqual({
      'draw-fill': [],
      'draw-line': [[A, B]],
      'draw-vertices': [A],
    });
  });

  it('fills and closes the outline from three points on, the pointer included', () => {
    expect(dataOf(createDrawLayers({ vertices: [A, B, C], cursor: CURSOR }))).toEqual({
      'draw-fill': [[A, B, C, CURSOR]],
      'draw-line': [[A, B, C, CURSOR, A]],
      'draw-vertices': [A, B, C],
    });
  });

  it('is never pickable, so clicks reach the map', () => {
    const layers = createDrawLayers({ vertices: [A, B, C], cursor: null });
    expect(layers.map((layer) => layer.props.pickable)).toEqual([false, false, false]);
  });
});
