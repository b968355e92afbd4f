// `npm start`: config → database (embedded unless DATABASE_URL) → migrate + seed → app on one port.
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { startServer } from './start.ts';

const config = loadConfig();
const logger = createLogger(config);

try {
  const server = await startServer(config, logger);
  logger.info({ url: server.url, engine: server.db.engine }, 'listening');
  console.log(`\n  鲤城区红色物业指挥平台 is running at ${server.url}\n`);
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
} catch (err) {
  logger.fatal({ err }, 'failed to start');
  process.exit(1);
}
