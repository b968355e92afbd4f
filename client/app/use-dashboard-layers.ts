import type { Layer } from '@deck.gl/core';
import { useMemo } from 'react';
import type { CoverageSummary, LayerCollections } from '../../common/api.ts';
import type { CameraCollection } from '../features/cameras/cameras-api.ts';
import { createCamerasLayer } from '../features/cameras/cameras-layer.ts';
import type { CompoundCollection } from '../features/compounds/compounds-api.ts';
import {
  createCompoundsLayer,
  createSelectedCompoundLayer,
} from '../features/compounds/compounds-layer.ts';
import {
  createStreetCoverageLayer,
  toStreetCoverage,
} from '../features/coverage/coverage-layer.ts';
import type { StationCollection } from '../features/stations/stations-api.ts';
import {
  createStationsLayer,
  sortStationsForDrawing,
} from '../features/stations/stations-layer.ts';
import type { ApiState } from '../lib/use-api-query.ts';
import type { LayerVisibility } from './layers-panel.tsx';

export type DashboardData = {
  streets: ApiState<LayerCollections['streets']>;
  compounds: ApiState<CompoundCollection>;
  stations: ApiState<StationCollection>;
  cameras: ApiState<CameraCollection>;
  coverage: ApiState<CoverageSummary>;
};

export type DashboardLayerOptions = {
  visibility: LayerVisibility;
  /** the compound open in the side panel */
  selectedId: number | null;
  /** its nearest station, highlighted */
  nearestStationId: number | null;
  streetLabelsLayer: Layer;
  communityLabelsLayer: Layer;
};

const NO_COMPOUNDS: CompoundCollection['features'] = [];

/**
 * The command map's deck.gl layers, bottom to top: street coverage, compounds and the selected
 * one, community names, cameras, stations, street names.
 */
export function useDashboardLayers(
  { streets, compounds, stations, cameras, coverage }: DashboardData,
  options: DashboardLayerOptions,
) {
  const { visibility, selectedId, nearestStationId } = options;
  const compoundFeatures = compounds.status === 'ready' ? compounds.data.features : NO_COMPOUNDS;
  const stationFeatures = useMemo(
    () => (stations.status === 'ready' ? sortStationsForDrawing(stations.data.features) : []),
    [stations],
  );
  const cameraFeatures = useMemo(
    () => (cameras.status === 'ready' ? cameras.data.features : []),
    [cameras],
  );
  const streetCoverage = useMemo(
    () =>
      streets.status === 'ready' && coverage.status === 'ready'
        ? toStreetCoverage(streets.data.features, coverage.data)
        : [],
    [streets, coverage],
  );
  const { streetLabelsLayer, communityLabelsLayer } = options;
  return useMemo(
    () => [
      createStreetCoverageLayer(streetCoverage, { visible: visibility.coverage }),
      createCompoundsLayer(compoundFeatures, { selectedId, visible: visibility.compounds }),
      createSelectedCompoundLayer(compoundFeatures, {
        selectedId,
        visible: visibility.compounds,
      }),
      communityLabelsLayer,
      createCamerasLayer(cameraFeatures, {
        selectedCompoundId: selectedId,
        visible: visibility.cameras,
      }),
      // community names under station markers, street names over them: a street name with its
      // halo still reads across a marker, and it orients the whole map
      createStationsLayer(stationFeatures, {
        selectedId: nearestStationId,
        visible: visibility.stations,
      }),
      streetLabelsLayer,
    ],
    [
      streetCoverage,
      compoundFeatures,
      selectedId,
      visibility,
      communityLabelsLayer,
      cameraFeatures,
      stationFeatures,
      nearestStationId,
      streetLabelsLayer,
    ],
  );
}
