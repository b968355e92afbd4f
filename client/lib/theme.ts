import type { CoverageMode, StationKind } from '../../common/domain.ts';
import type { Grade } from '../../common/grievances.ts';

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

/**
 * Video monitoring points (视频监控点): a small bright cyan dot with a dark rim, apart from the
 * desaturated teal of self-managed compounds it often sits on and from the reds and golds of stations.
 */
export const CAMERA_COLORS: { fill: Rgb; line: Rgb } = {
  fill: [34, 230, 255],
  line: [4, 47, 66],
};

/** Camera marker radius in pixels: below the smallest station, there are ~300 of them. */
export const CAMERA_RADIUS = 3;

/**
 * Grievance grades in the colours of China's four-tier emergency warnings: blue 一般, yellow 较大,
 * orange 重大, red 特别重大.
 */
export const GRADE_COLORS: Record<Grade, Rgb> = {
  L1: [56, 152, 236], // blue
  L2: [250, 204, 21], // yellow
  L3: [251, 133, 36], // orange
  L4: [239, 45, 56], // red
};

/** The ring of overdue events and countdowns past their deadline. */
export const OVERDUE_COLOR: Rgb = [255, 64, 64];

export const UI_COLORS = {
  background: '#0b1424',
  panel: 'rgba(13, 24, 42, 0.92)',
  text: '#e6edf7',
  textMuted: '#8fa3bf',
  gridLine: '#223651',
  accent: '#c8102e', // party red
  gold: '#facc15',
} as const;

/** The look of deck.gl's hover tooltips (inline styles: deck sets them on its own element). */
export const TOOLTIP_STYLE = {
  backgroundColor: 'rgba(9, 18, 34, 0.94)',
  color: '#e6edf7',
  padding: '8px 10px',
  borderRadius: '6px',
  border: '1px solid #2a4266',
  fontSize: '12px',
  maxWidth: '240px',
} as const;

/** `[r, g, b]` → `rgb(r, g, b)` for CSS and ECharts. */
export function toCssColor([r, g, b]: Rgb): string {
  return `rgb(${r}, ${g}, ${b})`;
}

/** deck.gl's hover highlight on every pickable map layer: a translucent white wash. */
export const HIGHLIGHT_COLOR: Rgba = [255, 255, 255, 96];

/** The outline of a selected map object (compound, station, camera, event): gold. */
export const SELECTED_LINE_COLOR: Rgba = [250, 204, 21, 255];
