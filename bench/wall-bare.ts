// The baseline page of bench/wall.ts: the wall's deck.gl layers alone (history hexagons, the
// compounds, the live events) on a bare Deck with no base map, React, panels or charts, fed by
// the same socket stream and updated the same way (LiveEventBuffer batches per animation frame).
// Built by bench/wall.ts with vite and served beside the app; the session token comes in the URL.
import { Deck, WebMercatorViewport } from '@deck.gl/core';
import type { LayerCollections } from '../common/api.ts';
import type { GrievanceEvent } from '../common/grievances.ts';
import type { WallHistory } from '../common/wall.ts';
import { createCompoundsLayer } from '../client/features/compounds/compounds-layer.ts';
import {
  markBatchStart,
  measureBatchDrawn,
  measureBatchUpdate,
} from '../client/features/wall/batch-timing.ts';
import { hexbin } from '../client/features/wall/hexbin.ts';
import { LiveEventBuffer } from '../client/features/wall/live-events.ts';
import {
  HISTORY_HEX_RADIUS_M,
  createHistoryHexLayer,
  createLiveEventsLayer,
} from '../client/features/wall/wall-layers.ts';
import { featureBounds } from '../geometry/bounds.ts';
import { connectSocket } from '../client/lib/socket.ts';

declare global {
  interface Window {
    __bareReady?: boolean;
  }
}
window.__wallBench = true;

const params = new URLSearchParams(location.search);
const token = params.get('token') ?? '';
const days = Number(params.get('history') ?? 90);
const get = async <T>(path: string): Promise<T> => {
  const res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  return (await res.json()) as T;
};

const [district, compounds, history] = await Promise.all([
  get<LayerCollections['district']>('/api/layers/district'),
  get<LayerCollections['compounds']>('/api/layers/compounds?fields=coverageMode'),
  get<WallHistory>(`/api/wall/history?days=${days}`),
]);
const [minLng, minLat, maxLng, maxLat] = featureBounds(district.features)!;
const view = new WebMercatorViewport({ width: innerWidth, height: innerHeight }).fitBounds(
  [
    [minLng, minLat],
    [maxLng, maxLat],
  ],
  { padding: 40 },
);
const historyLayer = createHistoryHexLayer(hexbin(history.positions, HISTORY_HEX_RADIUS_M));
const compoundsLayer = createCompoundsLayer(compounds.features, { selectedId: null });
const live = new LiveEventBuffer();

const deck = new Deck({
  initialViewState: { longitude: view.longitude, latitude: view.latitude, zoom: view.zoom },
  controller: false,
  layers: [historyLayer, compoundsLayer],
  onBeforeRender: measureBatchUpdate,
  onAfterRender: measureBatchDrawn,
});

const render = () =>
  deck.setProps({
    layers: [historyLayer, compoundsLayer, createLiveEventsLayer(live.toLayerData(), live.version)],
  });

let pending: GrievanceEvent[] = [];
let frame: number | null = null;
const flush = () => {
  frame = null;
  markBatchStart();
  const events = pending;
  pending = [];
  if (live.upsert(events)) render();
};
const take = (events: GrievanceEvent[]) => {
  pending.push(...events);
  frame ??= requestAnimationFrame(flush);
};
const socket = connectSocket(token);
socket.on('grievance:reported', (event) => take([event]));
socket.on('grievance:updated', (event) => take([event]));
socket.on('connect', () => {
  window.__bareReady = true;
});
render();
