import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const MIGRATION_LOCK = 7_350_502; // advisory lock key: one migrator at a time across processes

export type Migration = { version: number; name: string; sql: string };

/** Reads server/migrations/NNN-name.sql in version order. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}-[a-z0-9-]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: path.basename(file, '.sql').slice(4),
      sql: fs.readFileSync(path.join(dir, file), 'utf8'),
    }));
}

/**
 * Applies the migrations not yet recorded in schema_migrations, all in one transaction with their
 * records, so a failure leaves nothing half-written. Safe to run from several processes at once.
 * @returns the highest applied version
 */
export async function migrate(db: Db, migrations = readMigrations()): Promise<number> {
  return db.withTransaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      try {
        await tx.query(m.sql);
        await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          m.version,
          m.name,
        ]);
      } catch (err) {
        throw new Error(`migration ${m.version}-${m.name} failed: ${(err as Error).message}`, {
          cause: err,
        });
      }
      applied.add(m.version);
    }
    return Math.max(0, ...applied);
  });
}
