import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { Health } from '../../common/api.ts';
import { loadConfig } from '../../server/config.ts';
import { readGeodata } from '../../server/geodata-loader.ts';
import { startServer } from '../../server/start.ts';

// the default mode a newcomer gets with no DATABASE_URL: embedded PGlite + PostGIS in a child
// process, persisted under DATA_DIR, so a restart keeps everything and does not seed again.

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'licheng-pglite-'));
const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: dataDir });
const logger = pino({ level: 'silent' });
const compounds = readGeodata('geodata').compounds.features;

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('embedded PGlite + PostGIS (no DATABASE_URL)', () => {
  it('starts empty, migrates, seeds, serves; a restart keeps changes and does not reseed', async () => {
    const first = await startServer(config, logger);
    try {
      const health = (await (await fetch(`${first.url}/api/health`)).json()) as Health;
      expect(health).toEqual({
        status: 'ok',
        engine: 'pglite',
        postgis: expect.stringMatching(/^3\.6\./),
        migration: 20,
        dataOrigin: 'demonstration',
      });
      const layer = await (await fetch(`${first.url}/api/layers/compounds`)).json();
      expect(layer.features).toHaveLength(compounds.length);
      await first.db.query(`UPDATE compounds SET name = '改名测试小区' WHERE id = 1`);
    } finally {
      await first.close();
    }
    expect(fs.existsSync(path.join(dataDir, 'pgdata', 'PG_VERSION'))).toBe(true);

    const second = await startServer(config, logger);
    try {
      const layer = (await (await fetch(`${second.url}/api/layers/compounds`)).json()) as {
        features: { properties: { id: number; name: string } }[];
      };
      expect(layer.features.find((f) => f.properties.id === 1)?.properties.name).toBe(
        '改名测试小区',
      );
      const [{ n }] = (await second.db.query('SELECT count(*)::int AS n FROM compounds')) as [
        { n: number },
      ];
      expect(n).toBe(compounds.length);
    } finally {
      await second.close();
    }
  });

  it('refuses a data directory that a live process holds', async () => {
    const lockDir = fs.mkdtempSync(path.join(os.tmpdir(), 'licheng-lock-'));
    fs.writeFileSync(path.join(lockDir, 'embedded.pid'), String(process.pid));
    const locked = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: lockDir });
    await expect(startServer(locked, logger)).rejects.toThrow(
      `embedded database failed to start: DATA_DIR ${lockDir} is in use by process ${process.pid}`,
    );
    fs.rmSync(lockDir, { recursive: true, force: true });
  });
});
