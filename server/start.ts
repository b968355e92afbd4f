import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp, type App } from './app.ts';
import type { Config } from './config.ts';
import { openDb, type Db } from './db.ts';
import { loadGeodataIfEmpty } from './geodata-loader.ts';
import { migrate } from './migrate.ts';

export type RunningServer = App & {
  db: Db;
  url: string;
  /** Stops accepting, closes sockets and the database (flushing the embedded one to disk). */
  close(): Promise<void>;
};

/** Opens the database, migrates, seeds an empty one from geodata/, and listens. */
export async function startServer(
  config: Config,
  logger: Logger,
  now?: () => Date,
): Promise<RunningServer> {
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
  try {
    const migration = await migrate(db);
    const seeded = await loadGeodataIfEmpty(db, config.geodataDir);
    logger.info(
      { engine: db.engine, migration, seeded: seeded.loaded ? seeded.counts : false },
      'database ready',
    );
  } catch (err) {
    await db.close();
    throw err;
  }
  const app = createApp({ db, config, logger, now });
  await new Promise<void>((resolve) => app.httpServer.listen(config.port, config.host, resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await app.io.close(); // also closes the http server
      app.httpServer.closeAllConnections();
      await db.close();
    })());
  return { ...app, db, url, close };
}
