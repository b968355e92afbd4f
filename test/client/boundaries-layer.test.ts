import { describe, expect, it } from 'vitest';
import type { StreetFeature } from '../../common/api.ts';
import {
  createCommunityLabelsLayer,
  createStreetLabelsLayer,
  placeBoundaryLabels,
  toBoundaryLabels,
  type BoundaryLabel,
} from '../../client/features/boundaries/boundaries-layer.ts';
import { evaluateAccessor } from './evaluate-accessor.ts';

const SQUARE_STREET: StreetFeature = {
  type: 'Feature',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [118.5, 24.9],
        [118.52, 24.9],
        [118.52, 24.92],
        [118.5, 24.92],
        [118.5, 24.9],
      ],
    ],
  },
  properties: { code: '350502001000', name: '海滨街道' },
};

const DEGENERATE_STREET: StreetFeature = {
  type: 'Feature',
  geometry: { type: 'Polygon', coordinates: [[[118.5, 24.9]]] },
  properties: { code: '350502002000', name: '空' },
};

const LABELS: BoundaryLabel[] = [
  { code: '350502001000', name: '海滨街道', position: [118.51, 24.91], areaRank: 1 },
  { code: '350502002000', name: '临江街道', position: [118.56, 24.9], areaRank: 0 },
];

describe('toBoundaryLabels', () => {
  it('places one label inside each feature and skips features without area', () => {
    const labels = toBoundaryLabels([SQUARE_STREET, DEGENERATE_STREET]);
    expect(labels).toHaveLength(1);
    expect(labels[0]?.code).toBe('350502001000');
    expect(labels[0]?.name).toBe('海滨街道');
    expect(labels[0]?.position[0]).toBeCloseTo(118.51, 10);
    expect(labels[0]?.position[1]).toBeCloseTo(24.91, 10);
    expect(labels[0]?.areaRank).toBe(0);
  });

  it('ranks labels by the area of their unit, largest first, keeping the input order', () => {
    const small: StreetFeature = {
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [118.6, 24.9],
            [118.601, 24.9],
            [118.601, 24.901],
            [118.6, 24.901],
            [118.6, 24.9],
          ],
        ],
      },
      properties: { code: '350502003000', name: '鲤中街道' },
    };
    const labels = toBoundaryLabels([small, SQUARE_STREET]);
    expect(labels.map((label) => [label.name, label.areaRank])).toEqual([
      ['鲤中街道', 1],
      ['海滨街道', 0],
    ]);
  });

  it('returns no labels for no features', () => {
    expect(toBoundaryLabels([])).toEqual([]);
  });
});

describe('createStreetLabelsLayer', () => {
  it('draws street names with CJK glyphs rasterised by the browser', () => {
    const layer = createStreetLabelsLayer(LABELS, { visible: true, shownCodes: null });
    expect(layer.id).toBe('street-labels');
    expect((layer.props.data as BoundaryLabel[]).length).toBe(2);
    expect(layer.props.characterSet, 'glyphs come from the data, not a server').toBe('auto');
    expect(layer.props.fontFamily).toBe(
      "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif",
    );
    expect(layer.props.pickable).toBe(false);
    expect(evaluateAccessor(layer.props.getText, LABELS[0] as BoundaryLabel)).toBe('海滨街道');
    expect(evaluateAccessor(layer.props.getPosition, LABELS[1] as BoundaryLabel)).toEqual([
      118.56, 24.9,
    ]);
    expect(evaluateAccessor(layer.props.getSize, LABELS[0] as BoundaryLabel)).toBe(15);
    expect(layer.props.getColor).toEqual([230, 240, 255, 235]);
    expect(layer.props.getPixelOffset, 'above a street centre marker').toEqual([0, -17]);
  });

  it('shrinks labels left out by placement to nothing, keeping them in data for the atlas', () => {
    const shownCodes = new Set(['350502002000']);
    const layer = createStreetLabelsLayer(LABELS, { visible: true, shownCodes });
    expect((layer.props.data as BoundaryLabel[]).length).toBe(2);
    expect(evaluateAccessor(layer.props.getSize, LABELS[0] as BoundaryLabel)).toBe(0);
    expect(evaluateAccessor(layer.props.getSize, LABELS[1] as BoundaryLabel)).toBe(15);
    expect(layer.props.updateTriggers).toEqual({ getSize: [shownCodes] });
  });

  it('follows the streets toggle', () => {
    expect(
      createStreetLabelsLayer(LABELS, { visible: false, shownCodes: null }).props.visible,
    ).toBe(false);
  });
});

describe('createCommunityLabelsLayer', () => {
  it('draws smaller, muted community names and hides them when asked', () => {
    const layer = createCommunityLabelsLayer(LABELS, { visible: false, shownCodes: null });
    expect(layer.id).toBe('community-labels');
    expect((layer.props.data as BoundaryLabel[]).length).toBe(2);
    expect(layer.props.characterSet).toBe('auto');
    expect(evaluateAccessor(layer.props.getSize, LABELS[0] as BoundaryLabel)).toBe(12);
    expect(layer.props.getColor).toEqual([160, 190, 225, 230]);
    expect(layer.props.visible).toBe(false);
  });
});

describe('placeBoundaryLabels', () => {
  // two streets 0.004° apart (about 400 m): their names collide at zoom 13, not at zoom 15
  const near: BoundaryLabel = {
    code: 'b',
    name: '临江街道',
    position: [118.554, 24.9],
    areaRank: 0,
  };
  const far: BoundaryLabel = { code: 'a', name: '海滨街道', position: [118.55, 24.9], areaRank: 1 };
  const community: BoundaryLabel = {
    code: 'c',
    name: '金山社区',
    position: [118.5505, 24.9],
    areaRank: 0,
  };

  it('keeps the larger of two colliding street names', () => {
    const placed = placeBoundaryLabels([far, near], [], {
      zoom: 13,
      showStreets: true,
      showCommunities: false,
    });
    expect(placed.streets).toEqual(new Set(['b']));
  });

  it('keeps both once zoomed in far enough', () => {
    const placed = placeBoundaryLabels([far, near], [], {
      zoom: 15,
      showStreets: true,
      showCommunities: false,
    });
    expect(placed.streets).toEqual(new Set(['a', 'b']));
  });

  it('gives way to street names before placing community names', () => {
    const placed = placeBoundaryLabels([far], [community], {
      zoom: 15,
      showStreets: true,
      showCommunities: true,
    });
    expect(placed).toEqual({ streets: new Set(['a']), communities: new Set() });
  });

  it('places community names freely when streets are switched off', () => {
    const placed = placeBoundaryLabels([far], [community], {
      zoom: 15,
      showStreets: false,
      showCommunities: true,
    });
    expect(placed).toEqual({ streets: new Set(), communities: new Set(['c']) });
  });
});
