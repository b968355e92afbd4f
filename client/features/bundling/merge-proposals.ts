import type { BundleProposal } from '../../../common/bundling.ts';

/**
 * Proposals with `incoming` merged in: a proposal is replaced only by a higher version, so a late
 * list or a stale broadcast never rolls one back. Newest (highest id) first.
 * @example mergeProposals([{id: 1, version: 2, …}], [{id: 1, version: 1, …}]) // keeps version 2
 */
export function mergeProposals(
  current: readonly BundleProposal[],
  incoming: readonly BundleProposal[],
): BundleProposal[] {
  const byId = new Map(current.map((proposal) => [proposal.id, proposal]));
  let changed = false;
  for (const proposal of incoming) {
    const known = byId.get(proposal.id);
    if (known && known.version >= proposal.version) continue;
    byId.set(proposal.id, proposal);
    changed = true;
  }
  if (!changed) return current as BundleProposal[];
  return [...byId.values()].sort((a, b) => b.id - a.id);
}
