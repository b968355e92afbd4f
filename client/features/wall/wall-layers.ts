import { ColumnLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Rgba } from '../../lib/theme.ts';
import type { HexBin } from './hexbin.ts';
import type { LiveEventData } from './live-events.ts';

export const HISTORY_LAYER_ID = 'wall-history';
export const LIVE_EVENTS_LAYER_ID = 'wall-live-events';

/** Hexagon radius of the history layer, centre to corner. */
export const HISTORY_HEX_RADIUS_M = 300;
// cool blues only, translucent: the live events keep the warm warning colours to themselves
const HEAT_RAMP: Rgba[] = [
  [20, 60, 110, 70],
  [25, 95, 160, 100],
  [35, 135, 200, 125],
  [54, 180, 235, 150],
  [120, 220, 255, 170],
  [200, 245, 255, 185],
];
const LIVE_LINE_COLOR: Rgba = [8, 16, 30, 255];

/** The ramp colour of a count among bins whose largest count is `max` (square-root scale). */
export function heatColor(count: number, max: number): Rgba {
  if (max <= 0) return HEAT_RAMP[0]!;
  const k = Math.sqrt(Math.min(1, count / max));
  return HEAT_RAMP[Math.min(HEAT_RAMP.length - 1, Math.floor(k * HEAT_RAMP.length))]!;
}

/**
 * Where events came from over the history window, as flat hexagons coloured by count. Built once
 * per history fetch (hourly at most): live events do not touch it.
 */
export function createHistoryHexLayer(bins: HexBin[], { visible = true } = {}) {
  const max = bins[0]?.count ?? 0; // hexbin sorts highest first
  return new ColumnLayer<HexBin>({
    id: HISTORY_LAYER_ID,
    data: bins,
    visible,
    diskResolution: 6,
    radius: HISTORY_HEX_RADIUS_M,
    coverage: 0.9,
    extruded: false,
    pickable: false,
    getPosition: (bin) => bin.position,
    getFillColor: (bin) => heatColor(bin.count, max),
  });
}

/**
 * The live events from a LiveEventBuffer, as binary attributes: a batch re-uploads the arrays
 * (views of memory allocated once) and runs no accessor, whatever the number of points.
 */
export function createLiveEventsLayer(data: LiveEventData, version: number) {
  return new ScatterplotLayer({
    id: LIVE_EVENTS_LAYER_ID,
    data,
    pickable: false,
    stroked: true,
    filled: true,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    getLineColor: LIVE_LINE_COLOR,
    getLineWidth: 1.5,
    updateTriggers: { getPosition: version, getFillColor: version, getRadius: version },
  });
}
