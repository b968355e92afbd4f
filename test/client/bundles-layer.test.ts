import { describe, expect, it } from 'vitest';
import type { CompoundFeature } from '../../common/api.ts';
import type { Bundle } from '../../common/bundling.ts';
import {
  BUNDLE_PALETTE,
  bundleLabel,
  createBundleHullFillLayer,
  createBundleHullOutlineLayer,
  createNeighbourLinksLayer,
  createPlanCompoundsLayer,
  createSelectionLayer,
  getPlanCompoundFillColor,
  toBundleHulls,
} from '../../client/features/bundling/bundles-layer.ts';
import { createTranslator } from '../../client/lib/i18n.ts';
import { evaluateAccessor } from './evaluate-accessor.ts';

function compound(
  id: number,
  [lng, lat]: [number, number],
  props: Partial<CompoundFeature['properties']> = {},
): CompoundFeature {
  const s = 0.001;
  return {
    type: 'Feature',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [lng, lat],
          [lng + s, lat],
          [lng + s, lat + s],
          [lng, lat + s],
          [lng, lat],
        ],
      ],
    },
    properties: { id, name: `小区${id}`, coverageMode: 'none', streetCode: 'S1', ...props },
  };
}

function bundle(compoundIds: number[], households: number): Bundle {
  return {
    unitCode: '350502004001',
    compoundIds,
    anchorId: null,
    households,
    unmanagedHouseholds: households,
    unmanagedCompounds: compoundIds.length,
    buildings: compoundIds.length,
    compactness: { sumDistanceToCentreM: 0, hullAreaM2: 0, spanM: 0 },
  };
}

const A = compound(1, [118.58, 24.9]);
const B = compound(2, [118.582, 24.9]);
const C = compound(3, [118.59, 24.91], { coverageMode: 'professional', streetCode: 'S2' });
const byId = new Map([A, B, C].map((c) => [c.properties.id, c]));

describe('toBundleHulls', () => {
  it('wraps each bundle in the hull of its compounds, labelled at the hull centre', () => {
    const [hull] = toBundleHulls([bundle([1, 2], 420)], byId);
    expect(hull!.labelAt[0]).toBeCloseTo(118.5815, 9);
    expect(hull!.labelAt[1]).toBeCloseTo(24.9005, 9);
    expect({ ...hull, labelAt: null }).toEqual({
      index: 0,
      unitCode: '350502004001',
      compoundIds: [1, 2],
      households: 420,
      polygon: [
        [118.58, 24.9],
        [118.583, 24.9],
        [118.583, 24.901],
        [118.58, 24.901],
      ],
      labelAt: null,
      color: BUNDLE_PALETTE[0],
    });
  });

  it('skips a bundle of unknown compounds and keeps the others their index and colour', () => {
    const hulls = toBundleHulls([bundle([99], 300), bundle([3], 500)], byId);
    expect(hulls.map((h) => [h.index, h.color])).toEqual([[1, BUNDLE_PALETTE[1]]]);
  });
});

describe('planning layers', () => {
  it('draws unmanaged compounds opaque and served ones faint, outside the street fainter', () => {
    expect(getPlanCompoundFillColor(A, 'S1')).toEqual([255, 84, 38, 235]);
    expect(getPlanCompoundFillColor(C, null)).toEqual([46, 158, 107, 90]);
    expect(getPlanCompoundFillColor(C, 'S1')).toEqual([46, 158, 107, 31]);
    expect(getPlanCompoundFillColor(A, 'S2')).toEqual([255, 84, 38, 82]);
  });

  it('outlines the selection only, not pickable', () => {
    const layer = createSelectionLayer([A, B, C], { selectedIds: new Set([2]) });
    expect(layer.props.data, 'selected compounds').toEqual([B]);
    expect(layer.props.pickable, 'clicks reach the compounds').toBe(false);
  });

  it('picks compounds and hull fills, never outlines', () => {
    const hulls = toBundleHulls([bundle([1, 2], 420)], byId);
    expect(createPlanCompoundsLayer([A], { streetCode: null }).props.pickable).toBe(true);
    expect(createBundleHullFillLayer(hulls).props.pickable).toBe(true);
    const outline = createBundleHullOutlineLayer(hulls, { focusedIndex: 0 });
    expect(outline.props.pickable).toBe(false);
    expect(evaluateAccessor(outline.props.getLineWidth, hulls[0]!), 'adopted bundle').toBe(4);
    expect(evaluateAccessor(outline.props.getLineColor, hulls[0]!)).toEqual([
      ...BUNDLE_PALETTE[0]!,
      255,
    ]);
  });

  it('hides the neighbour links unless asked', () => {
    expect(createNeighbourLinksLayer([], { visible: false }).props.visible).toBe(false);
  });

  it('labels a bundle with households and compounds in both languages', () => {
    const hull = { households: 1240, compoundIds: [1, 2, 3, 4] };
    expect(bundleLabel(hull, createTranslator('zh-CN'))).toBe('1,240 户 · 4 个小区');
    expect(bundleLabel(hull, createTranslator('en'))).toBe('1,240 households · 4 compounds');
  });
});
