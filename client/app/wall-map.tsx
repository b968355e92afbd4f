import { useCallback, useMemo, useState } from 'react';
import type { LayerCollections } from '../../common/api.ts';
import { COVERAGE_MODES } from '../../common/domain.ts';
import type { BBox } from '../../common/geo.ts';
import {
  createStreetLabelsLayer,
  placeBoundaryLabels,
  toBoundaryLabels,
} from '../features/boundaries/boundaries-layer.ts';
import {
  BOUNDARY_SOURCES,
  BOUNDARY_STYLE_LAYERS,
} from '../features/boundaries/boundaries-style.ts';
import type { CompoundCollection } from '../features/compounds/compounds-api.ts';
import { createCompoundsLayer } from '../features/compounds/compounds-layer.ts';
import { CommandFeedPanel } from '../features/command-feed/command-feed-panel.tsx';
import type { StationCollection } from '../features/stations/stations-api.ts';
import {
  createStationsLayer,
  sortStationsForDrawing,
} from '../features/stations/stations-layer.ts';
import { measureBatchDrawn, measureBatchUpdate } from '../features/wall/batch-timing.ts';
import { hexbin } from '../features/wall/hexbin.ts';
import type { LiveEventData } from '../features/wall/live-events.ts';
import type { Pulse } from '../features/wall/use-wall-alarms.ts';
import type { Alarm } from '../features/wall/wall-alarm.ts';
import { useWallHistory } from '../features/wall/wall-api.ts';
import {
  HISTORY_HEX_RADIUS_M,
  createHistoryHexLayer,
  createLiveEventsLayer,
} from '../features/wall/wall-layers.ts';
import { featureBounds } from '../../geometry/bounds.ts';
import { COVERAGE_MODE_COLORS, GRADE_COLORS, toCssColor } from '../lib/theme.ts';
import type { ApiState } from '../lib/use-api-query.ts';
import { useI18n } from '../lib/use-i18n.tsx';
import { BaseMap, createMapStyle } from '../map/base-map.tsx';
import { CameraFly } from '../map/camera-fly.tsx';
import { DeckOverlay } from '../map/deck-overlay.tsx';
import { PulsingRings, type PulsingRing } from '../map/pulsing-rings.tsx';

const MAP_STYLE = createMapStyle({ sources: BOUNDARY_SOURCES, layers: BOUNDARY_STYLE_LAYERS });
const MAP_PADDING = { top: 24, right: 24, bottom: 24, left: 24 };
// district and street centres only: 80-odd community stations would drown the events' colours
const WALL_STATION_KINDS = new Set(['district_centre', 'street_centre']);
const PULSE_MS = 60_000; // a new event's ring pulses this long
const NO_COMPOUNDS: CompoundCollection['features'] = [];

export type WallMapProps = {
  token: string;
  /** the command feed's queue shows in a corner for these users */
  showFeed: boolean;
  boundaries: {
    district: ApiState<LayerCollections['district']>;
    streets: ApiState<LayerCollections['streets']>;
    communities: ApiState<LayerCollections['communities']>;
  };
  compounds: ApiState<CompoundCollection>;
  stations: ApiState<StationCollection>;
  /** the live events and their buffer's version */
  live: { data: LiveEventData; version: number };
  alarms: readonly Alarm[];
  pulses: readonly Pulse[];
  now: number;
  /** the tour's street (null = district): the camera flies there */
  streetCode: string | null;
  historyDays: number;
  pixelRatio: number;
  /** the map fitted the district once */
  ready: boolean;
  onFitted: () => void;
};

/**
 * The wall's map: history as hexagons, compounds, the district and street centres, the live
 * events, pulsing rings for new reports and alarms, street labels, the legends and (for the
 * command centre) the command feed's queue.
 */
export function WallMap(props: WallMapProps) {
  const { t } = useI18n();
  const { district, streets, communities } = props.boundaries;
  const { compounds, stations, live, alarms, pulses, now, streetCode, pixelRatio } = props;

  const geojson = useMemo(
    () => ({
      district: district.status === 'ready' ? district.data : undefined,
      streets: streets.status === 'ready' ? streets.data : undefined,
      communities: communities.status === 'ready' ? communities.data : undefined,
    }),
    [district, streets, communities],
  );
  const districtBounds = useMemo(
    () => (district.status === 'ready' ? featureBounds(district.data.features) : null),
    [district],
  );
  const viewBounds = useMemo<BBox | null>(() => {
    if (streetCode === null || streets.status !== 'ready') return districtBounds;
    const street = streets.data.features.filter((f) => f.properties.code === streetCode);
    return street.length > 0 ? featureBounds(street) : districtBounds;
  }, [streetCode, streets, districtBounds]);

  const compoundFeatures = compounds.status === 'ready' ? compounds.data.features : NO_COMPOUNDS;
  const stationFeatures = useMemo(
    () =>
      stations.status === 'ready'
        ? sortStationsForDrawing(
            stations.data.features.filter((f) => WALL_STATION_KINDS.has(f.properties.kind ?? '')),
          )
        : [],
    [stations],
  );
  const streetLabels = useMemo(
    () => (streets.status === 'ready' ? toBoundaryLabels(streets.data.features) : []),
    [streets],
  );
  const [zoom, setZoom] = useState(12);
  const onZoom = useCallback((value: number) => setZoom(Math.floor(value * 4) / 4), []);
  const shownStreetLabels = useMemo(
    () =>
      placeBoundaryLabels(streetLabels, [], { zoom, showStreets: true, showCommunities: false })
        .streets,
    [streetLabels, zoom],
  );
  const pulseClock = Math.floor(now / 5000) * 5000;
  const rings = useMemo<PulsingRing[]>(() => {
    const alarmIds = new Set(alarms.map((a) => a.event.id));
    return [
      ...pulses.filter((p) => pulseClock - p.at < PULSE_MS && !alarmIds.has(Number(p.key))),
      ...alarms.map((a) => ({
        key: a.event.id,
        position: a.event.location,
        color: toCssColor(GRADE_COLORS[a.event.grade]),
      })),
    ];
  }, [pulses, pulseClock, alarms]);
  const history = useWallHistory(props.token, props.historyDays);
  const historyBins = useMemo(
    () => (history ? hexbin(history.positions, HISTORY_HEX_RADIUS_M) : []),
    [history],
  );
  // one layer instance per input: a live batch changes only the live layer's props
  const historyLayer = useMemo(() => createHistoryHexLayer(historyBins), [historyBins]);
  const baseLayers = useMemo(
    () => [
      createCompoundsLayer(compoundFeatures, { selectedId: null }),
      createStationsLayer(stationFeatures, { selectedId: null }),
    ],
    [compoundFeatures, stationFeatures],
  );
  const labelsLayer = useMemo(
    () => createStreetLabelsLayer(streetLabels, { visible: true, shownCodes: shownStreetLabels }),
    [streetLabels, shownStreetLabels],
  );
  const liveLayer = useMemo(
    () => createLiveEventsLayer(live.data, live.version),
    [live.data, live.version],
  );
  const layers = useMemo(
    () => [historyLayer, ...baseLayers, liveLayer, labelsLayer],
    [historyLayer, baseLayers, liveLayer, labelsLayer],
  );

  return (
    <div className="wall-map">
      <BaseMap
        style={MAP_STYLE}
        geojson={geojson}
        fitBounds={districtBounds}
        fitPadding={MAP_PADDING}
        onFitted={props.onFitted}
        onZoom={onZoom}
        pixelRatio={pixelRatio}
        state={props.ready ? 'ready' : 'loading'}
        label={t('wall.map')}
      >
        <DeckOverlay
          layers={layers}
          useDevicePixels={pixelRatio}
          onBeforeRender={measureBatchUpdate}
          onAfterRender={measureBatchDrawn}
        />
        <PulsingRings rings={rings} />
        {props.ready && <CameraFly bounds={viewBounds} padding={MAP_PADDING} />}
      </BaseMap>
      {props.showFeed && (
        <div className="wall-feed">
          <CommandFeedPanel token={props.token} canRetry={false} compact />
        </div>
      )}
      <WallLegends />
    </div>
  );
}

function WallLegends() {
  const { t } = useI18n();
  return (
    <>
      <div className="wall-map__legend wall-map__legend--left" aria-hidden="true">
        {COVERAGE_MODES.map((mode) => (
          <span key={mode}>
            <i
              className="wall-map__swatch"
              style={{ background: toCssColor(COVERAGE_MODE_COLORS[mode]) }}
            />
            {t(`coverageMode.${mode}`)}
          </span>
        ))}
      </div>
      <div className="wall-map__legend" aria-hidden="true">
        {(['L1', 'L2', 'L3', 'L4'] as const).map((grade) => (
          <span key={grade}>
            <i style={{ background: toCssColor(GRADE_COLORS[grade]) }} />
            {t(`grade.${grade}`)}
          </span>
        ))}
      </div>
    </>
  );
}
