import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { createApp, type App } from './app.ts';
import type { DataOrigin } from '../common/api.ts';
import { sharedSecret } from './auth/auth-queries.ts';
import type { Config } from './config.ts';
import { startFeedWorker } from './command-feed/feed-worker.ts';
import { openDb, type Db } from './db.ts';
import { broadcastEvent } from './grievances/grievances-socket.ts';
import { escalateOverdue } from './grievances/overdue-job.ts';
import { migrate } from './migrate.ts';
import { seedIfEmpty } from './seed.ts';
import { analyzeHotTables, needsOwnAnalyze } from './statistics-job.ts';
import { chinaDate } from './wall/wall-rules.ts';

const nowDate = () => new Date();

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
  const db = await openDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    logger,
    connectTimeoutMs: config.dbConnectTimeoutMs,
  });
  let sessionSecret: string;
  let dataOrigin: DataOrigin;
  try {
    const migration = await migrate(db);
    const seed = await seedIfEmpty(db, config, (now ?? nowDate)());
    dataOrigin = seed.dataOrigin;
    sessionSecret = config.sessionSecret ?? (await sharedSecret(db, 'session'));
    logger.info({ engine: db.engine, migration, ...seed }, 'database ready');
  } catch (err) {
    await db.close();
    throw err;
  }
  const redis = config.redisUrl ? createClient({ url: config.redisUrl }) : null;
  await redis?.connect();
  const app = createApp({ db, config, logger, sessionSecret, now, redis, dataOrigin });
  if (redis) app.io.adapter(createAdapter(redis));
  // every process runs the job; SKIP LOCKED shares the work (overdue-job.ts)
  const overdueTimer = setInterval(() => {
    escalateOverdue(db)
      .then((changed) => changed.forEach((e) => broadcastEvent(app.io, e, false)))
      .catch((err: unknown) => logger.error({ err }, 'overdue job failed'));
  }, config.overdueCheckSeconds * 1000);
  overdueTimer.unref();
  // where autovacuum does not keep the planner's statistics (PGlite, or turned off), we do
  const ownAnalyze = config.analyzeEverySeconds > 0 && (await needsOwnAnalyze(db));
  const analyzeTimer = ownAnalyze
    ? setInterval(() => {
        analyzeHotTables(db).catch((err: unknown) => logger.warn({ err }, 'analyze failed'));
      }, config.analyzeEverySeconds * 1000)
    : null;
  analyzeTimer?.unref();
  // every process runs a feed worker; leases and SKIP LOCKED share the outbox (feed-worker.ts)
  const { url: feedUrl, secret: feedSecret, ...feedOptions } = config.commandFeed;
  const feedWorker =
    feedUrl && feedSecret
      ? startFeedWorker(
          db,
          {
            ...feedOptions,
            url: feedUrl,
            secret: feedSecret,
            // the daily property.snapshot never takes demonstration data to a real platform
            snapshots: dataOrigin === 'registers' || config.platformSimulator.enabled,
          },
          logger,
          () => chinaDate((now ?? nowDate)()),
        )
      : null;
  await new Promise<void>((resolve) => app.httpServer.listen(config.port, config.host, resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(overdueTimer);
      if (analyzeTimer) clearInterval(analyzeTimer);
      await feedWorker?.stop();
      // io.close() also closes the http server, which waits for open connections: end them now,
      // or a browser polling on a kept-alive connection holds the close open
      const ioClosed = app.io.close();
      app.httpServer.closeAllConnections();
      await ioClosed;
      await redis?.quit();
      await db.close();
    })());
  return { ...app, db, url, close };
}
