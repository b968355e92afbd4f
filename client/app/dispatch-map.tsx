import type { PickingInfo } from '@deck.gl/core';
import { memo, useCallback, useMemo, useState } from 'react';
import type { CompoundFeature } from '../../common/api.ts';
import type { BBox, FeatureCollection, Position } from '../../common/geo.ts';
import type { GrievanceEvent } from '../../common/grievances.ts';
import {
  COMMUNITY_LABELS_MIN_ZOOM,
  createCommunityLabelsLayer,
  createStreetLabelsLayer,
  placeBoundaryLabels,
  type BoundaryLabel,
} from '../features/boundaries/boundaries-layer.ts';
import {} from '../features/boundaries/boundaries-style.ts';
import {
  findAreaGridAt,
  type AreaUnit,
  type DispatchArea,
} from '../features/grievances/dispatch-area.ts';
import {
  createAreaLayers,
  createCompoundContextLayer,
} from '../features/grievances/dispatch-area-layer.ts';
import { createGrievancesLayer } from '../features/grievances/grievances-layer.ts';
import {
  createReportPointLayers,
  type ReportPoint,
} from '../features/grievances/report-point-layer.ts';
import { BaseMap, INITIAL_VIEW_STATE } from '../map/base-map.tsx';
import { CameraFocus, type CameraPadding } from '../map/camera-focus.tsx';
import { DeckOverlay, type DeckOverlayProps } from '../map/deck-overlay.tsx';
import { PolygonDraw } from '../map/polygon-draw.tsx';
import { usePolygonDraft } from '../map/use-polygon-draft.ts';
import { PulsingRings, type PulsingRing } from '../map/pulsing-rings.tsx';
import { APP_MAP_STYLE } from './app-map-style.ts';

// room for the toolbar and legend above when fitting the area
const FIT_PADDING = { top: 84, right: 48, bottom: 48, left: 48 };
const FIT_MAX_ZOOM = 16.5; // one small grid fits at about this zoom; closer shows nothing more

export type DispatchMapProps = {
  label: string;
  state: string;
  geojson: Record<string, FeatureCollection | undefined>;
  bounds: BBox | null;
  area: DispatchArea | null;
  compounds: CompoundFeature[];
  streetLabels: BoundaryLabel[];
  communityLabels: BoundaryLabel[];
  events: GrievanceEvent[];
  pulseMarkers: PulsingRing[];
  selectedIds: ReadonlySet<number>;
  focusedId: number | null;
  /** a point to bring into view (an event focused from the queue) */
  focusTarget: Position | null;
  /** the part of the map covered by the drawer */
  coverPadding: CameraPadding;
  drawing: boolean;
  onDrawComplete: (ring: Position[]) => void;
  onDrawCancel: () => void;
  getTooltip: NonNullable<DeckOverlayProps['getTooltip']>;
  onEventClick: (id: number) => void;
  /** a click inside one of the area's grids, off the event markers */
  onGridClick: (grid: AreaUnit) => void;
  onFitted: () => void;
  onAfterRender: () => void;
  /** a report being made: its point, shown on the map */
  reportPoint?: ReportPoint | null;
  /** while a report is made, a tap on the map moves its point here */
  onPickPoint?: ((at: Position) => void) | null;
};

/**
 * The dispatch map: the user's area, events by grade with pulsing rings, and the selection polygon
 * being drawn. Memoised: the console re-renders every second for its countdowns, the map need not.
 */
export const DispatchMap = memo(function DispatchMap(props: DispatchMapProps) {
  const { area, events, pulseMarkers, selectedIds, focusedId, drawing } = props;
  const [zoom, setZoom] = useState<number>(INITIAL_VIEW_STATE.zoom);

  const placedLabels = useMemo(
    () =>
      placeBoundaryLabels(props.streetLabels, props.communityLabels, {
        zoom,
        showStreets: true,
        showCommunities: zoom >= COMMUNITY_LABELS_MIN_ZOOM,
      }),
    [props.streetLabels, props.communityLabels, zoom],
  );
  const contextLayers = useMemo(
    () => [
      createCompoundContextLayer(props.compounds),
      ...(area ? createAreaLayers(area) : []),
      createCommunityLabelsLayer(props.communityLabels, {
        visible: zoom >= COMMUNITY_LABELS_MIN_ZOOM,
        shownCodes: placedLabels.communities,
      }),
      createStreetLabelsLayer(props.streetLabels, {
        visible: true,
        shownCodes: placedLabels.streets,
      }),
    ],
    [props.compounds, area, props.communityLabels, props.streetLabels, zoom, placedLabels],
  );
  const eventsLayer = useMemo(
    () => createGrievancesLayer(events, { selectedIds, focusedId }),
    [events, selectedIds, focusedId],
  );
  const { onDrawComplete, onDrawCancel } = props;
  const { drawLayers, drawProps } = usePolygonDraft(drawing, onDrawComplete, onDrawCancel);
  const { reportPoint, onPickPoint } = props;
  const layers = useMemo(
    () => [
      ...contextLayers,
      eventsLayer,
      ...drawLayers,
      ...(reportPoint ? createReportPointLayers(reportPoint) : []),
    ],
    [contextLayers, eventsLayer, drawLayers, reportPoint],
  );

  const { onEventClick, onGridClick } = props;
  const onClick = useCallback(
    (info: PickingInfo) => {
      if (drawing) return;
      if (onPickPoint) {
        if (info.coordinate) onPickPoint(info.coordinate.slice(0, 2) as Position);
        return;
      }
      const object = info.object as GrievanceEvent | undefined;
      if (object && info.layer?.id === eventsLayer.id) {
        onEventClick(object.id);
        return;
      }
      // the area's grids are not pickable layers: the click's coordinate is looked up instead
      const grid =
        area && info.coordinate ? findAreaGridAt(area, info.coordinate as Position) : null;
      if (grid) onGridClick(grid);
    },
    [drawing, onPickPoint, eventsLayer.id, onEventClick, area, onGridClick],
  );
  const onZoom = useCallback((value: number) => setZoom(Math.floor(value * 4) / 4), []);

  return (
    <BaseMap
      style={APP_MAP_STYLE}
      geojson={props.geojson}
      fitBounds={props.bounds}
      fitPadding={FIT_PADDING}
      fitMaxZoom={FIT_MAX_ZOOM}
      onFitted={props.onFitted}
      onZoom={onZoom}
      controlsPosition="bottom-left"
      state={props.state}
      label={props.label}
    >
      <DeckOverlay
        layers={layers}
        getTooltip={drawing ? undefined : props.getTooltip}
        onClick={onClick}
        onAfterRender={props.onAfterRender}
      />
      <PolygonDraw {...drawProps} />
      <PulsingRings rings={pulseMarkers} />
      <CameraFocus target={props.focusTarget} padding={props.coverPadding} />
    </BaseMap>
  );
});
