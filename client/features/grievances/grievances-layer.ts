import { ScatterplotLayer } from '@deck.gl/layers';
import type { Grade, GrievanceEvent } from '../../../common/grievances.ts';
import {
  HIGHLIGHT_COLOR,
  SELECTED_LINE_COLOR,
  GRADE_COLORS,
  OVERDUE_COLOR,
  toCssColor,
  type Rgb,
  type Rgba,
} from '../../lib/theme.ts';
import type { PulsingRing } from '../../map/pulsing-rings.tsx';
import { isOpenState } from './allowed-actions.ts';
import { isOverdue } from './event-filter.ts';

export const GRIEVANCES_LAYER_ID = 'grievances';

/** Marker radius in pixels per grade: the graver, the larger. */
export const GRADE_RADII: Record<Grade, number> = { L1: 7, L2: 8, L3: 9, L4: 10 };
const OPEN_ALPHA = 235;
const FINISHED_ALPHA = 110; // resolved and closed events stay on the map, dimmed
const LINE_COLOR: Rgba = [8, 16, 30, 255]; // a dark edge separates touching markers
const FOCUSED_LINE_COLOR: Rgba = [255, 255, 255, 255];
const LINE_WIDTH = 1.5; // pixels
const SELECTED_LINE_WIDTH = 3;
const FOCUSED_RADIUS_GAIN = 4;

export type GrievancesLayerOptions = {
  /** events picked by area, grid or checkbox, ringed in gold */
  selectedIds: ReadonlySet<number>;
  /** the event open in the drawer, enlarged and ringed in white */
  focusedId: number | null;
};

/** Grievance events as markers coloured by grade; pickable for the tooltip and the drawer. */
export function createGrievancesLayer(
  events: GrievanceEvent[],
  { selectedIds, focusedId }: GrievancesLayerOptions,
) {
  return new ScatterplotLayer<GrievanceEvent>({
    id: GRIEVANCES_LAYER_ID,
    data: events,
    pickable: true,
    autoHighlight: true,
    highlightColor: HIGHLIGHT_COLOR,
    stroked: true,
    filled: true,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    getPosition: (event) => event.location,
    getRadius: (event) =>
      GRADE_RADII[event.grade] + (event.id === focusedId ? FOCUSED_RADIUS_GAIN : 0),
    getFillColor: (event) =>
      withAlpha(GRADE_COLORS[event.grade], isOpenState(event.state) ? OPEN_ALPHA : FINISHED_ALPHA),
    getLineColor: (event) =>
      event.id === focusedId
        ? FOCUSED_LINE_COLOR
        : selectedIds.has(event.id)
          ? SELECTED_LINE_COLOR
          : LINE_COLOR,
    getLineWidth: (event) =>
      event.id === focusedId || selectedIds.has(event.id) ? SELECTED_LINE_WIDTH : LINE_WIDTH,
    updateTriggers: {
      getRadius: [focusedId],
      getLineColor: [focusedId, selectedIds],
      getLineWidth: [focusedId, selectedIds],
    },
  });
}

/** At most this many rings pulse (the soonest deadlines first): each one is a DOM element. */
export const MAX_PULSING_EVENTS = 200;

/**
 * Rings for the events that pulse at `now`: new ones waiting to be accepted (in their grade's
 * colour) and overdue ones (in red). Give it events in queue order; compute it when the events
 * change, not per frame.
 */
export function toPulseMarkers(events: readonly GrievanceEvent[], now: number): PulsingRing[] {
  const rings: PulsingRing[] = [];
  for (const event of events) {
    if (rings.length === MAX_PULSING_EVENTS) break;
    const overdue = isOverdue(event, now);
    if (!overdue && event.state !== 'reported') continue;
    const color = toCssColor(overdue ? OVERDUE_COLOR : GRADE_COLORS[event.grade]);
    rings.push({ key: event.id, position: event.location, color });
  }
  return rings;
}

function withAlpha([r, g, b]: Rgb, alpha: number): Rgba {
  return [r, g, b, alpha];
}
