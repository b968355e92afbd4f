import { ScatterplotLayer } from '@deck.gl/layers';
import type { StationFeature } from '../../../common/api.ts';
import { STATION_KINDS, type StationKind } from '../../../common/domain.ts';
import {
  HIGHLIGHT_COLOR,
  SELECTED_LINE_COLOR,
  STATION_KIND_COLORS,
  STATION_KIND_RADII,
  type Rgb,
  type Rgba,
} from '../../lib/theme.ts';

export const STATIONS_LAYER_ID = 'stations';

const UNKNOWN_KIND: StationKind = 'compound_station'; // a station served without `kind`
const LINE_WIDTH = 1.5; // pixels
const SELECTED_LINE_WIDTH = 3;
const SELECTED_RADIUS_GAIN = 3; // pixels added to the selected marker

export type StationsLayerOptions = {
  /** a station to ring in gold, e.g. the nearest station of the selected compound */
  selectedId: number | null;
  visible?: boolean;
};

/** Party-service stations (党群服务站点) as markers sized and coloured by kind. */
export function createStationsLayer(
  stations: StationFeature[],
  { selectedId, visible = true }: StationsLayerOptions,
) {
  const kindOf = (station: StationFeature) => station.properties.kind ?? UNKNOWN_KIND;
  const isSelected = (station: StationFeature) => station.properties.id === selectedId;
  return new ScatterplotLayer<StationFeature>({
    id: STATIONS_LAYER_ID,
    data: stations,
    visible,
    pickable: true,
    autoHighlight: true,
    highlightColor: HIGHLIGHT_COLOR,
    stroked: true,
    filled: true,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    getPosition: (station) => station.geometry.coordinates,
    getRadius: (station) =>
      STATION_KIND_RADII[kindOf(station)] + (isSelected(station) ? SELECTED_RADIUS_GAIN : 0),
    getFillColor: (station) => opaque(STATION_KIND_COLORS[kindOf(station)].fill),
    getLineColor: (station) =>
      isSelected(station) ? SELECTED_LINE_COLOR : opaque(STATION_KIND_COLORS[kindOf(station)].line),
    getLineWidth: (station) => (isSelected(station) ? SELECTED_LINE_WIDTH : LINE_WIDTH),
    updateTriggers: {
      getRadius: [selectedId],
      getLineColor: [selectedId],
      getLineWidth: [selectedId],
    },
  });
}

/**
 * A copy of the stations in drawing order: small kinds first, so the district and street centres
 * are drawn on top where markers overlap. Call it once per data set (a new array redraws all).
 */
export function sortStationsForDrawing(stations: readonly StationFeature[]): StationFeature[] {
  const rank = (station: StationFeature) =>
    STATION_KINDS.length - STATION_KINDS.indexOf(station.properties.kind ?? UNKNOWN_KIND);
  return [...stations].sort((a, b) => rank(a) - rank(b));
}

function opaque([r, g, b]: Rgb): Rgba {
  return [r, g, b, 255];
}
