import type { Position } from '../../common/geo.ts';

/** A label to place: its anchor, the size of its box in pixels and how much it matters. */
export type LabelCandidate = {
  position: Position;
  width: number;
  height: number;
  /** from the anchor to the centre of the box, in pixels (y down) */
  offset: readonly [number, number];
  /** higher is placed first */
  priority: number;
};

const TILE_SIZE = 512; // MapLibre's world is 512 px wide at zoom 0

/**
 * Which labels to draw at a zoom so that no two boxes overlap: greedy by priority (ties keep input
 * order), in Web Mercator pixels. Relative screen positions depend on the zoom only, so the result
 * holds while panning, and at any higher zoom (labels only move apart).
 * @example declutterLabels([a, b], 12) // [true, false] when b overlaps the higher-priority a
 */
export function declutterLabels(
  candidates: readonly LabelCandidate[],
  zoom: number,
  padding = 4,
): boolean[] {
  const scale = TILE_SIZE * 2 ** zoom;
  const boxes = candidates.map((candidate) => {
    const [x, y] = toWorldPixels(candidate.position, scale);
    const cx = x + candidate.offset[0];
    const cy = y + candidate.offset[1];
    const halfWidth = candidate.width / 2 + padding;
    const halfHeight = candidate.height / 2 + padding;
    return [cx - halfWidth, cy - halfHeight, cx + halfWidth, cy + halfHeight] as const;
  });
  const order = candidates
    .map((candidate, index) => ({ index, priority: candidate.priority }))
    .sort((a, b) => b.priority - a.priority || a.index - b.index);
  const keep = candidates.map(() => false);
  const kept: (typeof boxes)[number][] = [];
  for (const { index } of order) {
    const box = boxes[index] as (typeof boxes)[number];
    const overlaps = kept.some(
      (other) => box[0] < other[2] && other[0] < box[2] && box[1] < other[3] && other[1] < box[3],
    );
    if (!overlaps) {
      keep[index] = true;
      kept.push(box);
    }
  }
  return keep;
}

function toWorldPixels([lng, lat]: Position, scale: number): [number, number] {
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
  return [((lng + 180) / 360) * scale, y * scale];
}
