import type { GrievanceEvent } from '../../common/grievances.ts';
import { enqueueEventMessages } from '../command-feed/outbox-queries.ts';
import type { Db } from '../db.ts';
import { appendChanges } from './append-changes.ts';
import { findEvent } from './grievances-read-queries.ts';
import { transitionEvent } from './grievances-workflow-queries.ts';
import { TRANSITIONS } from './workflow.ts';

const BATCH = 200; // events per run; the rest wait for the next tick

/**
 * Marks open events past their deadline overdue and escalates each one level, once per level (at
 * the district level it is only marked). Safe in several processes at once: rows are claimed with
 * FOR UPDATE SKIP LOCKED, and overdue_level records the level already handled.
 * @returns the events changed, to broadcast after the commit
 */
export async function escalateOverdue(db: Db): Promise<GrievanceEvent[]> {
  return db.withTransaction(async (tx) => {
    const due = await tx.query<{
      id: number;
      state: GrievanceEvent['state'];
      level: GrievanceEvent['level'];
    }>(
      `SELECT id::int AS id, state, level FROM events
       WHERE state NOT IN ('resolved', 'closed') AND deadline < now()
         AND overdue_level IS DISTINCT FROM level
       ORDER BY deadline, id LIMIT ${BATCH}
       FOR UPDATE SKIP LOCKED`,
    );
    const changed: GrievanceEvent[] = [];
    for (const e of due) {
      await tx.query(
        'UPDATE events SET overdue = true, overdue_level = level, updated_at = now() WHERE id = $1',
        [e.id],
      );
      await tx.query(
        `INSERT INTO event_audit (event_id, actor, action, from_state, to_state, from_level, to_level, note)
         VALUES ($1, 'system', 'overdue', $2, $2, $3, $3, 'deadline passed')`,
        [e.id, e.state, e.level],
      );
      const canEscalate = e.level !== 'district' && TRANSITIONS.escalate.from.includes(e.state);
      if (canEscalate) {
        changed.push(
          await transitionEvent(
            tx,
            e.id,
            { action: 'escalate', note: 'overdue: escalated automatically' },
            'system',
          ),
        );
      } else {
        await appendChanges(tx, [e.id], 'changed');
        const event = (await findEvent(tx, e.id))!;
        await enqueueEventMessages(tx, [
          {
            event,
            change: {
              action: 'overdue',
              actor: 'system',
              fromState: e.state,
              toState: e.state,
              fromLevel: e.level,
              toLevel: e.level,
              note: 'deadline passed',
              at: event.updatedAt,
            },
          },
        ]);
        changed.push(event);
      }
    }
    return changed;
  });
}
