// `npm run migrate`: apply pending migrations and seed an empty database, then exit. The server
// does the same at every start; this is for preparing a database ahead of time (e.g. DATABASE_URL).
import { loadConfig } from '../server/config.ts';
import { openDb } from '../server/db.ts';
import { loadGeodataIfEmpty } from '../server/geodata-loader.ts';
import { createLogger } from '../server/logger.ts';
import { migrate } from '../server/migrate.ts';

const config = loadConfig();
const logger = createLogger(config);
const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
try {
  const version = await migrate(db);
  const seeded = await loadGeodataIfEmpty(db, config.geodataDir);
  logger.info(
    { engine: db.engine, version, seeded: seeded.loaded ? seeded.counts : false },
    'migrated',
  );
} finally {
  await db.close();
}
