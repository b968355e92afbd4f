import { describe, expect, it } from 'vitest';
import type { CoverageSummary, CoverageUnit, StreetFeature } from '../../common/api.ts';
import {
  createStreetCoverageLayer,
  getCoverageShareColor,
  toStreetCoverage,
  type StreetCoverage,
} from '../../client/features/coverage/coverage-layer.ts';
import { evaluateAccessor } from './evaluate-accessor.ts';

const RING: [number, number][] = [
  [118.5, 24.9],
  [118.51, 24.9],
  [118.51, 24.91],
  [118.5, 24.9],
];

const street = (code: string, name: string): StreetFeature => ({
  type: 'Feature',
  geometry: { type: 'Polygon', coordinates: [RING] },
  properties: { code, name },
});

const unit = (code: string, coveredShare: number, unmanaged: number): CoverageUnit => ({
  code,
  name: code,
  counts: {
    professional: { compounds: 10, households: 1000 },
    street_company: { compounds: 0, households: 0 },
    self_managed: { compounds: 0, households: 0 },
    none: { compounds: unmanaged, households: 100 },
  },
  compounds: 10 + unmanaged,
  households: 1100,
  coveredShare,
});

const SUMMARY: CoverageSummary = {
  district: unit('350502', 0.8, 2),
  streets: [unit('350502001000', 0.75, 3)],
  progress: {
    baselineDate: '2024-03-18',
    baselineUnmanaged: 3,
    coveredSinceBaseline: 0,
    share: 0,
    timeline: [],
    targets: [],
  },
};

describe('toStreetCoverage', () => {
  it('joins street polygons with their coverage rows by code', () => {
    const joined = toStreetCoverage(
      [street('350502001000', '海滨街道'), street('350502009000', '清濛经济开发区')],
      SUMMARY,
    );
    expect(joined).toEqual([
      {
        code: '350502001000',
        name: '海滨街道',
        polygon: [RING],
        coveredShare: 0.75,
        compounds: 13,
        unmanaged: 3,
      },
      {
        code: '350502009000',
        name: '清濛经济开发区',
        polygon: [RING],
        coveredShare: null,
        compounds: 0,
        unmanaged: 0,
      },
    ]);
  });
});

describe('getCoverageShareColor', () => {
  it('runs from deep red at 0% through amber at 50% to green at 100%', () => {
    expect(getCoverageShareColor(0)).toEqual([153, 27, 27, 120]);
    expect(getCoverageShareColor(0.5)).toEqual([180, 110, 20, 120]);
    expect(getCoverageShareColor(1)).toEqual([22, 130, 80, 120]);
    expect(getCoverageShareColor(0.75)).toEqual([101, 120, 50, 120]);
  });

  it('clamps out-of-range shares and greys out missing ones', () => {
    expect(getCoverageShareColor(1.4)).toEqual([22, 130, 80, 120]);
    expect(getCoverageShareColor(-0.1)).toEqual([153, 27, 27, 120]);
    expect(getCoverageShareColor(null)).toEqual([90, 100, 115, 80]);
  });
});

describe('createStreetCoverageLayer', () => {
  it('shades every street by its covered share and is off unless asked', () => {
    const data = toStreetCoverage([street('350502001000', '海滨街道')], SUMMARY);
    const layer = createStreetCoverageLayer(data, { visible: false });
    expect(layer.id).toBe('street-coverage');
    expect((layer.props.data as StreetCoverage[]).length).toBe(1);
    expect(layer.props.visible).toBe(false);
    expect(layer.props.pickable).toBe(true);
    expect(evaluateAccessor(layer.props.getFillColor, data[0] as StreetCoverage)).toEqual([
      101, 120, 50, 120,
    ]);
  });
});
