import type { OwnersCommittee } from '../../common/geodata.ts';

/** Ways a committee can break the 2024 plan's rules (三(一)). */
export type CommitteeBreach =
  | 'party_share' // elected: fewer than 3 party members and under half
  | 'temporary_size' // temporary: fewer than 5 members
  | 'temporary_even' // temporary: an even number of members
  | 'temporary_owner_share'; // temporary: owner members under half

/**
 * Lists the rules a committee breaks. Elected committees (new or re-elected) need party members
 * ≥ 50% or ≥ 3; temporary committees need ≥ 5 members, an odd number, owner members ≥ 50%.
 *
 * @example
 * findCommitteeBreaches({status: 'temporary', members: 4, ownerMembers: 2, partyMembers: 1, …}); // ['temporary_size', 'temporary_even']
 */
export function findCommitteeBreaches(committee: OwnersCommittee): CommitteeBreach[] {
  const { status, members, ownerMembers, partyMembers } = committee;
  const breaches: CommitteeBreach[] = [];
  if (status === 'elected' && partyMembers < 3 && partyMembers * 2 < members) {
    breaches.push('party_share');
  }
  if (status === 'temporary') {
    if (members < 5) breaches.push('temporary_size');
    if (members % 2 === 0) breaches.push('temporary_even');
    if (ownerMembers * 2 < members) breaches.push('temporary_owner_share');
  }
  return breaches;
}
