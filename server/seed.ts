import { bootstrapAdmin, seedDemoUsers } from './auth/auth-queries.ts';
import { seedCamerasIfEmpty } from './command-feed/outbox-queries.ts';
import { committeeOptions } from './committees/committee-options.ts';
import { fillCompliance } from './committees/committees-queries.ts';
import type { Config } from './config.ts';
import { findDataOrigin, markDemonstration } from './dataset-origin.ts';
import { seedEnterpriseDemoIfEmpty } from './enterprises/enterprise-seed.ts';
import type { Db } from './db.ts';
import { loadGeodataIfEmpty } from './geodata-loader.ts';
import { seedHistoryIfEmpty } from './grievances/history-seed.ts';

export type SeedReport = {
  seeded: Record<string, number> | false;
  demoUsers: number;
  cameras: number;
  historyEvents: number;
  bootstrapAdmin: boolean;
  dataOrigin: Awaited<ReturnType<typeof findDataOrigin>>;
};

/**
 * Seeds an empty database: the boundaries always; outside production (SEED_DEMO_DATA, SEED_DEMO_USERS)
 * the synthetic registers, cameras, event history, enterprises' files and demo users, labelling the database as
 * demonstration data; the bootstrap admin if configured and there are no users. Each step does
 * nothing when its tables already hold data, so every start may call it.
 */
export async function seedIfEmpty(db: Db, config: Config, now: Date): Promise<SeedReport> {
  const demo = config.seedDemoData;
  const seeded = await loadGeodataIfEmpty(db, config.geodataDir, { demo });
  const demoUsers = config.seedDemoUsers ? await seedDemoUsers(db) : 0;
  const cameras = demo ? await seedCamerasIfEmpty(db) : 0;
  const historyEvents = await seedHistoryIfEmpty(db, demo ? config.seedHistoryDays : 0, now);
  if ((seeded.counts.compounds ?? 0) + demoUsers + cameras + historyEvents > 0) {
    await markDemonstration(db);
  }
  const admin = config.bootstrapAdminPassword
    ? await bootstrapAdmin(db, config.bootstrapAdminPassword)
    : false;
  await fillCompliance(db, committeeOptions(config));
  if (demo) await seedEnterpriseDemoIfEmpty(db, now, config.enterpriseScoreRule);
  return {
    seeded: seeded.loaded ? seeded.counts : false,
    demoUsers,
    cameras,
    historyEvents,
    bootstrapAdmin: admin,
    dataOrigin: await findDataOrigin(db),
  };
}
