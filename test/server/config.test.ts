import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';

describe('loadConfig', () => {
  it('gives documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: path.resolve('.data'),
      logLevel: 'info',
      nodeEnv: 'production',
      clientDir: path.resolve('dist/client'),
      geodataDir: path.resolve('geodata'),
      coverage: {
        baselineDate: '2024-03-18',
        targets: [
          { date: '2024-06-30', share: 0.7 },
          { date: '2024-12-31', share: 1 },
        ],
      },
    });
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
});
