import { PolygonLayer } from '@deck.gl/layers';
import type { CompoundFeature } from '../../../common/api.ts';
import { HIGHLIGHT_COLOR, type Rgba } from '../../lib/theme.ts';

export const ENTERPRISES_LAYER_ID = 'enterprise-compounds';

/** A served compound's fill by its star rating, 1 (red) to 5 (green). */
export const STAR_COLORS: Record<number, Rgba> = {
  1: [239, 68, 68, 235],
  2: [249, 115, 22, 225],
  3: [245, 158, 11, 215],
  4: [132, 204, 22, 210],
  5: [34, 197, 94, 210],
};
const OTHER: Rgba = [60, 70, 86, 60]; // a compound the selected enterprise does not serve
const LINE_COLOR: Rgba = [8, 16, 30, 220];

/** Every compound; the selected enterprise's filled by their stars, pickable for their names. */
export function createEnterprisesLayer(
  compounds: CompoundFeature[],
  { stars }: { stars: ReadonlyMap<number, number> },
) {
  return new PolygonLayer<CompoundFeature>({
    id: ENTERPRISES_LAYER_ID,
    data: compounds,
    pickable: true,
    autoHighlight: true,
    highlightColor: HIGHLIGHT_COLOR,
    filled: true,
    stroked: true,
    lineWidthUnits: 'pixels',
    getPolygon: (c) => c.geometry.coordinates,
    getFillColor: (c) => STAR_COLORS[stars.get(c.properties.id) ?? 0] ?? OTHER,
    getLineColor: LINE_COLOR,
    getLineWidth: (c) => (stars.has(c.properties.id) ? 1.5 : 0.5),
    updateTriggers: { getFillColor: [stars], getLineWidth: [stars] },
  });
}
