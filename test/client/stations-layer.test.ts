import { describe, expect, it } from 'vitest';
import type { StationFeature } from '../../common/api.ts';
import type { StationKind } from '../../common/domain.ts';
import {
  createStationsLayer,
  sortStationsForDrawing,
} from '../../client/features/stations/stations-layer.ts';
import { evaluateAccessor } from './evaluate-accessor.ts';

function station(id: number, kind?: StationKind): StationFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [118.58 + id / 1000, 24.9] },
    properties: { id, name: `站点${id}`, kind },
  };
}

const STATIONS = [
  station(1, 'district_centre'),
  station(2, 'street_centre'),
  station(3, 'community_station'),
  station(4, 'compound_station'),
];

describe('createStationsLayer', () => {
  it('creates the pickable "stations" layer over every station', () => {
    const layer = createStationsLayer(STATIONS, { selectedId: null });
    expect(layer.id).toBe('stations');
    expect((layer.props.data as StationFeature[]).length).toBe(4);
    expect(layer.props.pickable).toBe(true);
    expect(layer.props.radiusUnits).toBe('pixels');
  });

  it('sizes and colours markers by kind', () => {
    const layer = createStationsLayer(STATIONS, { selectedId: null });
    const getRadius = (s: StationFeature) => evaluateAccessor(layer.props.getRadius, s);
    const getFillColor = (s: StationFeature) => evaluateAccessor(layer.props.getFillColor, s);
    const getLineColor = (s: StationFeature) => evaluateAccessor(layer.props.getLineColor, s);
    expect(STATIONS.map(getRadius)).toEqual([10, 7.5, 5, 3.5]);
    expect(STATIONS.map(getFillColor)).toEqual([
      [250, 204, 21, 255],
      [200, 16, 46, 255],
      [236, 72, 100, 255],
      [255, 255, 255, 255],
    ]);
    expect(STATIONS.map(getLineColor)).toEqual([
      [153, 27, 27, 255],
      [250, 204, 21, 255],
      [255, 255, 255, 255],
      [200, 16, 46, 255],
    ]);
  });

  it('draws a station without kind as a compound service point', () => {
    const layer = createStationsLayer([station(9)], { selectedId: null });
    expect(evaluateAccessor(layer.props.getRadius, station(9))).toBe(3.5);
  });

  it('rings the selected station in gold and enlarges it', () => {
    const layer = createStationsLayer(STATIONS, { selectedId: 3 });
    const selected = station(3, 'community_station');
    expect(evaluateAccessor(layer.props.getLineColor, selected)).toEqual([250, 204, 21, 255]);
    expect(evaluateAccessor(layer.props.getLineWidth, selected)).toBe(3);
    expect(evaluateAccessor(layer.props.getRadius, selected)).toBe(8);
    expect(layer.props.updateTriggers).toEqual({
      getRadius: [3],
      getLineColor: [3],
      getLineWidth: [3],
    });
  });
});

describe('sortStationsForDrawing', () => {
  it('puts small kinds first so centres are drawn on top, without touching the input', () => {
    const input = [...STATIONS];
    const sorted = sortStationsForDrawing(input);
    expect(sorted.map((s) => s.properties.id)).toEqual([4, 3, 2, 1]);
    expect(input.map((s) => s.properties.id)).toEqual([1, 2, 3, 4]);
  });
});
