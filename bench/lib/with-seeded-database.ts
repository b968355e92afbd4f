import { pino } from 'pino';
import { openDb, type Db } from '../../server/db.ts';
import { loadGeodataIfEmpty } from '../../server/geodata-loader.ts';
import { migrate } from '../../server/migrate.ts';
import { createTestDatabase } from '../../test/helpers/test-server.ts';

/**
 * Runs `work` on a throwaway database (on DATABASE_URL, default the local PostgreSQL), migrated and
 * loaded with the geodata in `dir`, and drops it afterwards.
 * @example await withSeededDatabase('geodata', (db) => db.query('SELECT count(*) FROM grids'))
 */
export async function withSeededDatabase<T>(dir: string, work: (db: Db) => Promise<T>): Promise<T> {
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
  const database = await createTestDatabase();
  const db = await openDb({
    databaseUrl: database.databaseUrl,
    dataDir: database.dataDir,
    logger: pino({ level: 'silent' }),
  });
  try {
    await migrate(db);
    await loadGeodataIfEmpty(db, dir, { demo: true });
    return await work(db);
  } finally {
    await db.close();
    await database.drop();
  }
}
