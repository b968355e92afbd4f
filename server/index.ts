// `npm start`: config → database (embedded unless DATABASE_URL) → migrate + seed → app on one
// port, plus the demo event simulator through the real intake API and the simulated district
// joint command platform (scripts/platform-simulator.ts) when enabled.
import { spawn } from 'node:child_process';
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { startServer } from './start.ts';

const config = loadConfig();
const logger = createLogger(config);

// the simulated district joint command platform starts first: the feed worker delivers to it
// as soon as the server is up, and it calls back to our server once that listens
const callbackHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
const platform =
  config.platformSimulator.enabled && config.commandFeed.secret
    ? spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'scripts/platform-simulator.ts',
          '--port',
          String(config.platformSimulator.port),
          '--callback-url',
          `http://${callbackHost}:${config.port}/api/command-feed/callbacks`,
        ],
        {
          stdio: 'inherit',
          env: { ...process.env, COMMAND_FEED_SECRET: config.commandFeed.secret },
        },
      )
    : null;
if (platform) logger.info({ port: config.platformSimulator.port }, 'platform simulator started');

try {
  const server = await startServer(config, logger);
  logger.info({ url: server.url, engine: server.db.engine }, 'listening');
  console.log(`\n  鲤城区红色物业指挥平台 is running at ${server.url}\n`);

  const rate = config.simulatorEventsPerMinute;
  const simulator =
    rate > 0 && config.integrationApiKey
      ? spawn(
          process.execPath,
          [
            '--import',
            'tsx',
            'scripts/simulate-events.ts',
            '--url',
            server.url,
            '--rate',
            String(rate),
          ],
          {
            stdio: 'inherit',
            env: { ...process.env, INTEGRATION_API_KEY: config.integrationApiKey },
          },
        )
      : null;
  if (simulator) logger.info({ eventsPerMinute: rate }, 'event simulator started');

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    simulator?.kill('SIGTERM');
    platform?.kill('SIGTERM');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
} catch (err) {
  logger.fatal({ err }, 'failed to start');
  platform?.kill('SIGTERM');
  process.exit(1);
}
