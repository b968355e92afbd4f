// `npm run migrate`: apply pending migrations and seed an empty database, then exit. The server
// does the same at every start (server/seed.ts); this is for preparing a database ahead of time.
import { loadConfig } from '../server/config.ts';
import { openDb } from '../server/db.ts';
import { createLogger } from '../server/logger.ts';
import { migrate } from '../server/migrate.ts';
import { seedIfEmpty } from '../server/seed.ts';

const config = loadConfig();
const logger = createLogger(config);
const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
try {
  const version = await migrate(db);
  const seed = await seedIfEmpty(db, config, new Date());
  logger.info({ engine: db.engine, version, ...seed }, 'migrated');
} finally {
  await db.close();
}
