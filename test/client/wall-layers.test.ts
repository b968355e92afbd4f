import { describe, expect, it } from 'vitest';
import { LiveEventBuffer } from '../../client/features/wall/live-events.ts';
import {
  createHistoryHexLayer,
  createLiveEventsLayer,
  heatColor,
} from '../../client/features/wall/wall-layers.ts';
import { evaluateAccessor } from './evaluate-accessor.ts';
import { grievance } from './grievance-fixture.ts';

describe('createHistoryHexLayer', () => {
  it('draws flat hexagons coloured by count on a square-root ramp', () => {
    const bins = [
      { position: [118.58, 24.9] as [number, number], count: 100 },
      { position: [118.6, 24.9] as [number, number], count: 4 },
    ];
    const layer = createHistoryHexLayer(bins);
    expect(layer.id).toBe('wall-history');
    expect(layer.props.diskResolution).toBe(6);
    expect(layer.props.extruded).toBe(false);
    expect(layer.props.radius).toBe(300);
    const color = (i: number) => evaluateAccessor(layer.props.getFillColor, bins[i]!);
    expect(color(0)).toEqual([200, 245, 255, 185]);
    expect(color(1)).toEqual([25, 95, 160, 100]); // √(4/100) = 0.2 → second stop
  });

  it('colours every count on an empty max with the first stop', () => {
    expect(heatColor(0, 0)).toEqual([20, 60, 110, 70]);
  });
});

describe('createLiveEventsLayer', () => {
  it('takes binary data and updates with the buffer version, never accessors per point', () => {
    const buffer = new LiveEventBuffer(8);
    buffer.upsert([grievance(1), grievance(2)]);
    const layer = createLiveEventsLayer(buffer.toLayerData(), buffer.version);
    expect(layer.id).toBe('wall-live-events');
    expect(layer.props.data).toMatchObject({ length: 2 });
    expect(layer.props.updateTriggers).toEqual({
      getPosition: 1,
      getFillColor: 1,
      getRadius: 1,
    });
    expect(layer.props.radiusUnits).toBe('pixels');
  });
});
