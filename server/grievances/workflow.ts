import type { EventAction, EventState, Level } from '../../common/grievances.ts';
import { LEVELS } from '../../common/grievances.ts';

// The graded handling workflow as pure rules: which action is legal in which state, where it
// leads, and how escalation climbs the ladder. No I/O; grievances-workflow-queries.ts applies the result.

/** Legal transitions: action → the states it may start from and the state it leads to. */
export const TRANSITIONS: Record<EventAction, { from: readonly EventState[]; to: EventState }> = {
  accept: { from: ['reported'], to: 'accepted' },
  dispatch: { from: ['accepted', 'dispatched'], to: 'dispatched' }, // re-dispatch to another handler
  start: { from: ['dispatched'], to: 'in_progress' },
  resolve: { from: ['in_progress'], to: 'resolved' },
  close: { from: ['resolved'], to: 'closed' },
  reopen: { from: ['resolved'], to: 'in_progress' },
  return: { from: ['reported', 'accepted'], to: 'returned' },
  reroute: { from: ['returned'], to: 'reported' },
  // escalation keeps the event open at the next level up, waiting to be accepted there
  escalate: { from: ['reported', 'accepted', 'dispatched', 'in_progress'], to: 'reported' },
};

export type TransitionResult =
  { ok: true; to: EventState; level: Level } | { ok: false; reason: string };

/** Applies an action to an event's state and level, or says why it is not allowed. */
export function applyAction(
  state: EventState,
  level: Level,
  action: EventAction,
): TransitionResult {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(state)) {
    return {
      ok: false,
      reason: `Action ${action} is not allowed in state ${state} (allowed from: ${rule.from.join(', ')})`,
    };
  }
  if (action === 'escalate') {
    const next = nextLevel(level);
    if (!next) return { ok: false, reason: 'Already at the district level; nothing above it' };
    return { ok: true, to: 'reported', level: next };
  }
  return { ok: true, to: rule.to, level };
}

/** The level above, or null at the top of the ladder. */
export function nextLevel(level: Level): Level | null {
  const i = LEVELS.indexOf(level);
  return LEVELS[i + 1] ?? null;
}

/**
 * Whether the joint command platform may decide on an event: only on one it has taken over, which
 * is one at the district level (an escalation there sends `event.takeover`; send_down hands it back).
 */
export function platformMayDecide(level: Level): boolean {
  return level === 'district';
}

/** An input an action cannot do without: the field and the message of its 400. */
export type MissingInput = { field: 'assignee' | 'gridCode'; message: string };

/**
 * The input an action requires but lacks, or null: a dispatch names its handler, a reroute the
 * grid the event really belongs to.
 * @example missingActionInput('dispatch', {}) // {field: 'assignee', message: 'assignee: required …'}
 */
export function missingActionInput(
  action: EventAction,
  input: { assignee?: string; gridCode?: string },
): MissingInput | null {
  if (action === 'dispatch' && !input.assignee) {
    return {
      field: 'assignee',
      message: 'assignee: required to dispatch (a grid member, enterprise or department)',
    };
  }
  if (action === 'reroute' && !input.gridCode) {
    return {
      field: 'gridCode',
      message: 'gridCode: required to reroute (the grid the event belongs to)',
    };
  }
  return null;
}

/** A decision of the joint command platform that is not a step of our own workflow. */
export type PlatformDecisionType = 'set_deadline' | 'send_down';

/**
 * Where a platform decision takes an event, or why it may not: nothing is decided on a closed
 * event; set_deadline keeps state and level; send_down hands an open district-level event back to
 * the community (state reported, level community).
 * @example applyPlatformDecisionRule('accepted', 'district', 'send_down') // {ok: true, to: 'reported', level: 'community'}
 */
export function applyPlatformDecisionRule(
  state: EventState,
  level: Level,
  type: PlatformDecisionType,
): TransitionResult {
  if (state === 'closed') return { ok: false, reason: 'it is closed' };
  if (type === 'set_deadline') return { ok: true, to: state, level };
  if (level !== 'district' || state === 'resolved') {
    return {
      ok: false,
      reason: `only an open event at the district level can be sent down (this one: ${state} at ${level})`,
    };
  }
  return { ok: true, to: 'reported', level: 'community' };
}
