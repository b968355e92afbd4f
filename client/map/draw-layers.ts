import { PathLayer, PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Position } from '../../common/geo.ts';

export const DRAW_FILL_LAYER_ID = 'draw-fill';
export const DRAW_LINE_LAYER_ID = 'draw-line';
export const DRAW_VERTICES_LAYER_ID = 'draw-vertices';

const FILL: [number, number, number, number] = [250, 204, 21, 36];
const LINE: [number, number, number, number] = [250, 204, 21, 255];
const VERTEX_FILL: [number, number, number, number] = [11, 20, 36, 255];
const LINE_WIDTH = 2; // pixels
const VERTEX_RADIUS = 4;

/** A polygon being drawn: the clicked vertices and where the pointer is now. */
export type DrawDraft = { vertices: Position[]; cursor: Position | null };

/**
 * The draft polygon: its fill once it has three points, the outline through the pointer back to
 * the first vertex, and the vertices. Nothing is pickable, so clicks reach the map.
 */
export function createDrawLayers({ vertices, cursor }: DrawDraft) {
  const outline = cursor ? [...vertices, cursor] : vertices;
  const closed = outline.length >= 3 ? [...outline, outline[0] as Position] : outline;
  return [
    new PolygonLayer<Position[]>({
      id: DRAW_FILL_LAYER_ID,
      data: outline.length >= 3 ? [outline] : [],
      pickable: false,
      filled: true,
      stroked: false,
      getPolygon: (ring) => ring,
      getFillColor: FILL,
    }),
    new PathLayer<Position[]>({
      id: DRAW_LINE_LAYER_ID,
      data: closed.length >= 2 ? [closed] : [],
      pickable: false,
      widthUnits: 'pixels',
      getPath: (path) => path,
      getColor: LINE,
      getWidth: LINE_WIDTH,
    }),
    new ScatterplotLayer<Position>({
      id: DRAW_VERTICES_LAYER_ID,
      data: vertices,
      pickable: false,
      stroked: true,
      filled: true,
      radiusUnits: 'pixels',
      lineWidthUnits: 'pixels',
      getPosition: (vertex) => vertex,
      getRadius: VERTEX_RADIUS,
      getFillColor: VERTEX_FILL,
      getLineColor: LINE,
      getLineWidth: LINE_WIDTH,
    }),
  ];
}
