import type { DataOrigin } from '../common/api.ts';
import type { Queryable } from './db.ts';

// Whether this database holds demonstration data (migration 010). Set once, when a synthetic seed
// runs; read at start and by /api/health. A database that ever held the seed stays labelled.

/** The database's data origin: demonstration once any synthetic seed went in. */
export async function findDataOrigin(db: Queryable): Promise<DataOrigin> {
  const [row] = await db.query<{ demonstration: boolean }>(
    'SELECT demonstration FROM dataset_origin',
  );
  return row?.demonstration ? 'demonstration' : 'registers';
}

/** Labels the database as holding demonstration data (the synthetic seed just went in). */
export async function markDemonstration(db: Queryable): Promise<void> {
  await db.query(
    `INSERT INTO dataset_origin (id, demonstration) VALUES (true, true)
     ON CONFLICT (id) DO UPDATE SET demonstration = true, changed_at = now()
     WHERE NOT dataset_origin.demonstration`,
  );
}
