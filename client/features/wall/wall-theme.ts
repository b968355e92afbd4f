import { UI_COLORS } from '../../lib/theme.ts';

// the wall's chart styling: larger type than the desk pages (read from across a room), cyan
// "tech" accents over the dark navy, party red and gold for what matters.

export const WALL_COLORS = {
  accent: '#36cfff', // cyan: neutral figures
  accentSoft: 'rgba(54, 207, 255, 0.18)',
  resolved: '#2ee6a6', // green: done
  gold: UI_COLORS.gold,
  red: '#ff4d5a',
  text: UI_COLORS.text,
  muted: UI_COLORS.textMuted,
  grid: 'rgba(54, 120, 190, 0.25)',
  track: 'rgba(54, 120, 190, 0.18)',
} as const;

export const WALL_AXIS_LABEL = { color: WALL_COLORS.muted, fontSize: 13 };
export const WALL_LEGEND_TEXT = { color: WALL_COLORS.text, fontSize: 13 };
export const WALL_SPLIT_LINE = { lineStyle: { color: WALL_COLORS.grid, type: 'dashed' as const } };

/** 0..1 → percent with one decimal, as plotted and labelled. */
export function toPercent(share: number): number {
  return Math.round(share * 1000) / 10;
}
