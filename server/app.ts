import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import compression from 'compression';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { Server as SocketServer } from 'socket.io';
import type { DataOrigin } from '../common/api.ts';
import { authenticate, authRouter, type AuthOptions } from './auth/auth-routes.ts';
import { userRoom } from './auth/principal.ts';
import { bundlingRouter } from './bundling/bundling-routes.ts';
import { attachBundlingSocket } from './bundling/bundling-socket.ts';
import { proposalsRouter } from './bundling/proposals-routes.ts';
import { callbacksHandler, commandFeedRouter } from './command-feed/command-feed-routes.ts';
import { committeeOptions } from './committees/committee-options.ts';
import { committeesRouter } from './committees/committees-routes.ts';
import { compoundRegisterRouter } from './compounds/compound-register-routes.ts';
import { compoundsRouter } from './compounds/compounds-routes.ts';
import type { Config } from './config.ts';
import { coverageRouter } from './coverage/coverage-routes.ts';
import type { Db } from './db.ts';
import { enterprisesRouter } from './enterprises/enterprises-routes.ts';
import { inspectionsRouter } from './enterprises/inspections-routes.ts';
import { errorMiddleware, notFound } from './errors.ts';
import { BATCH_BODY_LIMIT, grievancesBatchRouter } from './grievances/grievances-batch-routes.ts';
import { grievancesRouter } from './grievances/grievances-routes.ts';
import { DirectoryPhotoStore } from './photos/photo-store.ts';
import { photosRouter } from './photos/photos-routes.ts';
import { IntakeQueue } from './grievances/intake-queue.ts';
import { attachGrievanceSocket, type GrievanceIo } from './grievances/grievances-socket.ts';
import { healthRouter } from './health/health-routes.ts';
import { HeavyReads } from './heavy-reads.ts';
import { fundsRouter } from './funds/funds-routes.ts';
import { importsRouter } from './imports/imports-routes.ts';
import { layersRouter } from './layers/layers-routes.ts';
import { open311Router } from './open311/open311-routes.ts';
import { openApiRouter } from './openapi/openapi-routes.ts';
import {
  intakeRateLimit,
  loginRateLimit,
  rateLimitStore,
  type RedisClient,
} from './rate-limits.ts';
import { reportsRouter } from './reports/reports-routes.ts';
import { requestLogging } from './request-logging.ts';
import { stationRegisterRouter } from './stations/station-register-routes.ts';
import { TokenBuckets } from './token-buckets.ts';
import { usersRouter } from './users/users-routes.ts';
import { wallRouter } from './wall/wall-routes.ts';
import { chinaDate } from './wall/wall-rules.ts';

export type AppDeps = {
  db: Db;
  config: Config;
  logger: Logger;
  /** signs session tokens; shared by every server process (start.ts reads it from the database) */
  sessionSecret: string;
  /** the clock, injectable so tests can fix "today" */
  now?: () => Date;
  /** shares rate-limit counters across processes (REDIS_URL); the Socket.IO adapter is set by start.ts */
  redis?: RedisClient | null;
  /** what the database holds; every API answer says so in X-Data-Origin */
  dataOrigin: DataOrigin;
};

export type App = {
  app: express.Express;
  httpServer: http.Server;
  io: GrievanceIo;
  auth: AuthOptions;
};

// optional online basemap (Tianditu); everything else is served from this origin
const TIANDITU = 'https://*.tianditu.gov.cn';
const HSTS = 'max-age=31536000; includeSubDomains'; // helmet's default

/** Builds the HTTP app, the Socket.IO server on the same http.Server, and mounts every route. */
export function createApp({
  db,
  config,
  logger,
  sessionSecret,
  now = () => new Date(),
  redis = null,
  dataOrigin,
}: AppDeps): App {
  const auth: AuthOptions = {
    secret: sessionSecret,
    ttlHours: config.sessionTtlHours,
    integrationApiKey: config.integrationApiKey,
    now,
  };
  const app = express();
  app.disable('x-powered-by');
  // first: every request has its id (X-Request-Id) and its log line, whatever answers it
  app.use(requestLogging(logger));
  app.set('query parser', 'simple'); // no nested objects from ?a[b]=c
  // behind a reverse proxy, req.ip (rate limits, logs) is the client's only if the proxy is trusted
  app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:', 'blob:', TIANDITU],
          // CSP3 'self' also matches this origin's ws:/wss: (Socket.IO), and no other host
          'connect-src': ["'self'", TIANDITU],
          'worker-src': ["'self'", 'blob:'],
        },
      },
      strictTransportSecurity: false, // below: only on HTTPS, where browsers heed it
    }),
  );
  // HSTS over plain HTTP means nothing to a browser and pins nothing; behind a TLS-terminating
  // proxy req.secure follows X-Forwarded-Proto once 'trust proxy' is set
  app.use((req, res, next) => {
    if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
    next();
  });
  app.use(compression()); // GeoJSON layers shrink ~5x; see bench/layers-payload.ts
  const httpServer = createHttpServer(app, config.http);
  const io: GrievanceIo = new SocketServer(httpServer, { serveClient: false });
  const feed = {
    secret: config.commandFeed.secret,
    enabled: Boolean(config.commandFeed.url && config.commandFeed.secret),
    personalData: config.commandFeed.personalData,
    logger,
  };
  // signed over the raw body, so before the JSON parser
  app.post('/api/command-feed/callbacks', ...callbacksHandler(db, io, feed));
  // a batch of reports may be larger than the 100 kB every other request is held to
  app.post('/api/events\\:batch', express.json({ limit: BATCH_BODY_LIMIT }));
  app.use(express.json({ limit: '100kb' }));
  // sync pages and event lists take turns (heavy-reads.ts); health, login and session checks
  // go ahead of every queue (db.priority), so they answer while heavy reads wait
  const heavyReads = new HeavyReads(config.load.heavyReadsMax);
  const perUser = new TokenBuckets({
    perMinute: config.load.syncPerMinute,
    burst: config.load.syncBurst,
  });
  attachGrievanceSocket(io, db, auth, { heavyReads, perUser });
  attachBundlingSocket(io);

  app.post(
    '/api/auth/login',
    loginRateLimit(config.rateLimits.loginPerMinute, rateLimitStore(redis, 'login')),
  );
  // a batch counts as one request here; it carries at most BATCH_MAX events
  const intakeLimit = intakeRateLimit(
    config.rateLimits.intakePerMinute,
    rateLimitStore(redis, 'intake'),
  );
  app.post('/api/events', intakeLimit);
  app.post('/api/events\\:batch', intakeLimit);
  app.use('/api', (_req, res, next) => {
    res.setHeader('X-Data-Origin', dataOrigin);
    next();
  });
  app.use('/api', authenticate(db.priority, auth));
  app.use(healthRouter(db.priority));
  app.use(openApiRouter());
  // a logout ends the user's live sockets too, on every process (the adapter carries it)
  const dropSockets = (userId: number) => io.in(userRoom(userId)).disconnectSockets(true);
  app.use(authRouter(db.priority, auth, dropSockets));
  // deactivation and a new password end the user's sessions; a new scope changes their rooms
  app.use(usersRouter(db, { dropSockets }));
  app.get('/api/events', heavyReads.middleware());
  app.use(layersRouter(db));
  app.use(compoundsRouter(db));
  app.use(compoundRegisterRouter(db, { today: () => chinaDate(now()) }));
  app.use(stationRegisterRouter(db, { today: () => chinaDate(now()) }));
  app.use(importsRouter(db, { maxBytes: config.imports.maxBytes, today: () => chinaDate(now()) }));
  app.use(fundsRouter(db, { today: () => chinaDate(now()), committees: committeeOptions(config) }));
  app.use(
    reportsRouter(db, {
      coverage: config.coverage,
      committees: committeeOptions(config),
      now,
      today: () => chinaDate(now()),
    }),
  );
  app.use(coverageRouter(db, config, now));
  // one group commit for every intake door (the API and Open311): their reports share batches
  const intake = new IntakeQueue(db);
  app.use(grievancesBatchRouter(io, intake, logger));
  app.use(grievancesRouter(db, io, intake));
  app.use(photosRouter(db, new DirectoryPhotoStore(config.photos.dir), config.photos.maxBytes));
  app.use(wallRouter(db, config, now));
  app.use(bundlingRouter(db, io));
  app.use(commandFeedRouter(db, feed));
  app.use(proposalsRouter(db, io, { baselineDate: config.coverage.baselineDate, now }));
  app.use(committeesRouter(db, { rules: committeeOptions(config), today: () => chinaDate(now()) }));
  const enterprises = { rule: config.enterpriseScoreRule, today: () => chinaDate(now()) };
  app.use(enterprisesRouter(db, enterprises));
  app.use(inspectionsRouter(db, enterprises));
  app.use('/api', () => {
    throw notFound('Unknown API route');
  });
  app.use(
    '/open311/v2',
    open311Router({
      intake,
      db,
      io,
      auth,
      config,
      logger,
      rateLimitStore: rateLimitStore(redis, 'open311'),
    }),
  ); // form-encoded, own errors
  serveClient(app, config.clientDir);
  app.use(errorMiddleware(logger));
  return { app, httpServer, io, auth };
}

// node's defaults let a client hold a connection for minutes (requestTimeout 300 s) by sending a
// body slowly; the check runs every connectionsCheckingInterval, so keep that below the timeouts
function createHttpServer(app: express.Express, limits: Config['http']): http.Server {
  const server = http.createServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(
        30_000,
        Math.max(100, Math.floor(limits.headersTimeoutMs / 4)),
      ),
    },
    app,
  );
  server.maxConnections = limits.maxConnections;
  return server;
}

// the built client (npm run build) with a single-page fallback; absent in `npm run dev`
function serveClient(app: express.Express, dir: string) {
  const index = path.join(dir, 'index.html');
  app.use(
    express.static(dir, {
      index: false,
      maxAge: '1h',
      // the service worker and the manifest are checked for updates on every visit
      setHeaders: (res, file) => {
        if (/[\\/](sw\.js|manifest\.webmanifest)$/.test(file)) {
          res.setHeader('Cache-Control', 'no-cache');
        }
      },
    }),
  );
  app.get('/{*splat}', (_req, res) => {
    if (!fs.existsSync(index)) {
      res.status(404).type('text').send(`Client not built: run "npm run build" (looked in ${dir})`);
      return;
    }
    res.sendFile(index, { maxAge: 0 });
  });
}
