import type { ProposalAction, ProposalState } from '../../common/bundling.ts';

// A bundle proposal's life as pure rules: which action is legal in which state and where it leads.
// No I/O; proposals-queries.ts applies the result in a transaction with its audit record.

/** Legal actions: the states each may start from and the state it leads to. */
export const PROPOSAL_TRANSITIONS: Record<
  Exclude<ProposalAction, 'create'>,
  { from: readonly ProposalState[]; to: ProposalState | 'same' }
> = {
  edit: { from: ['draft'], to: 'same' }, // an approved proposal is frozen: withdraw and redo it
  approve: { from: ['draft'], to: 'approved' },
  assign: { from: ['approved'], to: 'same' }, // the provider may change until the contract
  contract: { from: ['approved'], to: 'contracted' },
  withdraw: { from: ['draft', 'approved'], to: 'withdrawn' },
};

/** States whose compounds are reserved: a compound sits in at most one open proposal. */
export function isOpenProposal(state: ProposalState): boolean {
  return state === 'draft' || state === 'approved';
}

/**
 * The state after an action, or why the action is not allowed.
 * @example
 * proposalTransition('draft', 'contract');
 * // {ok: false, reason: 'Action contract is not allowed in state draft (allowed from: approved)'}
 */
export function proposalTransition(
  state: ProposalState,
  action: Exclude<ProposalAction, 'create'>,
): { ok: true; to: ProposalState } | { ok: false; reason: string } {
  const rule = PROPOSAL_TRANSITIONS[action];
  if (!rule.from.includes(state)) {
    return {
      ok: false,
      reason: `Action ${action} is not allowed in state ${state} (allowed from: ${rule.from.join(', ')})`,
    };
  }
  return { ok: true, to: rule.to === 'same' ? state : rule.to };
}
