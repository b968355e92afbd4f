import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import compression from 'compression';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { Server as SocketServer } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../common/events.ts';
import { compoundsRouter } from './compounds/compounds-routes.ts';
import type { Config } from './config.ts';
import { coverageRouter } from './coverage/coverage-routes.ts';
import type { Db } from './db.ts';
import { errorMiddleware, notFound } from './errors.ts';
import { healthRouter } from './health/health-routes.ts';
import { layersRouter } from './layers/layers-routes.ts';

export type AppDeps = {
  db: Db;
  config: Config;
  logger: Logger;
  /** the clock, injectable so tests can fix "today" */
  now?: () => Date;
};

export type App = {
  app: express.Express;
  httpServer: http.Server;
  io: SocketServer<ClientToServerEvents, ServerToClientEvents>;
};

// optional online basemap (Tianditu); everything else is served from this origin
const TIANDITU = 'https://*.tianditu.gov.cn';

/** Builds the HTTP app, the Socket.IO server on the same http.Server, and mounts every route. */
export function createApp({ db, config, logger, now = () => new Date() }: AppDeps): App {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple'); // no nested objects from ?a[b]=c
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:', 'blob:', TIANDITU],
          'connect-src': ["'self'", 'ws:', 'wss:', TIANDITU],
          'worker-src': ["'self'", 'blob:'],
        },
      },
    }),
  );
  app.use(compression()); // GeoJSON layers shrink ~5x; see bench/layers-payload.ts
  app.use(express.json({ limit: '100kb' }));

  app.use(healthRouter(db));
  app.use(layersRouter(db));
  app.use(compoundsRouter(db));
  app.use(coverageRouter(db, config, now));
  app.use('/api', () => {
    throw notFound('Unknown API route');
  });
  serveClient(app, config.clientDir);
  app.use(errorMiddleware(logger));

  const httpServer = http.createServer(app);
  const io = new SocketServer<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    serveClient: false,
  });
  return { app, httpServer, io };
}

// the built client (npm run build) with a single-page fallback; absent in `npm run dev`
function serveClient(app: express.Express, dir: string) {
  const index = path.join(dir, 'index.html');
  app.use(express.static(dir, { index: false, maxAge: '1h' }));
  app.get('/{*splat}', (_req, res) => {
    if (!fs.existsSync(index)) {
      res.status(404).type('text').send(`Client not built: run "npm run build" (looked in ${dir})`);
      return;
    }
    res.sendFile(index, { maxAge: 0 });
  });
}
