// Table statistics for the planner. PostgreSQL's autovacuum analyzes tables as they grow; where it
// is off (some hosts turn it off) and always in PGlite (single-user: no background workers), the
// planner goes on believing the busiest tables empty and keeps plans whose cost grows with them
// (bench/faults.ts soak: at 100 events/s intake fell behind after 5 minutes, PostgreSQL at full
// CPU in the intake's inserts). So the server analyzes them itself, on a timer, when nobody else does.
import type { Db } from './db.ts';

/** The tables every report and step writes to: they grow all day. */
export const HOT_TABLES = ['events', 'event_changes', 'event_audit', 'feed_outbox'] as const;

/** Whether the server must analyze the hot tables itself: PGlite, or autovacuum off. */
export async function needsOwnAnalyze(db: Db): Promise<boolean> {
  if (db.engine === 'pglite') return true;
  const [row] = await db.query<{ autovacuum: string }>('SHOW autovacuum');
  return row?.autovacuum !== 'on';
}

/** Refreshes the planner's statistics of the hot tables (ANALYZE samples at most 30,000 rows each). */
export async function analyzeHotTables(db: Db): Promise<void> {
  await db.query(`ANALYZE ${HOT_TABLES.join(', ')}`);
}
