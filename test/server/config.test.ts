import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, loadConfig } from '../../server/config.ts';
import { DEFAULT_SCORE_RULE } from '../../server/enterprises/credit-score.ts';

describe('ENTERPRISE_SCORE_RULE', () => {
  it('overrides the named weights and keeps the rest', () => {
    const rule = loadConfig({
      ENTERPRISE_SCORE_RULE: '{"redMin":90,"badConduct":-20}',
    }).enterpriseScoreRule;
    expect(rule).toEqual({ ...DEFAULT_SCORE_RULE, redMin: 90, badConduct: -20 });
  });

  it('refuses an unknown key, naming the variable', () => {
    expect(() => loadConfig({ ENTERPRISE_SCORE_RULE: '{"redmin":90}' })).toThrow(
      /ENTERPRISE_SCORE_RULE: unknown key redmin/,
    );
  });
});

describe('.env.example', () => {
  it('names exactly the variables the server reads, in its order', () => {
    const named = [...fs.readFileSync('.env.example', 'utf8').matchAll(/^# ([A-Z][A-Z0-9_]*)=/gm)];
    expect(named.map((m) => m[1])).toEqual(CONFIG_VARIABLES);
  });
});

describe('loadConfig', () => {
  it('gives documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: path.resolve('.data'),
      logLevel: 'info',
      nodeEnv: 'development',
      clientDir: path.resolve('dist/client'),
      geodataDir: path.resolve('geodata'),
      coverage: {
        baselineDate: '2024-03-18',
        targets: [
          { date: '2024-06-30', share: 0.7 },
          { date: '2024-12-31', share: 1 },
        ],
      },
      sessionSecret: undefined,
      sessionTtlHours: 12,
      integrationApiKey: 'demo-integration-key-licheng',
      seedDemoUsers: true,
      seedDemoData: true,
      bootstrapAdminPassword: undefined,
      committees: { disclosureDueMonths: 1 },
      enterpriseScoreRule: DEFAULT_SCORE_RULE,
      imports: { maxBytes: 20 * 1024 * 1024 },
      simulatorEventsPerMinute: 6,
      analyzeEverySeconds: 60,
      trustProxy: false,
      overdueCheckSeconds: 60,
      seedHistoryDays: 90,
      dbConnectTimeoutMs: 5000,
      load: { heavyReadsMax: 2, syncPerMinute: 60, syncBurst: 10 },
      http: {
        requestTimeoutMs: 30_000,
        headersTimeoutMs: 10_000,
        keepAliveTimeoutMs: 5000,
        maxConnections: 5000,
      },
      redisUrl: undefined,
      photos: { dir: path.resolve('.data/photos'), maxBytes: 5_000_000 },
      commandFeed: {
        url: 'http://127.0.0.1:3100/feed',
        secret: 'demo-command-feed-secret',
        personalData: false,
        maxAttempts: 20,
        backoffBaseMs: 1000,
        backoffMaxMs: 300_000,
        pollMs: 500,
        timeoutMs: 10_000,
      },
      platformSimulator: { enabled: true, port: 3100 },
      rateLimits: { loginPerMinute: 10, intakePerMinute: 6000 },
    });
  });

  it('feeds a configured platform instead of the simulator; production needs a real secret', () => {
    const real = loadConfig({ COMMAND_PLATFORM_URL: 'https://platform.example/feed' });
    expect(real.commandFeed.url).toBe('https://platform.example/feed');
    expect(real.platformSimulator.enabled).toBe(false);
    const production = loadConfig({ NODE_ENV: 'production' });
    expect(production.commandFeed).toMatchObject({ url: undefined, secret: undefined });
    expect(production.platformSimulator.enabled).toBe(false);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', COMMAND_FEED_SECRET: 'demo-command-feed-secret' }),
    ).toThrow('COMMAND_FEED_SECRET: the demo secret is refused in production');
    expect(() => loadConfig({ FEED_BACKOFF_BASE_MS: '5000', FEED_BACKOFF_MAX_MS: '1000' })).toThrow(
      'FEED_BACKOFF_BASE_MS must not exceed FEED_BACKOFF_MAX_MS',
    );
  });

  it('refuses the demo integration key and seeds no demo users in production', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', INTEGRATION_API_KEY: 'demo-integration-key-licheng' }),
    ).toThrow('INTEGRATION_API_KEY: the demo key is refused in production');
    const production = loadConfig({ NODE_ENV: 'production' });
    expect(production.integrationApiKey).toBeUndefined();
    expect(production.seedDemoUsers).toBe(false);
    expect(production.seedDemoData).toBe(false);
  });

  it('names the variable and the accepted range of a bad port', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(
      /^Invalid configuration: PORT: Too big: expected number to be <=65535/,
    );
  });

  it('rejects a DATABASE_URL that is not a URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'localhost' })).toThrow(/DATABASE_URL/);
  });

  it('rejects a coverage target share outside (0, 1]', () => {
    expect(() => loadConfig({ COVERAGE_TARGETS: '2024-06-30:1.5' })).toThrow(
      'COVERAGE_TARGETS entry "2024-06-30:1.5" must be YYYY-MM-DD:share with 0 < share ≤ 1',
    );
  });

  it('reads TRUST_PROXY as Express takes it, and refuses what it is not', () => {
    const trust = (TRUST_PROXY: string) => loadConfig({ TRUST_PROXY }).trustProxy;
    expect(['false', 'true', '1', 'loopback', 'loopback, 10.0.0.0/8'].map(trust)).toEqual([
      false,
      true,
      1,
      'loopback',
      'loopback, 10.0.0.0/8',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'any proxy; please' })).toThrow(
      /^Invalid configuration: TRUST_PROXY: expected a hop count/,
    );
  });
});
