import { describe, expect, it } from 'vitest';
import type { BundleProposal } from '../../common/bundling.ts';
import { mergeProposals } from '../../client/features/bundling/merge-proposals.ts';

function proposal(id: number, version: number, state: BundleProposal['state'] = 'draft') {
  return {
    id,
    name: `方案${id}`,
    state,
    unitCode: '350502004001',
    streetCode: '350502004000',
    compoundIds: [id],
    anchorId: null,
    households: 300,
    unmanagedHouseholds: 300,
    unmanagedCompounds: 1,
    provider: null,
    contractedOn: null,
    createdBy: 'planner',
    createdAt: '2024-04-01T00:00:00Z',
    updatedAt: '2024-04-01T00:00:00Z',
    version,
  } satisfies BundleProposal;
}

describe('mergeProposals', () => {
  it('adds new proposals newest first', () => {
    const merged = mergeProposals([proposal(1, 1)], [proposal(3, 1), proposal(2, 1)]);
    expect(merged.map((p) => p.id)).toEqual([3, 2, 1]);
  });

  it('replaces a proposal by a higher version only', () => {
    const approved = proposal(1, 2, 'approved');
    expect(mergeProposals([proposal(1, 1)], [approved])).toEqual([approved]);
    const current = [approved];
    expect(mergeProposals(current, [proposal(1, 1)]), 'a stale broadcast').toBe(current);
    expect(mergeProposals(current, [proposal(1, 2, 'draft')]), 'the same version').toBe(current);
  });
});
