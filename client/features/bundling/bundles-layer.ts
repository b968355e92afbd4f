import { LineLayer, PolygonLayer, TextLayer } from '@deck.gl/layers';
import type { CompoundFeature } from '../../../common/api.ts';
import type { Bundle } from '../../../common/bundling.ts';
import type { Position } from '../../../common/geo.ts';
import { convexHull } from '../../../geometry/convex-hull.ts';
import type { Translate } from '../../lib/i18n.ts';
import { COVERAGE_MODE_COLORS, type Rgb, type Rgba } from '../../lib/theme.ts';
import type { NeighbourLink } from './neighbour-links.ts';

export const PLAN_COMPOUNDS_LAYER_ID = 'plan-compounds';
export const BUNDLE_HULLS_LAYER_ID = 'bundle-hulls';
export const BUNDLE_OUTLINES_LAYER_ID = 'bundle-outlines';
export const PROPOSAL_OUTLINE_LAYER_ID = 'proposal-outline';
export const BUNDLE_LABELS_LAYER_ID = 'bundle-labels';
export const NEIGHBOUR_LINKS_LAYER_ID = 'neighbour-links';
export const SELECTION_LAYER_ID = 'plan-selection';

/** Bundle colours, in turn: none is green, blue, teal or orange-red, the coverage modes' colours. */
export const BUNDLE_PALETTE: Rgb[] = [
  [167, 139, 250], // violet
  [250, 204, 21], // gold
  [244, 114, 182], // pink
  [34, 211, 238], // cyan
  [163, 230, 53], // lime
  [251, 146, 60], // amber
  [129, 140, 248], // indigo
  [232, 121, 249], // fuchsia
];

const MANAGED_FILL_ALPHA = 90; // served compounds recede: the plan is about the unmanaged ones
const UNMANAGED_FILL_ALPHA = 235;
const OUTSIDE_ALPHA_FACTOR = 0.35; // compounds outside the picked street are context only
const LINE_COLOR: Rgba = [8, 16, 30, 200];
const UNMANAGED_LINE_COLOR: Rgba = [255, 214, 196, 255];
const SELECTED_LINE_COLOR: Rgba = [255, 255, 255, 255];
const SELECTED_LINE_WIDTH = 3; // pixels
const HULL_FILL_ALPHA = 46;
const HULL_LINE_WIDTH = 2;
const FOCUSED_HULL_LINE_WIDTH = 4;
const LINK_COLOR: Rgba = [210, 225, 245, 170];
const CROSS_UNIT_LINK_COLOR: Rgba = [210, 225, 245, 45]; // across a community boundary
const LABEL_SIZE = 12;
const LABEL_HALO: Rgba = [8, 16, 30, 235];

/** A suggested bundle as drawn: its outline around all its compounds, and where its label goes. */
export type BundleHull = {
  index: number;
  unitCode: string;
  compoundIds: number[];
  households: number;
  polygon: Position[];
  labelAt: Position;
  color: Rgb;
};

export type PlanCompoundsOptions = {
  selectedIds: ReadonlySet<number>;
  /** compounds of this street are drawn in full; null = the whole district */
  streetCode: string | null;
};

/**
 * The convex hull of each bundle's compound outlines and the point its label hangs on (the hull's
 * vertex mean). Bundles whose compounds are all unknown are skipped.
 * @example toBundleHulls(result.bundles, compoundsById)[0].polygon // [[118.58, 24.9], …]
 */
export function toBundleHulls(
  bundles: readonly Bundle[],
  compoundsById: ReadonlyMap<number, CompoundFeature>,
): BundleHull[] {
  const hulls: BundleHull[] = [];
  bundles.forEach((bundle, index) => {
    const points = bundle.compoundIds.flatMap(
      (id) => compoundsById.get(id)?.geometry.coordinates[0] ?? [],
    );
    if (points.length === 0) return;
    const polygon = convexHull(points);
    hulls.push({
      index,
      unitCode: bundle.unitCode,
      compoundIds: bundle.compoundIds,
      households: bundle.households,
      polygon,
      labelAt: meanOf(polygon),
      color: bundleColor(index),
    });
  });
  return hulls;
}

/** The colour of the bundle at `index` in a suggestion, cycling through the palette. */
export function bundleColor(index: number): Rgb {
  return BUNDLE_PALETTE[index % BUNDLE_PALETTE.length] as Rgb;
}

/** The fill of a compound on the planner's map: unmanaged opaque, served ones faint. */
export function getPlanCompoundFillColor(compound: CompoundFeature, streetCode: string | null) {
  const mode = compound.properties.coverageMode ?? 'none';
  const alpha = mode === 'none' ? UNMANAGED_FILL_ALPHA : MANAGED_FILL_ALPHA;
  const inside = streetCode === null || compound.properties.streetCode === streetCode;
  return [
    ...COVERAGE_MODE_COLORS[mode],
    Math.round(inside ? alpha : alpha * OUTSIDE_ALPHA_FACTOR),
  ] as Rgba;
}

/** Compounds by coverage mode, the unmanaged ones emphasised; pickable, to select by click. */
export function createPlanCompoundsLayer(
  compounds: CompoundFeature[],
  { streetCode }: Omit<PlanCompoundsOptions, 'selectedIds'>,
) {
  return new PolygonLayer<CompoundFeature>({
    id: PLAN_COMPOUNDS_LAYER_ID,
    data: compounds,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 70],
    filled: true,
    stroked: true,
    lineWidthUnits: 'pixels',
    getPolygon: (compound) => compound.geometry.coordinates,
    getFillColor: (compound) => getPlanCompoundFillColor(compound, streetCode),
    getLineColor: (compound) =>
      compound.properties.coverageMode === 'none' ? UNMANAGED_LINE_COLOR : LINE_COLOR,
    getLineWidth: (compound) => (compound.properties.coverageMode === 'none' ? 1.25 : 0.5),
    updateTriggers: { getFillColor: [streetCode] },
  });
}

/** The hand-made selection: white outlines above everything, not pickable. */
export function createSelectionLayer(
  compounds: CompoundFeature[],
  { selectedIds }: Pick<PlanCompoundsOptions, 'selectedIds'>,
) {
  return new PolygonLayer<CompoundFeature>({
    id: SELECTION_LAYER_ID,
    data: compounds.filter((compound) => selectedIds.has(compound.properties.id)),
    pickable: false,
    filled: true,
    stroked: true,
    lineWidthUnits: 'pixels',
    getPolygon: (compound) => compound.geometry.coordinates,
    getFillColor: [255, 255, 255, 60],
    getLineColor: SELECTED_LINE_COLOR,
    getLineWidth: SELECTED_LINE_WIDTH,
  });
}

/**
 * The suggested bundles' translucent coloured hulls, drawn under the compounds: pickable, so a
 * click between a bundle's compounds adopts it while a click on a compound still selects that.
 */
export function createBundleHullFillLayer(hulls: BundleHull[]) {
  return new PolygonLayer<BundleHull>({
    id: BUNDLE_HULLS_LAYER_ID,
    data: hulls,
    pickable: true,
    filled: true,
    stroked: false,
    getPolygon: (hull) => hull.polygon,
    getFillColor: (hull) => [...hull.color, HULL_FILL_ALPHA],
  });
}

/** The hulls' outlines, above the compounds; `focusedIndex` (the adopted bundle) drawn thicker. */
export function createBundleHullOutlineLayer(
  hulls: BundleHull[],
  { focusedIndex = null }: { focusedIndex?: number | null } = {},
) {
  return new PolygonLayer<BundleHull>({
    id: BUNDLE_OUTLINES_LAYER_ID,
    data: hulls,
    pickable: false,
    filled: false,
    stroked: true,
    lineWidthUnits: 'pixels',
    lineJointRounded: true,
    getPolygon: (hull) => hull.polygon,
    getLineColor: (hull) => [...hull.color, 255],
    getLineWidth: (hull) =>
      hull.index === focusedIndex ? FOCUSED_HULL_LINE_WIDTH : HULL_LINE_WIDTH,
    updateTriggers: { getLineWidth: [focusedIndex] },
  });
}

/** A saved proposal's outline (the one opened in the list), dashed white above everything. */
export function createProposalOutlineLayer(polygon: Position[] | null) {
  return new PolygonLayer<Position[]>({
    id: PROPOSAL_OUTLINE_LAYER_ID,
    data: polygon && polygon.length >= 3 ? [polygon] : [],
    pickable: false,
    filled: true,
    stroked: true,
    lineWidthUnits: 'pixels',
    getPolygon: (ring) => ring,
    getFillColor: [255, 255, 255, 28],
    getLineColor: [255, 255, 255, 235],
    getLineWidth: FOCUSED_HULL_LINE_WIDTH,
  });
}

/** "1,240 户 · 4 个小区" on each bundle, in its colour over a dark halo. */
export function createBundleLabelsLayer(hulls: BundleHull[], t: Translate) {
  return new TextLayer<BundleHull>({
    id: BUNDLE_LABELS_LAYER_ID,
    data: hulls,
    pickable: false,
    characterSet: 'auto',
    fontSettings: { sdf: true, fontSize: 64, buffer: 12, radius: 16 },
    fontFamily: "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif",
    fontWeight: 700,
    outlineWidth: 8,
    outlineColor: LABEL_HALO,
    sizeUnits: 'pixels',
    getSize: LABEL_SIZE,
    getPosition: (hull) => hull.labelAt,
    getText: (hull) => bundleLabel(hull, t),
    getColor: (hull) => [...hull.color, 255],
    updateTriggers: { getText: [t] },
  });
}

/** The label of a bundle: its households and compound count. */
export function bundleLabel(hull: Pick<BundleHull, 'households' | 'compoundIds'>, t: Translate) {
  return t('plan.bundleLabel', { households: hull.households, count: hull.compoundIds.length });
}

/** The neighbour graph as thin links between compounds, faint across community boundaries. */
export function createNeighbourLinksLayer(
  links: NeighbourLink[],
  { visible }: { visible: boolean },
) {
  return new LineLayer<NeighbourLink>({
    id: NEIGHBOUR_LINKS_LAYER_ID,
    data: links,
    visible,
    pickable: false,
    widthUnits: 'pixels',
    getSourcePosition: (link) => link.from,
    getTargetPosition: (link) => link.to,
    getColor: (link) => (link.crossUnit ? CROSS_UNIT_LINK_COLOR : LINK_COLOR),
    getWidth: 1,
  });
}

function meanOf(points: Position[]): Position {
  let x = 0;
  let y = 0;
  for (const [px, py] of points) {
    x += px;
    y += py;
  }
  return [x / points.length, y / points.length];
}
