import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_SCORE_RULE, type ScoreRule } from './enterprises/credit-score.ts';

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
  SEED_DEMO_DATA: z.stringbool().default(true), // synthetic compounds, committees, enterprises, stations, history and cameras from geodata/ into an empty database; never in production
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12).max(200).optional(), // creates district admin `admin` with this password when there are no users (first production start)
  COMMITTEE_DISCLOSURE_DUE_MONTHS: z.coerce.number().int().min(1).max(3).default(1), // a quarter's disclosure is due by the end of this month of the next quarter (三(三))
  ENTERPRISE_SCORE_RULE: z.string().optional(), // JSON overriding the credit score's weights and list thresholds (server/enterprises/credit-score.ts, docs/enterprises.md), e.g. {"redMin":90}
  IMPORT_MAX_MB: z.coerce.number().min(0.1).max(200).default(20), // largest ledger file an import takes (413 beyond); 20 MB holds ~100,000 compound rows
  SIMULATOR_EVENTS_PER_MINUTE: z.coerce.number().min(0).max(60_000).default(6), // npm start's demo event stream; 0 = off
  REDIS_URL: z.string().url().optional(), // Socket.IO broadcasts across server processes (redis-streams adapter)
  LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10), // failed attempts per client address and username
  TRUST_PROXY: z
    .string()
    .regex(/^(\d{1,2}|true|false|([0-9A-Za-z.:/]+)(\s*,\s*[0-9A-Za-z.:/]+)*)$/, {
      error:
        'expected a hop count, true, false, or a comma list of addresses, CIDRs, loopback, uniquelocal',
    })
    .default('false'), // which proxies' X-Forwarded-For to believe (Express "trust proxy"); false = none
  INTAKE_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(6000), // per API key or address
  OVERDUE_CHECK_SECONDS: z.coerce.number().min(1).max(3600).default(60), // how often the overdue job runs
  ANALYZE_EVERY_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60), // refresh the busiest tables' planner statistics when autovacuum does not (PGlite, or off); 0 = never
  COMMAND_PLATFORM_URL: z.string().url().optional(), // where the joint command platform takes our feed; unset = feed kept pending
  COMMAND_FEED_SECRET: z.string().min(16).optional(), // HMAC secret shared with the platform; demo default outside production
  COMMAND_FEED_PERSONAL_DATA: z.stringbool().default(false), // the contract allows reporters' names and phones
  FEED_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(20), // then a message is a dead letter
  FEED_BACKOFF_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(1000), // first retry delay, doubling
  FEED_BACKOFF_MAX_MS: z.coerce.number().int().min(1).max(86_400_000).default(300_000), // longest retry delay
  FEED_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500), // how often an idle feed worker looks
  FEED_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000), // per delivery request
  PLATFORM_SIMULATOR: z.stringbool().optional(), // npm start runs the platform simulator (default: on outside production)
  PLATFORM_SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(3100), // its HTTP port
  SEED_HISTORY_DAYS: z.coerce.number().int().min(0).max(3650).default(90), // days of grievance history seeded into an empty events table; 0 = none
  // resilience and load bounds (server/db.ts, server/heavy-reads.ts, grievances-socket.ts, app.ts)
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000), // PostgreSQL: a silent server answers 503 after this
  HEAVY_READS_MAX: z.coerce.number().int().min(1).max(1000).default(2), // grievance:sync pages and event lists running at once, server-wide; more wait in line
  SYNC_PER_MINUTE: z.coerce.number().min(1).max(1_000_000).default(60), // grievance:sync calls per user and minute, per process (token bucket refill)
  SYNC_BURST: z.coerce.number().int().min(1).max(100_000).default(10), // grievance:sync calls a user may make at once (token bucket size)
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000), // a request's headers and body must arrive within this
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000), // a request's headers must arrive within this
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(5000), // idle keep-alive connections close after this; above a proxy's own
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(5000), // open connections (sockets included); more are dropped
  // photo evidence (issue 16): files in a directory; an S3-compatible store is documented in docs/field-use.md
  PHOTO_DIR: z.string().optional(), // where event photos are kept; unset = DATA_DIR/photos
  PHOTO_MAX_BYTES: z.coerce.number().int().min(10_000).max(50_000_000).default(5_000_000), // one photo's upload limit (413 beyond); phones resize to ≈ 0.3 MB first
});

/** The variables the server reads (.env.example lists each with its default). */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape);

/** The documented demo key (README); refused in production. */
export const DEMO_INTEGRATION_API_KEY = 'demo-integration-key-licheng';
/** The documented demo secret of the command feed (README); refused in production. */
export const DEMO_COMMAND_FEED_SECRET = 'demo-command-feed-secret';

export type CoverageTarget = { date: string; share: number };

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** load the synthetic seed (geodata/ compounds and the rest) into an empty database */
  seedDemoData: boolean;
  bootstrapAdminPassword: string | undefined;
  committees: { disclosureDueMonths: number };
  /** the enterprises' credit score and red/black list rule: the defaults with ENTERPRISE_SCORE_RULE over them */
  enterpriseScoreRule: ScoreRule;
  imports: { maxBytes: number };
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
  /** ANALYZE the hot tables this often where autovacuum does not run; 0 = never */
  analyzeEverySeconds: number;
  seedHistoryDays: number;
  dbConnectTimeoutMs: number;
  /** bounds on heavy reads (server/heavy-reads.ts) and on grievance:sync per user */
  load: { heavyReadsMax: number; syncPerMinute: number; syncBurst: number };
  /** node's http.Server limits (app.ts) */
  http: {
    requestTimeoutMs: number;
    headersTimeoutMs: number;
    keepAliveTimeoutMs: number;
    maxConnections: number;
  };
  redisUrl: string | undefined;
  /** event photos: the directory they are kept in and one upload's limit */
  photos: { dir: string; maxBytes: number };
  commandFeed: {
    /** unset: the worker does not run and messages wait in the outbox */
    url: string | undefined;
    secret: string | undefined;
    personalData: boolean;
    maxAttempts: number;
    backoffBaseMs: number;
    backoffMaxMs: number;
    pollMs: number;
    timeoutMs: number;
  };
  platformSimulator: { enabled: boolean; port: number };
  rateLimits: { loginPerMinute: number; intakePerMinute: number };
  /** Express's "trust proxy": false, true, a hop count, or a list of addresses / CIDRs / names */
  trustProxy: boolean | number | string;
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
  if (production && e.COMMAND_FEED_SECRET === DEMO_COMMAND_FEED_SECRET) {
    throw new Error(
      'Invalid configuration: COMMAND_FEED_SECRET: the demo secret is refused in production',
    );
  }
  if (e.FEED_BACKOFF_BASE_MS > e.FEED_BACKOFF_MAX_MS) {
    throw new Error(
      'Invalid configuration: FEED_BACKOFF_BASE_MS must not exceed FEED_BACKOFF_MAX_MS',
    );
  }
  // the simulator stands in for the platform only when no real one is configured
  const simulator = (e.PLATFORM_SIMULATOR ?? !production) && !e.COMMAND_PLATFORM_URL;
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
    seedDemoData: e.SEED_DEMO_DATA && !production,
    bootstrapAdminPassword: e.BOOTSTRAP_ADMIN_PASSWORD,
    committees: { disclosureDueMonths: e.COMMITTEE_DISCLOSURE_DUE_MONTHS },
    enterpriseScoreRule: parseScoreRule(e.ENTERPRISE_SCORE_RULE),
    imports: { maxBytes: Math.round(e.IMPORT_MAX_MB * 1024 * 1024) },
    simulatorEventsPerMinute: e.SIMULATOR_EVENTS_PER_MINUTE,
    overdueCheckSeconds: e.OVERDUE_CHECK_SECONDS,
    analyzeEverySeconds: e.ANALYZE_EVERY_SECONDS,
    seedHistoryDays: e.SEED_HISTORY_DAYS,
    dbConnectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
    load: {
      heavyReadsMax: e.HEAVY_READS_MAX,
      syncPerMinute: e.SYNC_PER_MINUTE,
      syncBurst: e.SYNC_BURST,
    },
    http: {
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      // node requires headersTimeout ≤ requestTimeout
      headersTimeoutMs: Math.min(e.HTTP_HEADERS_TIMEOUT_MS, e.HTTP_REQUEST_TIMEOUT_MS),
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
    },
    redisUrl: e.REDIS_URL,
    photos: {
      dir: path.resolve(e.PHOTO_DIR ?? path.join(e.DATA_DIR, 'photos')),
      maxBytes: e.PHOTO_MAX_BYTES,
    },
    commandFeed: {
      url:
        e.COMMAND_PLATFORM_URL ??
        (simulator ? `http://127.0.0.1:${e.PLATFORM_SIMULATOR_PORT}/feed` : undefined),
      secret: e.COMMAND_FEED_SECRET ?? (production ? undefined : DEMO_COMMAND_FEED_SECRET),
      personalData: e.COMMAND_FEED_PERSONAL_DATA,
      maxAttempts: e.FEED_MAX_ATTEMPTS,
      backoffBaseMs: e.FEED_BACKOFF_BASE_MS,
      backoffMaxMs: e.FEED_BACKOFF_MAX_MS,
      pollMs: e.FEED_POLL_MS,
      timeoutMs: e.FEED_TIMEOUT_MS,
    },
    platformSimulator: { enabled: simulator, port: e.PLATFORM_SIMULATOR_PORT },
    rateLimits: {
      loginPerMinute: e.LOGIN_ATTEMPTS_PER_MINUTE,
      intakePerMinute: e.INTAKE_REQUESTS_PER_MINUTE,
    },
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
  };
}

function parseTrustProxy(text: string): boolean | number | string {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^\d+$/.test(text)) return Number(text);
  return text;
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

// the defaults with the given JSON object's numbers over them; an unknown key or a non-number stops the server
function parseScoreRule(json: string | undefined): ScoreRule {
  if (json === undefined) return { ...DEFAULT_SCORE_RULE };
  const fail = (why: string) => new Error(`Invalid configuration: ENTERPRISE_SCORE_RULE: ${why}`);
  let given: unknown;
  try {
    given = JSON.parse(json);
  } catch {
    throw fail('expected a JSON object, e.g. {"redMin":90}');
  }
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw fail('expected a JSON object, e.g. {"redMin":90}');
  }
  const rule: ScoreRule = { ...DEFAULT_SCORE_RULE };
  for (const [key, value] of Object.entries(given)) {
    if (!(key in rule))
      throw fail(`unknown key ${key}; expected any of ${Object.keys(rule).join(', ')}`);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw fail(`${key} must be a number`);
    rule[key as keyof ScoreRule] = value;
  }
  if (rule.windowDays < 1 || rule.listSize < 1)
    throw fail('windowDays and listSize must be at least 1');
  return rule;
}
