// The district joint command platform, simulated (scripts/platform-simulator/platform-server.ts):
//   tsx scripts/platform-simulator.ts --port 3100 --secret … \
//     --callback-url http://127.0.0.1:3000/api/command-feed/callbacks [--manual]
// the secret may come from COMMAND_FEED_SECRET; --manual sends no automatic `accept` callbacks.
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { startPlatformSimulator } from './platform-simulator/platform-server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3100' },
    host: { type: 'string', default: '127.0.0.1' },
    secret: { type: 'string', default: process.env.COMMAND_FEED_SECRET },
    'callback-url': { type: 'string' },
    manual: { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
if (!(Number.isInteger(port) && port >= 0 && port <= 65535))
  throw new Error(`--port must be an integer in [0, 65535], got ${values.port}`);
if (!values.secret) throw new Error('--secret (or COMMAND_FEED_SECRET) is required');

const platform = await startPlatformSimulator({
  port,
  host: values.host,
  secret: values.secret,
  callbackUrl: values['callback-url'],
  autoAccept: !values.manual,
  logger: pino({ level: process.env.LOG_LEVEL ?? 'info', base: { name: 'platform-simulator' } }),
});
console.log(`platform simulator: POST ${platform.url}/feed, control at ${platform.url}/control`);
const stop = () => void platform.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
