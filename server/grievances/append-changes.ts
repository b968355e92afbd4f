import type { Queryable } from '../db.ts';

/** The advisory lock that orders the change stream (appendChanges). */
const CHANGE_STREAM_LOCK = 7_350_503;

/**
 * Appends events' changes to the stream (event_changes), in the caller's transaction. Their seq
 * numbers must become visible in number order: a transaction that took seq 100 but committed after
 * another's 101 would be skipped by a client resyncing from 101 (grievance:sync's head). So one
 * writer at a time takes numbers and commits: the lock is taken here and held to the transaction's
 * end. Callers lock the events' rows first and take no other event's row after this.
 */
export async function appendChanges(
  tx: Queryable,
  eventIds: number[],
  kind: 'reported' | 'changed',
): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [CHANGE_STREAM_LOCK]);
  await tx.query(
    `INSERT INTO event_changes (event_id, kind)
     SELECT id, $2 FROM unnest($1::bigint[]) AS id ORDER BY id`,
    [eventIds, kind],
  );
}
