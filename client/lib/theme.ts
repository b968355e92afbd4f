import type { CoverageMode, StationKind } from '../../common/domain.ts';

// colours shared by the map layers, the legends and the charts, so a coverage mode looks the same
// everywhere. Calm greens/blues for served compounds; unmanaged (无物业) is the one loud colour.

export type Rgb = [r: number, g: number, b: number];
export type Rgba = [r: number, g: number, b: number, a: number];

export const COVERAGE_MODE_COLORS: Record<CoverageMode, Rgb> = {
  professional: [46, 158, 107], // green
  street_company: [59, 130, 206], // blue
  self_managed: [104, 192, 200], // teal
  none: [255, 84, 38], // orange-red: the compounds the plan asks to cover
};

/** Party-service stations: party red and gold, distinct from the orange-red of unmanaged compounds. */
export const STATION_KIND_COLORS: Record<StationKind, { fill: Rgb; line: Rgb }> = {
  district_centre: { fill: [250, 204, 21], line: [153, 27, 27] },
  street_centre: { fill: [200, 16, 46], line: [250, 204, 21] },
  community_station: { fill: [236, 72, 100], line: [255, 255, 255] },
  compound_station: { fill: [255, 255, 255], line: [200, 16, 46] },
};

/** Marker radius in pixels per station kind, largest for the district centre. */
export const STATION_KIND_RADII: Record<StationKind, number> = {
  district_centre: 10,
  street_centre: 7.5,
  community_station: 5,
  compound_station: 3.5,
};

export const UI_COLORS = {
  background: '#0b1424',
  panel: 'rgba(13, 24, 42, 0.92)',
  text: '#e6edf7',
  textMuted: '#8fa3bf',
  gridLine: '#223651',
  accent: '#c8102e', // party red
  gold: '#facc15',
} as const;

/** `[r, g, b]` → `rgb(r, g, b)` for CSS and ECharts. */
export function toCssColor([r, g, b]: Rgb): string {
  return `rgb(${r}, ${g}, ${b})`;
}
