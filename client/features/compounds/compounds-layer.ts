import { PolygonLayer } from '@deck.gl/layers';
import type { CompoundFeature } from '../../../common/api.ts';
import type { CoverageMode } from '../../../common/domain.ts';
import {
  HIGHLIGHT_COLOR,
  SELECTED_LINE_COLOR,
  COVERAGE_MODE_COLORS,
  type Rgba,
} from '../../lib/theme.ts';

export const COMPOUNDS_LAYER_ID = 'compounds';
export const SELECTED_COMPOUND_LAYER_ID = 'compounds-selected';

const FILL_ALPHA = 170; // served compounds are translucent so the grid lines read through
const UNMANAGED_FILL_ALPHA = 240; // unmanaged ones are what the plan asks to cover: opaque
const SELECTED_FILL_ALPHA = 255;
const UNKNOWN_MODE_COLOR: Rgba = [128, 140, 156, 160]; // a compound served without coverageMode
const LINE_COLOR: Rgba = [8, 16, 30, 220];
const UNMANAGED_LINE_COLOR: Rgba = [255, 186, 150, 255];
const LINE_WIDTH = 0.75; // pixels
const SELECTED_LINE_WIDTH = 3;

export type CompoundsLayerOptions = {
  /** the compound shown in the side panel, outlined in gold */
  selectedId: number | null;
  visible?: boolean;
};

/** The fill of a compound: its coverage mode's colour, opaque for unmanaged or selected ones. */
export function getCompoundFillColor(mode: CoverageMode | undefined, selected: boolean): Rgba {
  if (!mode) return UNKNOWN_MODE_COLOR;
  const alpha = selected
    ? SELECTED_FILL_ALPHA
    : mode === 'none'
      ? UNMANAGED_FILL_ALPHA
      : FILL_ALPHA;
  return [...COVERAGE_MODE_COLORS[mode], alpha];
}

/** Residential compounds (小区) filled by coverage mode; pickable for the tooltip and side panel. */
export function createCompoundsLayer(
  compounds: CompoundFeature[],
  { selectedId, visible = true }: CompoundsLayerOptions,
) {
  const isSelected = (compound: CompoundFeature) => compound.properties.id === selectedId;
  return new PolygonLayer<CompoundFeature>({
    id: COMPOUNDS_LAYER_ID,
    data: compounds,
    visible,
    pickable: true,
    autoHighlight: true,
    highlightColor: HIGHLIGHT_COLOR,
    filled: true,
    stroked: true,
    lineWidthUnits: 'pixels',
    lineJointRounded: true,
    getPolygon: (compound) => compound.geometry.coordinates,
    getFillColor: (compound) =>
      getCompoundFillColor(compound.properties.coverageMode, isSelected(compound)),
    getLineColor: (compound) => {
      if (isSelected(compound)) return SELECTED_LINE_COLOR;
      return compound.properties.coverageMode === 'none' ? UNMANAGED_LINE_COLOR : LINE_COLOR;
    },
    getLineWidth: (compound) => (isSelected(compound) ? SELECTED_LINE_WIDTH : LINE_WIDTH),
    updateTriggers: {
      getFillColor: [selectedId],
      getLineColor: [selectedId],
      getLineWidth: [selectedId],
    },
  });
}

/**
 * The selected compound's gold outline again, drawn above every compound so that neighbours
 * drawn later cannot cover it. Not pickable: picking goes to the compounds layer below.
 */
export function createSelectedCompoundLayer(
  compounds: CompoundFeature[],
  { selectedId, visible = true }: CompoundsLayerOptions,
) {
  const selected = compounds.filter((compound) => compound.properties.id === selectedId);
  return new PolygonLayer<CompoundFeature>({
    id: SELECTED_COMPOUND_LAYER_ID,
    data: selected,
    visible,
    pickable: false,
    filled: false,
    stroked: true,
    lineWidthUnits: 'pixels',
    lineJointRounded: true,
    getPolygon: (compound) => compound.geometry.coordinates,
    getLineColor: SELECTED_LINE_COLOR,
    getLineWidth: SELECTED_LINE_WIDTH,
  });
}
