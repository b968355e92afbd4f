import type { EventAction, GrievanceEvent } from '../../common/grievances.ts';
import { enqueueEventMessages } from '../command-feed/outbox-queries.ts';
import type { Queryable } from '../db.ts';
import { badRequest, notFound, AppError } from '../errors.ts';
import { appendChanges } from './append-changes.ts';
import { findEvent } from './grievances-read-queries.ts';
import {
  applyAction,
  applyPlatformDecisionRule,
  missingActionInput,
  type PlatformDecisionType,
} from './workflow.ts';

// The workflow's steps on stored events: lock the row, ask workflow.ts's pure rules, write the new
// state, then the same tail for every step (recordStep): audit, change stream, reload, feed.

type State = GrievanceEvent['state'];
type Level = GrievanceEvent['level'];

export type TransitionInput = {
  action: EventAction;
  note?: string;
  assignee?: string;
  /** reroute only: the grid the event really belongs to (its community and street follow) */
  gridCode?: string;
};

/** Applies a workflow action with its audit record and stream entry, in the caller's transaction. */
export async function transitionEvent(
  tx: Queryable,
  id: number,
  input: TransitionInput,
  actor: string,
): Promise<GrievanceEvent> {
  const row = await lockEvent(tx, id);
  const result = applyAction(row.state, row.level, input.action);
  if (!result.ok) throw new AppError(409, 'conflict', result.reason, 'action');
  const missing = missingActionInput(input.action, input);
  if (missing) throw badRequest(missing.field, missing.message);
  let note = input.note ?? null;
  if (input.action === 'reroute') {
    await moveToGrid(tx, id, input.gridCode!);
    note = `${row.gridCode} → ${input.gridCode}${note ? `: ${note}` : ''}`;
  }
  await updateStateAndLevel(tx, id, { state: result.to, level: result.level }, row.level, {
    assignee: input.assignee ?? null,
  });
  return recordStep(tx, {
    id,
    actor,
    action: input.action,
    from: row,
    to: { state: result.to, level: result.level },
    assignee: input.action === 'dispatch' ? input.assignee! : null,
    note,
  });
}

/**
 * The platform's decisions that are not steps of our own workflow (区联合指挥平台 callbacks):
 * a new deadline, or the event sent back down to the community to handle (level community,
 * state reported, the community's deadline). Each is audited, streamed and fed back like any step.
 */
export async function applyPlatformDecision(
  tx: Queryable,
  id: number,
  decision: { type: 'set_deadline'; deadline: string } | { type: 'send_down' },
  actor: string,
  note: string | null,
): Promise<GrievanceEvent> {
  const row = await lockEvent(tx, id);
  const result = applyPlatformDecisionRule(row.state, row.level, decision.type);
  if (!result.ok) throw new AppError(409, 'conflict', `Event ${id}: ${result.reason}`, 'type');
  if (decision.type === 'set_deadline') {
    await tx.query('UPDATE events SET deadline = $2, updated_at = now() WHERE id = $1', [
      id,
      decision.deadline,
    ]);
  } else {
    await updateStateAndLevel(tx, id, { state: result.to, level: result.level }, row.level, {
      assignee: null,
    });
  }
  return recordStep(tx, {
    id,
    actor,
    action: decision.type,
    from: row,
    to: { state: result.to, level: result.level },
    assignee: null,
    note,
  });
}

type Position = { state: State; level: Level };

/** The event's state, level and grid, its row locked to the transaction's end; 404 if unknown. */
async function lockEvent(tx: Queryable, id: number): Promise<Position & { gridCode: string }> {
  const [row] = await tx.query<Position & { gridCode: string }>(
    'SELECT state, level, grid_code AS "gridCode" FROM events WHERE id = $1 FOR UPDATE',
    [id],
  );
  if (!row) throw notFound(`Unknown event id: ${id}`);
  return row;
}

// the deadline a level gives: its first grade's hours from now (the one place this SQL lives)
const LEVEL_DEADLINE_SQL = (level: string) =>
  `now() + make_interval(hours => (
     SELECT deadline_hours FROM event_grades WHERE level = ${level} ORDER BY grade LIMIT 1))`;

/**
 * Writes an event's new state and level. A move to another level restarts the clock with that
 * level's deadline (overdue stays set) and, unless an assignee is given, clears the assignee.
 */
async function updateStateAndLevel(
  tx: Queryable,
  id: number,
  to: Position,
  fromLevel: Level,
  opts: { assignee: string | null },
): Promise<void> {
  await tx.query(
    `UPDATE events SET state = $2, level = $3, updated_at = now(),
       assignee = CASE WHEN $4::text IS NOT NULL THEN $4 WHEN $5 THEN NULL ELSE assignee END,
       deadline = CASE WHEN $5 THEN ${LEVEL_DEADLINE_SQL('$3')} ELSE deadline END
     WHERE id = $1`,
    [id, to.state, to.level, opts.assignee, to.level !== fromLevel],
  );
}

type Step = {
  id: number;
  actor: string;
  action: EventAction | PlatformDecisionType;
  from: Position;
  to: Position;
  assignee: string | null;
  note: string | null;
};

/** Every step's tail: its audit record, its stream entry, the reloaded event, its feed message. */
async function recordStep(tx: Queryable, step: Step): Promise<GrievanceEvent> {
  await tx.query(
    `INSERT INTO event_audit (event_id, actor, action, from_state, to_state, from_level, to_level,
                              assignee, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      step.id,
      step.actor,
      step.action,
      step.from.state,
      step.to.state,
      step.from.level,
      step.to.level,
      step.assignee,
      step.note,
    ],
  );
  await appendChanges(tx, [step.id], 'changed');
  const event = (await findEvent(tx, step.id))!;
  await enqueueEventMessages(tx, [
    {
      event,
      change: {
        action: step.action,
        actor: step.actor,
        fromState: step.from.state,
        toState: step.to.state,
        fromLevel: step.from.level,
        toLevel: step.to.level,
        note: step.note,
        at: event.updatedAt,
      },
    },
  ]);
  return event;
}

// a rerouted event moves to the grid it really belongs to; its community and street follow
async function moveToGrid(tx: Queryable, id: number, gridCode: string): Promise<void> {
  const moved = await tx.query(
    `UPDATE events e SET grid_code = g.code, community_code = g.community_code,
       street_code = c.street_code, outside_grid = NOT ST_Intersects(g.geom, e.geom)
     FROM grids g JOIN communities c ON c.code = g.community_code
     WHERE e.id = $1 AND g.code = $2 RETURNING e.id`,
    [id, gridCode],
  );
  if (moved.length === 0) throw badRequest('gridCode', `gridCode: unknown grid ${gridCode}`);
}
