import type { PickingInfo } from '@deck.gl/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LoginResult } from '../../common/auth.ts';
import type { FeatureCollection } from '../../common/geo.ts';
import { useBoundaryLayer } from '../features/boundaries/boundaries-api.ts';
import { BoundarySwatch } from '../features/boundaries/boundary-swatch.tsx';
import {
  BOUNDARY_TOGGLE_LAYERS,
  COMMUNITIES_MIN_ZOOM,
  GRIDS_MIN_ZOOM,
} from '../features/boundaries/boundaries-style.ts';
import { useBoundaryLabelLayers } from '../features/boundaries/use-boundary-label-layers.ts';
import { useCamerasLayer } from '../features/cameras/cameras-api.ts';
import { CamerasLegend } from '../features/cameras/cameras-legend.tsx';
import { CompoundPanel } from '../features/compounds/compound-panel.tsx';
import { useCompoundDetail, useCompoundsLayer } from '../features/compounds/compounds-api.ts';
import { CompoundsLegend, countByCoverageMode } from '../features/compounds/compounds-legend.tsx';
import { CoverageLegend } from '../features/coverage/coverage-legend.tsx';
import { CoveragePanel } from '../features/coverage/coverage-panel.tsx';
import { useCoverageSummary } from '../features/coverage/coverage-api.ts';
import { useStationsLayer } from '../features/stations/stations-api.ts';
import { StationsLegend } from '../features/stations/stations-legend.tsx';
import type { ApiState } from '../lib/use-api-query.ts';
import { useI18n } from '../lib/use-i18n.tsx';
import { BaseMap, INITIAL_VIEW_STATE } from '../map/base-map.tsx';
import { DeckOverlay } from '../map/deck-overlay.tsx';
import { APP_MAP_STYLE } from './app-map-style.ts';
import { compoundOfClick, getDashboardTooltip } from './dashboard-picking.ts';
import { LayersPanel, type LayerVisibility, type ToggleableLayer } from './layers-panel.tsx';
import { MapStatus } from './map-status.tsx';
import { useDashboardLayers } from './use-dashboard-layers.ts';
import { useReadyState } from './use-ready-state.ts';
import { DashboardPhoneSwitch, type DashboardPanel } from './dashboard-phone-switch.tsx';
import { useAreaFit } from './use-area-fit.ts';

const DEFAULT_VISIBILITY: LayerVisibility = {
  streets: true,
  communities: true,
  grids: true,
  compounds: true,
  stations: true,
  // ~300 points, one per managed compound gate: at district zoom they bury the compound colours
  // and the station markers, so an operator turns them on when looking for a camera (fetched then)
  cameras: false,
  coverage: false, // a thematic view, on demand
};

// room for the floating panels (left: layers, right: coverage or details) when fitting the district
const FIT_PADDING = { top: 36, right: 392, bottom: 36, left: 328 };

export type DashboardProps = { session: LoginResult };

/** The command map: boundaries, compounds and stations, the layer panel, coverage and details. */
export function Dashboard({ session }: DashboardProps) {
  const { t } = useI18n();
  const district = useBoundaryLayer('district');
  const streets = useBoundaryLayer('streets');
  const communities = useBoundaryLayer('communities');
  const grids = useBoundaryLayer('grids');
  const compounds = useCompoundsLayer();
  const stations = useStationsLayer();
  const coverage = useCoverageSummary();

  const [visibility, setVisibility] = useState(DEFAULT_VISIBILITY);
  const [camerasRequested, setCamerasRequested] = useState(DEFAULT_VISIBILITY.cameras);
  const cameras = useCamerasLayer(session, camerasRequested);
  const [zoom, setZoom] = useState<number>(INITIAL_VIEW_STATE.zoom);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const detail = useCompoundDetail(selectedId, session.token);

  const layerStates = [district, streets, communities, grids, compounds, stations];
  const failure = [...layerStates, cameras].find((state) => state.status === 'error');
  const allLoaded = layerStates.every((state) => state.status === 'ready');
  const readyState = useReadyState(allLoaded, failure !== undefined);

  const geojson = useMemo(
    () => ({
      district: dataOf(district),
      streets: dataOf(streets),
      communities: dataOf(communities),
      grids: dataOf(grids),
    }),
    [district, streets, communities, grids],
  );
  const fit = useAreaFit(session.user.scope, allLoaded ? geojson : null, FIT_PADDING);
  const [phonePanel, setPhonePanel] = useState<DashboardPanel>(null);
  const layerVisibility = useMemo(() => {
    const styleVisibility: Record<string, boolean> = {};
    for (const [toggle, layerIds] of Object.entries(BOUNDARY_TOGGLE_LAYERS)) {
      for (const id of layerIds) styleVisibility[id] = visibility[toggle as ToggleableLayer];
    }
    return styleVisibility;
  }, [visibility]);

  const compoundFeatures = compounds.status === 'ready' ? compounds.data.features : null;
  const modeCounts = useMemo(
    () => (compoundFeatures ? countByCoverageMode(compoundFeatures) : null),
    [compoundFeatures],
  );
  const nearestStationId =
    detail.status === 'ready' ? (detail.data.nearestStation?.id ?? null) : null;
  const labelLayers = useBoundaryLabelLayers(streets, communities, zoom, visibility);
  const layers = useDashboardLayers(
    { streets, compounds, stations, cameras, coverage },
    { visibility, selectedId, nearestStationId, ...labelLayers },
  );
  const getTooltip = useCallback((info: PickingInfo) => getDashboardTooltip(info, t), [t]);
  const onClick = useCallback((info: PickingInfo) => {
    const id = compoundOfClick(info);
    if (id !== undefined) setSelectedId(id);
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setSelectedId(null);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const onZoom = useCallback((value: number) => setZoom(Math.floor(value * 4) / 4), []);
  const onToggle = useCallback((layer: ToggleableLayer) => {
    if (layer === 'cameras') setCamerasRequested(true);
    setVisibility((current) => ({ ...current, [layer]: !current[layer] }));
  }, []);
  const selectedName =
    compoundFeatures?.find((compound) => compound.properties.id === selectedId)?.properties.name ??
    null;

  return (
    <main className="dashboard">
      <BaseMap
        style={APP_MAP_STYLE}
        geojson={geojson}
        layerVisibility={layerVisibility}
        fitBounds={fit.bounds}
        fitPadding={fit.padding}
        onFitted={readyState.onFitted}
        onZoom={onZoom}
        controlsPosition="bottom-left"
        state={readyState.state}
        label={t('app.title')}
      >
        <DeckOverlay
          layers={layers}
          getTooltip={getTooltip}
          onClick={onClick}
          onAfterRender={readyState.onAfterRender}
        />
      </BaseMap>

      <DashboardPhoneSwitch open={phonePanel} onChange={setPhonePanel} />
      <div className={`dashboard__left${phonePanel === 'layers' ? ' is-open' : ''}`}>
        <LayersPanel
          visibility={visibility}
          onToggle={onToggle}
          hiddenBelowZoom={{
            communities: zoom < COMMUNITIES_MIN_ZOOM ? COMMUNITIES_MIN_ZOOM : undefined,
            grids: zoom < GRIDS_MIN_ZOOM ? GRIDS_MIN_ZOOM : undefined,
          }}
          legends={{
            compounds: <CompoundsLegend counts={modeCounts} />,
            stations: <StationsLegend />,
            cameras: (
              <CamerasLegend
                count={cameras.status === 'ready' ? cameras.data.features.length : null}
              />
            ),
            coverage: <CoverageLegend />,
          }}
          swatches={{
            streets: <BoundarySwatch level="streets" />,
            communities: <BoundarySwatch level="communities" />,
            grids: <BoundarySwatch level="grids" />,
          }}
        />
      </div>

      <div
        className={`dashboard__right${phonePanel === 'overview' || selectedId !== null ? ' is-open' : ''}`}
      >
        {selectedId === null ? (
          <CoveragePanel summary={coverage} />
        ) : (
          <CompoundPanel name={selectedName} detail={detail} onClose={() => setSelectedId(null)} />
        )}
      </div>

      <MapStatus state={readyState.state} failure={failure} />
    </main>
  );
}

function dataOf<T extends FeatureCollection>(state: ApiState<T>): T | undefined {
  return state.status === 'ready' ? state.data : undefined;
}
