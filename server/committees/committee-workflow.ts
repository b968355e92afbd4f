import {
  ACTION_FROM,
  type CommitteeCounts,
  type CommitteeMember,
  type CommitteeState,
  type RuleCheck,
} from '../../common/committees.ts';
import {
  checkPartyGroup,
  checkPartyShare,
  checkTemporary,
  countMembers,
  DEFAULT_COMMITTEE_OPTIONS,
  type CommitteeOptions,
} from './committee-rules.ts';

// The committee lifecycle as a pure function: which action may follow which state, and the plan's
// rules that gate approval, a temporary committee and a party group. No I/O.

/** What a committee row holds that the workflow reads and writes. */
export type CommitteeRecord = {
  state: CommitteeState;
  counts: CommitteeCounts;
  partyGroup: boolean;
  electedOn: string | null;
  approvedOn: string | null;
  termStart: string | null;
  termEnd: string | null;
};

export type CommitteeActionInput =
  | { action: 'prepare'; formedOn: string }
  | {
      action: 'elect';
      electedOn: string;
      termStart: string;
      termEnd: string;
      members: CommitteeMember[];
    }
  | { action: 'approve'; approvedOn: string }
  | { action: 'temporary'; formedOn: string; termEnd: string; members: CommitteeMember[] }
  | { action: 'party_group'; formedOn: string }
  | { action: 'end_term'; endedOn: string };

export type WorkflowResult =
  | { ok: true; next: CommitteeRecord; members: CommitteeMember[] | null }
  | { ok: false; kind: 'state'; message: string }
  | { ok: false; kind: 'rule'; message: string; checks: RuleCheck[] };

/**
 * The committee after an action, or why not: `state` when the action does not follow the current
 * state (409), `rule` when one of the plan's rules refuses it (422, quoting the rule's words and
 * section). `members` is the new member list, or null when the action keeps the old one.
 * @example applyCommitteeAction(awaiting, {action: 'approve', approvedOn: '2026-12-01'}) // {ok: false, kind: 'rule', …} with 2 of 7 party members
 */
export function applyCommitteeAction(
  current: CommitteeRecord,
  input: CommitteeActionInput,
  o: CommitteeOptions = DEFAULT_COMMITTEE_OPTIONS,
): WorkflowResult {
  if (!ACTION_FROM[input.action].includes(current.state)) {
    return {
      ok: false,
      kind: 'state',
      message: `A committee in state ${current.state} cannot ${input.action}; allowed from ${ACTION_FROM[input.action].join(', ')}`,
    };
  }
  switch (input.action) {
    case 'prepare':
      return { ok: true, next: { ...NO_COMMITTEE, state: 'preparing' }, members: [] };
    case 'elect': {
      const counts = countMembers(input.members);
      return {
        ok: true,
        members: input.members,
        next: {
          state: 'awaiting_approval',
          counts,
          partyGroup: false,
          electedOn: input.electedOn,
          approvedOn: null,
          termStart: input.termStart,
          termEnd: input.termEnd,
        },
      };
    }
    case 'approve': {
      const check = checkPartyShare(current.counts, current.electedOn, o);
      if (check.outcome === 'breach') return refuse('Approval refused', [check]);
      return keep({ ...current, state: 'elected', approvedOn: input.approvedOn });
    }
    case 'temporary': {
      const counts = countMembers(input.members);
      const broken = checkTemporary(counts).filter((k) => k.outcome === 'breach');
      if (broken.length > 0) return refuse('Temporary committee refused', broken);
      return {
        ok: true,
        members: input.members,
        next: {
          state: 'temporary',
          counts,
          partyGroup: false,
          electedOn: input.formedOn,
          approvedOn: null,
          termStart: input.formedOn,
          termEnd: input.termEnd,
        },
      };
    }
    case 'party_group': {
      const check = checkPartyGroup(current.counts, false, o);
      if (check.outcome === 'not_applicable') return refuse('Party group refused', [check]);
      return keep({ ...current, partyGroup: true });
    }
    case 'end_term':
      return keep({
        ...current,
        state: 'term_ended',
        termEnd: minDate(current.termEnd, input.endedOn),
      });
  }
}

const NO_COMMITTEE: CommitteeRecord = {
  state: 'none',
  counts: { members: 0, ownerMembers: 0, partyMembers: 0 },
  partyGroup: false,
  electedOn: null,
  approvedOn: null,
  termStart: null,
  termEnd: null,
};

const keep = (next: CommitteeRecord): WorkflowResult => ({ ok: true, next, members: null });

// "Approval refused: 三(三) 「…」: 2 of 7 members are party members (29%); needs …"
function refuse(what: string, checks: RuleCheck[]): WorkflowResult {
  const reasons = checks.map((k) => `${k.section} 「${k.words}」: ${k.detail}`);
  return { ok: false, kind: 'rule', message: `${what}: ${reasons.join('; ')}`, checks };
}

const minDate = (a: string | null, b: string) => (a !== null && a < b ? a : b);
