import { useMutation } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { BundleProposal } from '../../../common/bundling.ts';
import { unwrap, type ApiFailure } from '../../lib/query-client.ts';
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
  // an error belongs to the selection it was for: editing the selection clears it
  const selectionKey = selected.join(',');
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

  const saving = useMutation<
    BundleProposal,
    ApiFailure,
    { name: string; compoundIds: readonly number[]; selectionKey: string }
  >({
    mutationFn: async ({ name: proposalName, compoundIds }) =>
      unwrap(await createProposal(token, { name: proposalName, compoundIds })),
    onSuccess: (proposal) => {
      merge(proposal);
      onChanged(proposal);
      setFocusedId(proposal.id);
      setTyped(null);
      onSaved();
    },
    onError: (error) => {
      if (error.body.code === 'unauthorized') onUnauthorized();
    },
  });
  const { mutate } = saving;
  const onSave = useCallback(() => {
    const proposalName = name.trim();
    if (proposalName === '' || selected.length === 0) return;
    mutate({ name: proposalName, compoundIds: selected, selectionKey });
  }, [name, selected, selectionKey, mutate]);

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
    saving: saving.isPending,
    saveError:
      saving.isError && saving.variables.selectionKey === selectionKey
        ? saving.error.message
        : null,
    focusedId,
    setFocusedId,
    act,
    replaceCompounds,
  };
}
