import { PolygonLayer, TextLayer } from '@deck.gl/layers';
import type { CompoundFeature } from '../../../common/api.ts';
import type { Position } from '../../../common/geo.ts';
import { labelPoint } from '../../../geometry/label-point.ts';
import type { Rgba } from '../../lib/theme.ts';
import type { AreaFeature, DispatchArea } from './dispatch-area.ts';

export const AREA_GRIDS_LAYER_ID = 'dispatch-area-grids';
export const AREA_UNITS_LAYER_ID = 'dispatch-area-units';
export const AREA_LABELS_LAYER_ID = 'dispatch-area-labels';
export const COMPOUND_CONTEXT_LAYER_ID = 'dispatch-compounds';

const GRID_FILL: Rgba = [250, 204, 21, 14]; // a gold wash over the user's own grids
const GRID_LINE: Rgba = [250, 204, 21, 210];
const GRID_LINE_WIDTH = 1.5; // pixels
const UNIT_LINE: Rgba = [250, 204, 21, 255]; // a community's or street's outline, over its grids
const UNIT_LINE_WIDTH = 2.5;
const COMPOUND_FILL: Rgba = [74, 112, 160, 46]; // compounds are context here, not a theme
const COMPOUND_LINE: Rgba = [96, 140, 196, 120];
const LABEL_COLOR: Rgba = [250, 224, 140, 190]; // muted: events are drawn over it
const LABEL_HALO: Rgba = [8, 16, 30, 230];
const LABEL_SIZE = 12;
const LABEL_OFFSET: [number, number] = [0, -16]; // above its point, where an event often sits
const MAX_GRID_LABELS = 40; // beyond this (a whole street) grid names crowd each other out
const FONT_FAMILY = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

type GridLabel = { code: string; name: string; position: Position };

/**
 * The user's area on the dispatch map: their grids washed and outlined in gold, the community or
 * street they answer for outlined over them, and the grid names when there are few enough to read.
 * District-wide areas draw nothing (the district outline is in the base style).
 */
export function createAreaLayers(area: DispatchArea) {
  const units = [...area.streets, ...area.communities];
  const labels: GridLabel[] =
    area.grids.length > MAX_GRID_LABELS
      ? []
      : area.grids.flatMap(({ geometry, properties }) => {
          const position = labelPoint(geometry);
          return position ? [{ code: properties.code, name: properties.name, position }] : [];
        });
  return [
    new PolygonLayer<AreaFeature>({
      id: AREA_GRIDS_LAYER_ID,
      data: area.grids,
      pickable: false,
      filled: true,
      stroked: true,
      lineWidthUnits: 'pixels',
      getPolygon: (feature) => feature.geometry.coordinates,
      getFillColor: GRID_FILL,
      getLineColor: GRID_LINE,
      getLineWidth: GRID_LINE_WIDTH,
    }),
    new PolygonLayer<AreaFeature>({
      id: AREA_UNITS_LAYER_ID,
      data: units,
      pickable: false,
      filled: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      getPolygon: (feature) => feature.geometry.coordinates,
      getLineColor: UNIT_LINE,
      getLineWidth: UNIT_LINE_WIDTH,
    }),
    new TextLayer<GridLabel>({
      id: AREA_LABELS_LAYER_ID,
      data: labels,
      pickable: false,
      characterSet: 'auto',
      fontFamily: FONT_FAMILY,
      fontWeight: 700,
      fontSettings: { sdf: true, fontSize: 64, buffer: 12, radius: 16 },
      outlineWidth: 8,
      outlineColor: LABEL_HALO,
      sizeUnits: 'pixels',
      getPosition: (label) => label.position,
      getText: (label) => label.name,
      getColor: LABEL_COLOR,
      getSize: LABEL_SIZE,
      getPixelOffset: LABEL_OFFSET,
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
    }),
  ];
}

/** Compounds as faint shapes under the events: where the buildings are, nothing more. */
export function createCompoundContextLayer(compounds: CompoundFeature[]) {
  return new PolygonLayer<CompoundFeature>({
    id: COMPOUND_CONTEXT_LAYER_ID,
    data: compounds,
    pickable: false,
    filled: true,
    stroked: true,
    lineWidthUnits: 'pixels',
    getPolygon: (compound) => compound.geometry.coordinates,
    getFillColor: COMPOUND_FILL,
    getLineColor: COMPOUND_LINE,
    getLineWidth: 0.75,
  });
}
