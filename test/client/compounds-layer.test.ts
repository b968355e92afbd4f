import { describe, expect, it } from 'vitest';
import type { CompoundFeature } from '../../common/api.ts';
import {
  createCompoundsLayer,
  createSelectedCompoundLayer,
  getCompoundFillColor,
} from '../../client/features/compounds/compounds-layer.ts';
import { evaluateAccessor } from './evaluate-accessor.ts';

function compound(id: number, coverageMode?: CompoundFeature['properties']['coverageMode']) {
  const feature: CompoundFeature = {
    type: 'Feature',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [118.58, 24.9],
          [118.581, 24.9],
          [118.581, 24.901],
          [118.58, 24.9],
        ],
      ],
    },
    properties: { id, name: `小区${id}`, coverageMode, households: 100, buildings: 2 },
  };
  return feature;
}

const PROFESSIONAL = compound(1, 'professional');
const UNMANAGED = compound(2, 'none');
const SELF_MANAGED = compound(3, 'self_managed');
const COMPOUNDS = [PROFESSIONAL, UNMANAGED, SELF_MANAGED];

describe('createCompoundsLayer', () => {
  it('creates the pickable "compounds" layer over every compound', () => {
    const layer = createCompoundsLayer(COMPOUNDS, { selectedId: null });
    expect(layer.id, 'stable domain id').toBe('compounds');
    expect(layer.props.data, 'data passed through').toBe(COMPOUNDS);
    expect((layer.props.data as CompoundFeature[]).length).toBe(3);
    expect(layer.props.pickable).toBe(true);
    expect(layer.props.visible).toBe(true);
  });

  it('fills served compounds translucent and unmanaged ones opaque orange-red', () => {
    const layer = createCompoundsLayer(COMPOUNDS, { selectedId: null });
    expect(evaluateAccessor(layer.props.getFillColor, PROFESSIONAL)).toEqual([46, 158, 107, 170]);
    expect(evaluateAccessor(layer.props.getFillColor, UNMANAGED)).toEqual([255, 84, 38, 240]);
    expect(evaluateAccessor(layer.props.getFillColor, SELF_MANAGED)).toEqual([104, 192, 200, 170]);
  });

  it('outlines the selected compound in gold, thicker, and fills it opaque', () => {
    const layer = createCompoundsLayer(COMPOUNDS, { selectedId: 3 });
    const [selected, other] = [SELF_MANAGED, PROFESSIONAL];
    expect(evaluateAccessor(layer.props.getLineColor, selected)).toEqual([250, 204, 21, 255]);
    expect(evaluateAccessor(layer.props.getLineColor, other)).toEqual([8, 16, 30, 220]);
    expect(evaluateAccessor(layer.props.getLineWidth, selected)).toBe(3);
    expect(evaluateAccessor(layer.props.getLineWidth, other)).toBe(0.75);
    expect(evaluateAccessor(layer.props.getFillColor, selected)).toEqual([104, 192, 200, 255]);
  });

  it('gives unmanaged compounds a light outline so they stand out', () => {
    const layer = createCompoundsLayer(COMPOUNDS, { selectedId: null });
    expect(evaluateAccessor(layer.props.getLineColor, UNMANAGED)).toEqual([255, 186, 150, 255]);
  });

  it('redraws the accessors that depend on the selection when it changes', () => {
    const layer = createCompoundsLayer(COMPOUNDS, { selectedId: 7 });
    expect(layer.props.updateTriggers).toEqual({
      getFillColor: [7],
      getLineColor: [7],
      getLineWidth: [7],
    });
  });

  it('hides the layer when asked', () => {
    const layer = createCompoundsLayer(COMPOUNDS, { selectedId: null, visible: false });
    expect(layer.props.visible).toBe(false);
  });

  it('accepts an empty list', () => {
    const layer = createCompoundsLayer([], { selectedId: null });
    expect((layer.props.data as CompoundFeature[]).length).toBe(0);
  });
});

describe('createSelectedCompoundLayer', () => {
  it('outlines only the selected compound, above the others, and is not pickable', () => {
    const layer = createSelectedCompoundLayer(COMPOUNDS, { selectedId: 2 });
    expect(layer.id).toBe('compounds-selected');
    expect(layer.props.data).toEqual([UNMANAGED]);
    expect(layer.props.pickable).toBe(false);
    expect(layer.props.filled).toBe(false);
    expect(layer.props.getLineColor).toEqual([250, 204, 21, 255]);
    expect(layer.props.getLineWidth).toBe(3);
  });

  it('draws nothing without a selection', () => {
    const layer = createSelectedCompoundLayer(COMPOUNDS, { selectedId: null });
    expect(layer.props.data).toEqual([]);
  });
});

describe('getCompoundFillColor', () => {
  it('greys out a compound without a coverage mode', () => {
    expect(getCompoundFillColor(undefined, false)).toEqual([128, 140, 156, 160]);
  });

  it('uses the blue of street/community companies', () => {
    expect(getCompoundFillColor('street_company', false)).toEqual([59, 130, 206, 170]);
  });
});
