import type { PickingInfo } from '@deck.gl/core';
import { memo, useCallback, useMemo, useState } from 'react';
import type { CompoundFeature } from '../../common/api.ts';
import type { BBox, FeatureCollection, Position } from '../../common/geo.ts';
import {
  COMMUNITY_LABELS_MIN_ZOOM,
  createCommunityLabelsLayer,
  createStreetLabelsLayer,
  placeBoundaryLabels,
  type BoundaryLabel,
} from '../features/boundaries/boundaries-layer.ts';
import {} from '../features/boundaries/boundaries-style.ts';
import {
  BUNDLE_HULLS_LAYER_ID,
  PLAN_COMPOUNDS_LAYER_ID,
  createBundleHullFillLayer,
  createBundleHullOutlineLayer,
  createBundleLabelsLayer,
  createNeighbourLinksLayer,
  createPlanCompoundsLayer,
  createProposalOutlineLayer,
  createSelectionLayer,
  type BundleHull,
} from '../features/bundling/bundles-layer.ts';
import type { NeighbourLink } from '../features/bundling/neighbour-links.ts';
import type { Translate } from '../lib/i18n.ts';
import { BaseMap, INITIAL_VIEW_STATE } from '../map/base-map.tsx';
import { CameraFit } from '../map/camera-fit.tsx';
import { DeckOverlay, type DeckOverlayProps } from '../map/deck-overlay.tsx';
import { PolygonDraw } from '../map/polygon-draw.tsx';
import { usePolygonDraft } from '../map/use-polygon-draft.ts';
import { APP_MAP_STYLE } from './app-map-style.ts';

const FIT_PADDING = { top: 56, right: 40, bottom: 40, left: 40 };
const FIT_MAX_ZOOM = 16.5;

export type PlanMapProps = {
  label: string;
  state: string;
  t: Translate;
  geojson: Record<string, FeatureCollection | undefined>;
  /** the picked street's bounds, or the district's; fitted whenever they change */
  bounds: BBox | null;
  compounds: CompoundFeature[];
  streetCode: string | null;
  selectedIds: ReadonlySet<number>;
  hulls: BundleHull[];
  adoptedIndex: number | null;
  links: NeighbourLink[];
  showLinks: boolean;
  /** the outline of the proposal opened in the list */
  proposalOutline: Position[] | null;
  streetLabels: BoundaryLabel[];
  communityLabels: BoundaryLabel[];
  drawing: boolean;
  onDrawComplete: (ring: Position[]) => void;
  onDrawCancel: () => void;
  onCompoundClick: (id: number) => void;
  onBundleClick: (index: number) => void;
  getTooltip: NonNullable<DeckOverlayProps['getTooltip']>;
  onFitted: () => void;
  onAfterRender: () => void;
};

/**
 * The planner's map: compounds by coverage mode (unmanaged emphasised), the neighbour graph,
 * suggested bundles as coloured hulls with labels, the selection, and the lasso being drawn.
 */
export const PlanMap = memo(function PlanMap(props: PlanMapProps) {
  const { drawing, t } = props;
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
  const baseLayers = useMemo(
    () => [
      createBundleHullFillLayer(props.hulls),
      createPlanCompoundsLayer(props.compounds, { streetCode: props.streetCode }),
      createNeighbourLinksLayer(props.links, { visible: props.showLinks }),
    ],
    [props.hulls, props.compounds, props.streetCode, props.links, props.showLinks],
  );
  const overLayers = useMemo(
    () => [
      createBundleHullOutlineLayer(props.hulls, { focusedIndex: props.adoptedIndex }),
      createSelectionLayer(props.compounds, { selectedIds: props.selectedIds }),
      createProposalOutlineLayer(props.proposalOutline),
      createCommunityLabelsLayer(props.communityLabels, {
        visible: zoom >= COMMUNITY_LABELS_MIN_ZOOM,
        shownCodes: placedLabels.communities,
      }),
      createStreetLabelsLayer(props.streetLabels, {
        visible: true,
        shownCodes: placedLabels.streets,
      }),
      createBundleLabelsLayer(props.hulls, t),
    ],
    [
      props.hulls,
      props.adoptedIndex,
      props.compounds,
      props.selectedIds,
      props.proposalOutline,
      props.communityLabels,
      props.streetLabels,
      placedLabels,
      zoom,
      t,
    ],
  );
  const { onDrawComplete, onDrawCancel } = props;
  const { drawLayers, drawProps } = usePolygonDraft(drawing, onDrawComplete, onDrawCancel);
  const layers = useMemo(
    () => [...baseLayers, ...overLayers, ...drawLayers],
    [baseLayers, overLayers, drawLayers],
  );

  const { onCompoundClick, onBundleClick } = props;
  const onClick = useCallback(
    (info: PickingInfo) => {
      if (drawing || !info.object) return;
      if (info.layer?.id === PLAN_COMPOUNDS_LAYER_ID) {
        onCompoundClick((info.object as CompoundFeature).properties.id);
      } else if (info.layer?.id === BUNDLE_HULLS_LAYER_ID) {
        onBundleClick((info.object as BundleHull).index);
      }
    },
    [drawing, onCompoundClick, onBundleClick],
  );
  const onZoom = useCallback((value: number) => setZoom(Math.floor(value * 4) / 4), []);

  return (
    <BaseMap
      style={APP_MAP_STYLE}
      geojson={props.geojson}
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
      <CameraFit
        bounds={props.bounds}
        padding={FIT_PADDING}
        maxZoom={FIT_MAX_ZOOM}
        onFitted={props.onFitted}
      />
    </BaseMap>
  );
});
