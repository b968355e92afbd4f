import path from 'node:path';
import { z } from 'zod';

// the only place that reads process.env: parsed once at start, fail fast with the variable named.
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000), // HTTP port for API, sockets and the built client
  HOST: z.string().default('127.0.0.1'), // interface to bind; 0.0.0.0 to serve the LAN
  DATABASE_URL: z.string().url().optional(), // PostgreSQL + PostGIS; unset = embedded PGlite + PostGIS
  DATA_DIR: z.string().default('.data'), // where the embedded database persists (ignored with DATABASE_URL)
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'), // production refuses demo defaults
  CLIENT_DIR: z.string().default('dist/client'), // the built client the server serves (npm run build)
  GEODATA_DIR: z.string().default('geodata'), // seed GeoJSON loaded into an empty database
  COVERAGE_BASELINE_DATE: z.iso.date().default('2024-03-18'), // the plan's date (泉鲤建〔2024〕25号)
  COVERAGE_TARGETS: z.string().default('2024-06-30:0.7,2024-12-31:1'), // date:share of baseline unmanaged covered
  SESSION_SECRET: z.string().min(32).optional(), // signs login tokens; unset = one generated and kept in the database
  SESSION_TTL_HOURS: z.coerce.number().min(0.1).max(720).default(12), // how long a login lasts
  INTEGRATION_API_KEY: z.string().min(16).optional(), // X-API-Key for machine intake; demo default outside production
  SEED_DEMO_USERS: z.stringbool().default(true), // one demo user per role (README); never in production
  SIMULATOR_EVENTS_PER_MINUTE: z.coerce.number().min(0).max(60_000).default(6), // npm start's demo event stream; 0 = off
  REDIS_URL: z.string().url().optional(), // Socket.IO broadcasts across server processes (redis-streams adapter)
  LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10), // per client address
  INTAKE_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(6000), // per API key or address
  OVERDUE_CHECK_SECONDS: z.coerce.number().min(1).max(3600).default(60), // how often the overdue job runs
});

/** The documented demo key (README); refused in production. */
export const DEMO_INTEGRATION_API_KEY = 'demo-integration-key-licheng';

export type CoverageTarget = { date: string; share: number };

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  nodeEnv: z.infer<typeof envSchema>['NODE_ENV'];
  clientDir: string;
  geodataDir: string;
  coverage: { baselineDate: string; targets: CoverageTarget[] };
  sessionSecret: string | undefined;
  sessionTtlHours: number;
  integrationApiKey: string | undefined;
  seedDemoUsers: boolean;
  simulatorEventsPerMinute: number;
  overdueCheckSeconds: number;
  redisUrl: string | undefined;
  rateLimits: { loginPerMinute: number; intakePerMinute: number };
};

/** Parses the environment into a typed Config; throws naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // an empty variable (`DATABASE_URL= npm start`) means unset, as shells usually intend
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && e.INTEGRATION_API_KEY === DEMO_INTEGRATION_API_KEY) {
    throw new Error(
      'Invalid configuration: INTEGRATION_API_KEY: the demo key is refused in production',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    nodeEnv: e.NODE_ENV,
    clientDir: path.resolve(e.CLIENT_DIR),
    geodataDir: path.resolve(e.GEODATA_DIR),
    coverage: { baselineDate: e.COVERAGE_BASELINE_DATE, targets: parseTargets(e.COVERAGE_TARGETS) },
    sessionSecret: e.SESSION_SECRET,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    integrationApiKey: e.INTEGRATION_API_KEY ?? (production ? undefined : DEMO_INTEGRATION_API_KEY),
    seedDemoUsers: e.SEED_DEMO_USERS && !production,
    simulatorEventsPerMinute: e.SIMULATOR_EVENTS_PER_MINUTE,
    overdueCheckSeconds: e.OVERDUE_CHECK_SECONDS,
    redisUrl: e.REDIS_URL,
    rateLimits: {
      loginPerMinute: e.LOGIN_ATTEMPTS_PER_MINUTE,
      intakePerMinute: e.INTAKE_REQUESTS_PER_MINUTE,
    },
  };
}

function parseTargets(text: string): CoverageTarget[] {
  return text.split(',').map((part) => {
    const [date, share] = part.split(':');
    const value = Number(share);
    if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !(value > 0 && value <= 1)) {
      throw new Error(
        `Invalid configuration: COVERAGE_TARGETS entry "${part}" must be YYYY-MM-DD:share with 0 < share ≤ 1`,
      );
    }
    return { date, share: value };
  });
}
