import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';

// the administrative boundaries are drawn by MapLibre under deck.gl's layers, from our own GeoJSON:
// the offline basemap. Finer units appear as the user zooms in.

/** Communities (社区) appear from this zoom. */
export const COMMUNITIES_MIN_ZOOM = 13;
/** Grid cells (网格) appear from this zoom. */
export const GRIDS_MIN_ZOOM = 14.5;

const DISTRICT_FILL = '#10203a';
const DISTRICT_LINE = '#6fb8ff';
const STREET_FILL = '#132743';
const STREET_LINE = '#4f83bd';
const COMMUNITY_LINE = '#4873a3';
const GRID_LINE = '#3a5d86';

/** How each boundary level's line looks, for the legend swatches. */
export const BOUNDARY_LINE_STYLES = {
  streets: { color: STREET_LINE, dashed: false },
  communities: { color: COMMUNITY_LINE, dashed: true },
  grids: { color: GRID_LINE, dashed: true },
} as const;

/** GeoJSON sources, empty until the layers arrive (BaseMap pushes them with setData). */
export const BOUNDARY_SOURCES: Record<string, SourceSpecification> = {
  district: emptyGeoJsonSource(),
  streets: emptyGeoJsonSource(),
  communities: emptyGeoJsonSource(),
  grids: emptyGeoJsonSource(),
};

export const BOUNDARY_STYLE_LAYERS: LayerSpecification[] = [
  { id: 'district-fill', type: 'fill', source: 'district', paint: { 'fill-color': DISTRICT_FILL } },
  {
    id: 'streets-fill',
    type: 'fill',
    source: 'streets',
    paint: { 'fill-color': STREET_FILL, 'fill-opacity': 0.9 },
  },
  {
    id: 'grids-line',
    type: 'line',
    source: 'grids',
    minzoom: GRIDS_MIN_ZOOM,
    paint: { 'line-color': GRID_LINE, 'line-width': 0.8, 'line-dasharray': [1, 2] },
  },
  {
    id: 'communities-line',
    type: 'line',
    source: 'communities',
    minzoom: COMMUNITIES_MIN_ZOOM,
    paint: { 'line-color': COMMUNITY_LINE, 'line-width': 1, 'line-dasharray': [4, 2] },
  },
  {
    id: 'streets-line',
    type: 'line',
    source: 'streets',
    layout: { 'line-join': 'round' },
    paint: { 'line-color': STREET_LINE, 'line-width': 1.4 },
  },
  {
    // a soft glow under the district outline
    id: 'district-glow',
    type: 'line',
    source: 'district',
    layout: { 'line-join': 'round' },
    paint: { 'line-color': DISTRICT_LINE, 'line-width': 9, 'line-opacity': 0.12, 'line-blur': 4 },
  },
  {
    id: 'district-line',
    type: 'line',
    source: 'district',
    layout: { 'line-join': 'round' },
    paint: { 'line-color': DISTRICT_LINE, 'line-width': 2.2 },
  },
];

/** Style layers switched by each boundary toggle. */
export const BOUNDARY_TOGGLE_LAYERS = {
  streets: ['streets-fill', 'streets-line'],
  communities: ['communities-line'],
  grids: ['grids-line'],
} as const;

function emptyGeoJsonSource(): SourceSpecification {
  return { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
}
