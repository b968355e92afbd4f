import crypto from 'node:crypto';
import type { GrievanceEvent } from '../../common/grievances.ts';
import type { Queryable } from '../db.ts';

// Idempotency keys of workflow actions (migration 020): a phone's offline queue sends each action
// with its own key and retries it until it gets an answer, so the same key must apply once.

export type StoredAction = {
  eventId: number;
  action: string;
  requestHash: string;
  response: GrievanceEvent;
};

/** sha256 over the event id and the action's body: the same key with another request is refused. */
export function actionRequestHash(eventId: number, body: unknown): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([eventId, body]))
    .digest('hex');
}

/**
 * The action the caller applied with this key before, with the answer it got; null if none. Locks
 * the event's row first, so two sends of one key in flight at once apply once.
 */
export async function findActionKey(
  tx: Queryable,
  actor: string,
  key: string,
  eventId: number,
): Promise<StoredAction | null> {
  await tx.query('SELECT 1 FROM events WHERE id = $1 FOR UPDATE', [eventId]);
  const [row] = await tx.query<StoredAction>(
    `SELECT event_id::int AS "eventId", action, request_hash AS "requestHash", response
     FROM event_action_keys WHERE actor = $1 AND idempotency_key = $2`,
    [actor, key],
  );
  return row ?? null;
}

/** Keeps the key with the answer it got, in the action's own transaction. */
export async function saveActionKey(
  tx: Queryable,
  actor: string,
  key: string,
  stored: StoredAction,
): Promise<void> {
  await tx.query(
    `INSERT INTO event_action_keys (actor, idempotency_key, event_id, action, request_hash, response)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [
      actor,
      key,
      stored.eventId,
      stored.action,
      stored.requestHash,
      JSON.stringify(stored.response),
    ],
  );
}
