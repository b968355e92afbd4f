import { config } from '../config.ts';
import {
  BOUNDARY_SOURCES,
  BOUNDARY_STYLE_LAYERS,
} from '../features/boundaries/boundaries-style.ts';
import { createMapStyle, createTiandituBasemap } from '../map/base-map.tsx';

/**
 * The base map of the working pages (`/`, `/dispatch`, `/plan`): our own boundaries, offline,
 * with Tianditu tiles under them when a token is configured. The wall keeps its own, offline only.
 */
export const APP_MAP_STYLE = createMapStyle({
  sources: BOUNDARY_SOURCES,
  layers: BOUNDARY_STYLE_LAYERS,
  raster: config.tiandituToken ? createTiandituBasemap(config.tiandituToken) : null,
});
