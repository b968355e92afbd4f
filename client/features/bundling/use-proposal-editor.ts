import { useCallback, useState } from 'react';
import type { BundleProposal } from '../../../common/bundling.ts';
import {
  createProposal,
  editProposal,
  postProposalAction,
  type ProposalActionInput,
} from './bundling-api.ts';

export type ProposalEditor = {
  /** the name field: the planner's text once typed, else `defaultName` */
  name: string;
  onNameChange: (name: string) => void;
  /** back to the default name */
  resetName: () => void;
  /** a loaded proposal's name, kept as if typed */
  loadName: (name: string) => void;
  /** saves the selection as a draft proposal */
  save: () => void;
  saving: boolean;
  /** why the last save failed, while the selection is the one it was for */
  saveError: string | null;
  /** the proposal highlighted on the map and in the list */
  focusedId: number | null;
  setFocusedId: (id: number | null) => void;
  /** a workflow step (approve, assign, contract, withdraw); resolves to an error message or null */
  act: (proposal: BundleProposal, input: ProposalActionInput) => Promise<string | null>;
  /** a draft's compounds become the selection; resolves to an error message or null */
  replaceCompounds: (proposal: BundleProposal) => Promise<string | null>;
};

export type ProposalEditorOptions = {
  token: string;
  selected: readonly number[];
  defaultName: string;
  /** the changed proposal into the live list */
  merge: (proposal: BundleProposal) => void;
  /** a proposal changed by this user (the page refreshes what depends on it) */
  onChanged: (proposal: BundleProposal) => void;
  /** a draft was saved: the selection is done */
  onSaved: () => void;
  onUnauthorized: () => void;
};

/** Turning the selection into a proposal and moving proposals through their workflow. */
export function useProposalEditor(options: ProposalEditorOptions): ProposalEditor {
  const { token, selected, defaultName, merge, onChanged, onSaved, onUnauthorized } = options;
  const [typed, setTyped] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // an error belongs to the selection it was for: editing the selection clears it
  const selectionKey = selected.join(',');
  const [failure, setFailure] = useState<{ key: string; message: string } | null>(null);
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const name = typed ?? defaultName;

  const resetName = useCallback(() => setTyped(null), []);
  const onNameChange = useCallback((value: string) => setTyped(value), []);

  // the answer to one of this user's changes: into the list, and whatever depends on it
  const applied = useCallback(
    (answer: Awaited<ReturnType<typeof postProposalAction>>) => {
      if ('error' in answer) {
        if (answer.error.code === 'unauthorized') onUnauthorized();
        return answer.error.message;
      }
      merge(answer.data);
      onChanged(answer.data);
      return null;
    },
    [merge, onChanged, onUnauthorized],
  );

  const save = useCallback(async () => {
    const proposalName = name.trim();
    if (proposalName === '' || selected.length === 0) return;
    setSaving(true);
    setFailure(null);
    const answer = await createProposal(token, { name: proposalName, compoundIds: selected });
    setSaving(false);
    const message = applied(answer);
    if (message !== null) {
      setFailure({ key: selectionKey, message });
      return;
    }
    if ('data' in answer) setFocusedId(answer.data.id);
    setTyped(null);
    onSaved();
  }, [name, selected, selectionKey, token, applied, onSaved]);
  const onSave = useCallback(() => void save(), [save]);

  const act = useCallback(
    async (proposal: BundleProposal, input: ProposalActionInput) =>
      applied(await postProposalAction(token, proposal, input)),
    [token, applied],
  );
  const replaceCompounds = useCallback(
    async (proposal: BundleProposal) =>
      applied(await editProposal(token, proposal, { compoundIds: selected })),
    [token, selected, applied],
  );

  return {
    name,
    onNameChange,
    resetName,
    loadName: setTyped,
    save: onSave,
    saving,
    saveError: failure?.key === selectionKey ? failure.message : null,
    focusedId,
    setFocusedId,
    act,
    replaceCompounds,
  };
}
