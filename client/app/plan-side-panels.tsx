import { useMemo } from 'react';
import type { BundleProposal } from '../../common/bundling.ts';
import type { EnterpriseOption } from '../features/bundling/bundling-api.ts';
import { ProposalsPanel } from '../features/bundling/proposals-panel.tsx';
import { SelectionPanel, type EvaluationState } from '../features/bundling/selection-panel.tsx';
import type { BundleSelection } from '../features/bundling/use-bundle-selection.ts';
import type { CompoundIndex } from '../features/bundling/use-compound-index.ts';
import type { ProposalEditor } from '../features/bundling/use-proposal-editor.ts';
import type { ProposalsState } from '../features/bundling/use-proposals.ts';
import {
  useCoverageProgress,
  useUnmanagedCompounds,
} from '../features/coverage/coverage-progress-api.ts';
import { CoverageProgressPanel } from '../features/coverage/coverage-progress-panel.tsx';
import type { ApiState } from '../lib/use-api-query.ts';

export type PlanSidePanelsProps = {
  token: string;
  streetCode: string | null;
  index: CompoundIndex;
  unitNames: ReadonlyMap<string, string>;
  districtName: string;
  selection: BundleSelection;
  evaluation: EvaluationState;
  editor: ProposalEditor;
  onClear: () => void;
  live: ProposalsState;
  enterprises: ApiState<EnterpriseOption[]>;
  onLoadProposal: (proposal: BundleProposal) => void;
  /** the district's day, YYYY-MM-DD */
  today: string;
};

/** The planner's right column: the selection, the saved proposals and coverage progress. */
export function PlanSidePanels(props: PlanSidePanelsProps) {
  const { token, streetCode, index, unitNames, selection, editor, live } = props;
  const progressDistrict = useCoverageProgress(token, { streetCode: null });
  const progressStreet = useCoverageProgress(token, streetCode === null ? null : { streetCode });
  const unmanaged = useUnmanagedCompounds(token, streetCode);

  const selectedRows = useMemo(
    () =>
      selection.selected.map((id) => {
        const feature = index.byId.get(id);
        return {
          id,
          name: feature?.properties.name ?? `#${id}`,
          unmanaged: feature?.properties.coverageMode === 'none',
        };
      }),
    [selection.selected, index.byId],
  );
  // with a street picked, its proposals only
  const streetProposals = useMemo(
    () =>
      streetCode === null
        ? live.proposals
        : live.proposals.filter((proposal) => proposal.streetCode === streetCode),
    [live.proposals, streetCode],
  );
  const streetName = streetCode === null ? null : (unitNames.get(streetCode) ?? streetCode);
  const progressStreetEntry = useMemo(
    () => (streetName === null ? null : { name: streetName, progress: progressStreet }),
    [streetName, progressStreet],
  );

  return (
    <div className="plan__side plan__side--right">
      <SelectionPanel
        selected={selectedRows}
        evaluation={props.evaluation}
        name={editor.name}
        onNameChange={editor.onNameChange}
        onSave={editor.save}
        saving={editor.saving}
        saveError={editor.saveError}
        onRemove={selection.toggle}
        onClear={props.onClear}
        drawing={selection.drawing}
      />
      <ProposalsPanel
        proposals={streetProposals}
        status={live.status}
        error={live.error?.message ?? null}
        enterprises={props.enterprises}
        unitNames={unitNames}
        focusedId={editor.focusedId}
        onFocus={editor.setFocusedId}
        onAction={editor.act}
        onLoad={props.onLoadProposal}
        selectionCount={selection.selected.length}
        onReplace={editor.replaceCompounds}
        today={props.today}
      />
      <CoverageProgressPanel
        district={progressDistrict}
        districtName={props.districtName}
        street={progressStreetEntry}
        unmanaged={unmanaged}
        today={props.today}
        onPickCompound={selection.pick}
      />
    </div>
  );
}
