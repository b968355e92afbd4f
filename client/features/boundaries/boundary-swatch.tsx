import { BOUNDARY_LINE_STYLES } from './boundaries-style.ts';

export type BoundarySwatchProps = { level: keyof typeof BOUNDARY_LINE_STYLES };

/** A short line in a boundary level's map style, beside its layer switch. */
export function BoundarySwatch({ level }: BoundarySwatchProps) {
  const { color, dashed } = BOUNDARY_LINE_STYLES[level];
  return (
    <span
      className="line-swatch"
      style={{ borderTop: `2px ${dashed ? 'dashed' : 'solid'} ${color}` }}
      aria-hidden="true"
    />
  );
}
