import { PolygonLayer } from '@deck.gl/layers';
import type { CoverageSummary, StreetFeature } from '../../../common/api.ts';
import type { Position } from '../../../common/geo.ts';
import type { Rgb, Rgba } from '../../lib/theme.ts';

export const STREET_COVERAGE_LAYER_ID = 'street-coverage';

/** Covered share 0 → 1 as a ramp from deep red through amber to green (stops at 0, ½, 1). */
export const COVERAGE_SHARE_RAMP: readonly [Rgb, Rgb, Rgb] = [
  [153, 27, 27],
  [180, 110, 20],
  [22, 130, 80],
];
const FILL_ALPHA = 120; // compounds and boundary lines stay readable on top of it
const LINE_COLOR: Rgba = [120, 170, 230, 160];
const NO_DATA_COLOR: Rgba = [90, 100, 115, 80]; // a street missing from the summary

/** A street with its coverage figures, ready to draw. */
export type StreetCoverage = {
  code: string;
  name: string;
  polygon: Position[][];
  /** 0..1, or null when the summary has no row for the street */
  coveredShare: number | null;
  compounds: number;
  unmanaged: number;
};

/** Joins street polygons with the per-street rows of GET /api/coverage by code. */
export function toStreetCoverage(
  streets: readonly StreetFeature[],
  summary: CoverageSummary,
): StreetCoverage[] {
  const units = new Map(summary.streets.map((unit) => [unit.code, unit]));
  return streets.map(({ geometry, properties }) => {
    const unit = units.get(properties.code);
    return {
      code: properties.code,
      name: properties.name,
      polygon: geometry.coordinates,
      coveredShare: unit ? unit.coveredShare : null,
      compounds: unit ? unit.compounds : 0,
      unmanaged: unit ? unit.counts.none.compounds : 0,
    };
  });
}

/** The ramp colour of a covered share (clamped to 0..1), translucent. */
export function getCoverageShareColor(share: number | null): Rgba {
  if (share === null) return NO_DATA_COLOR;
  const t = Math.min(1, Math.max(0, share)) * 2;
  const [from, to] =
    t <= 1
      ? [COVERAGE_SHARE_RAMP[0], COVERAGE_SHARE_RAMP[1]]
      : [COVERAGE_SHARE_RAMP[1], COVERAGE_SHARE_RAMP[2]];
  const f = t <= 1 ? t : t - 1;
  const mix = (i: 0 | 1 | 2) => Math.round(from[i] + (to[i] - from[i]) * f);
  return [mix(0), mix(1), mix(2), FILL_ALPHA];
}

export type StreetCoverageLayerOptions = { visible: boolean };

/** Streets shaded by the share of their compounds with property service (a choropleth). */
export function createStreetCoverageLayer(
  streets: StreetCoverage[],
  { visible }: StreetCoverageLayerOptions,
) {
  return new PolygonLayer<StreetCoverage>({
    id: STREET_COVERAGE_LAYER_ID,
    data: streets,
    visible,
    pickable: true,
    filled: true,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    getPolygon: (street) => street.polygon,
    getFillColor: (street) => getCoverageShareColor(street.coveredShare),
    getLineColor: LINE_COLOR,
  });
}
