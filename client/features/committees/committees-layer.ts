import { PolygonLayer } from '@deck.gl/layers';
import type { CompoundFeature } from '../../../common/api.ts';
import type { CommitteeCompliance } from '../../../common/committees.ts';
import { HIGHLIGHT_COLOR, SELECTED_LINE_COLOR, type Rgba } from '../../lib/theme.ts';

export const COMMITTEES_LAYER_ID = 'committees';

/** The verdict's colour: green meets, amber raise gradually, red breaks, grey not formed. */
export const COMPLIANCE_COLORS: Record<CommitteeCompliance, Rgba> = {
  meets: [34, 197, 94, 210],
  to_raise: [245, 158, 11, 220],
  breach: [239, 68, 68, 235],
  not_formed: [100, 116, 139, 150],
};
const OUT_OF_LIST: Rgba = [60, 70, 86, 60]; // a compound the filters leave out
const LINE_COLOR: Rgba = [8, 16, 30, 220];

export type CommitteesLayerOptions = {
  /** the listed compounds' verdicts; the others are drawn faint */
  compliance: ReadonlyMap<number, CommitteeCompliance>;
  selectedId: number | null;
};

/** Compounds filled by their committee's verdict against the plan; pickable to open the file. */
export function createCommitteesLayer(
  compounds: CompoundFeature[],
  { compliance, selectedId }: CommitteesLayerOptions,
) {
  return new PolygonLayer<CompoundFeature>({
    id: COMMITTEES_LAYER_ID,
    data: compounds,
    pickable: true,
    autoHighlight: true,
    highlightColor: HIGHLIGHT_COLOR,
    filled: true,
    stroked: true,
    lineWidthUnits: 'pixels',
    getPolygon: (c) => c.geometry.coordinates,
    getFillColor: (c) => {
      const verdict = compliance.get(c.properties.id);
      return verdict ? COMPLIANCE_COLORS[verdict] : OUT_OF_LIST;
    },
    getLineColor: (c) => (c.properties.id === selectedId ? SELECTED_LINE_COLOR : LINE_COLOR),
    getLineWidth: (c) => (c.properties.id === selectedId ? 3 : 0.75),
    updateTriggers: {
      getFillColor: [compliance],
      getLineColor: [selectedId],
      getLineWidth: [selectedId],
    },
  });
}
