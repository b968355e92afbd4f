import type { EventAction, EventState, Grade, Level } from '../../common/grievances.ts';
import { LEVELS } from '../../common/grievances.ts';

// The graded handling workflow as pure rules: which action is legal in which state, where it
// leads, and how escalation climbs the ladder. No I/O; grievances-queries.ts applies the result.

export const DEFAULT_GRADE_RULES: Record<
  Grade,
  { level: Level; deadlineHours: number; alarm: boolean }
> = {
  L1: { level: 'grid', deadlineHours: 24, alarm: false }, // 一般: handled in the compound/grid
  L2: { level: 'community', deadlineHours: 72, alarm: false }, // 较大
  L3: { level: 'street', deadlineHours: 120, alarm: true }, // 重大
  L4: { level: 'district', deadlineHours: 24, alarm: true }, // 特别重大: joint command platform
};

/** Legal transitions: action → the states it may start from and the state it leads to. */
export const TRANSITIONS: Record<
  EventAction,
  { from: readonly EventState[]; to: EventState | 'same' }
> = {
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
  return { ok: true, to: rule.to === 'same' ? state : rule.to, level };
}

/** The level above, or null at the top of the ladder. */
export function nextLevel(level: Level): Level | null {
  const i = LEVELS.indexOf(level);
  return LEVELS[i + 1] ?? null;
}

/** States in which an event is still open (counts for overdue and duplicates). */
export function isOpen(state: EventState): boolean {
  return state !== 'resolved' && state !== 'closed';
}

/**
 * Whether the joint command platform may decide on an event: only on one it has taken over, which
 * is one at the district level (an escalation there sends `event.takeover`; send_down hands it back).
 */
export function platformMayDecide(level: Level): boolean {
  return level === 'district';
}
