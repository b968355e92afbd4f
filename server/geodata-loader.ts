import fs from 'node:fs';
import path from 'node:path';
import { GEODATA_FILES, type GeodataSet } from '../common/geodata.ts';
import type { Db, Queryable } from './db.ts';

export type LoadResult = { loaded: boolean; counts: Record<string, number> };

/** The boundary layers: what production loads too (the district outline is real; see geodata/README.md). */
export const BOUNDARY_LAYERS = ['district', 'streets', 'communities', 'grids'] as const;

/**
 * Loads geodata/ into an empty database in one transaction (all or nothing): the boundaries
 * always, the synthetic registers (enterprises, compounds, stations, committees, coverage history)
 * only with `demo`. Does nothing when the district is already there, so a restart keeps whatever
 * changed since the first start.
 */
export async function loadGeodataIfEmpty(
  db: Db,
  dir: string,
  { demo }: { demo: boolean },
): Promise<LoadResult> {
  const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM district')) as [
    { n: number },
  ];
  if (n > 0) return { loaded: false, counts: {} };
  const set = readGeodata(dir);
  const layers = INSERTS.filter(
    ([key]) => demo || (BOUNDARY_LAYERS as readonly string[]).includes(key),
  );
  const counts = await db.withTransaction((tx) => insertGeodata(tx, set, layers));
  // fresh tables have no statistics: without them the planner picks full scans for spatial joins
  await db.query('ANALYZE');
  return { loaded: true, counts };
}

/** Reads every file named in GEODATA_FILES from dir. */
export function readGeodata(dir: string): GeodataSet {
  const read = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  return Object.fromEntries(
    Object.entries(GEODATA_FILES).map(([key, file]) => [key, read(file)]),
  ) as GeodataSet;
}

// each layer goes in with one statement: the JSON travels as one parameter and PostGIS parses it
const INSERTS: [keyof GeodataSet, string][] = [
  [
    'district',
    `INSERT INTO district (code, name, geom)
     SELECT f->'properties'->>'code', f->'properties'->>'name',
            ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326))
     FROM jsonb_array_elements($1::jsonb->'features') f`,
  ],
  [
    'streets',
    `INSERT INTO streets (code, name, kind, geom)
     SELECT f->'properties'->>'code', f->'properties'->>'name', f->'properties'->>'kind',
            ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326)
     FROM jsonb_array_elements($1::jsonb->'features') f`,
  ],
  [
    'communities',
    `INSERT INTO communities (code, name, street_code, geom)
     SELECT f->'properties'->>'code', f->'properties'->>'name', f->'properties'->>'streetCode',
            ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326)
     FROM jsonb_array_elements($1::jsonb->'features') f`,
  ],
  [
    'grids',
    `INSERT INTO grids (code, name, community_code, geom)
     SELECT f->'properties'->>'code', f->'properties'->>'name', f->'properties'->>'communityCode',
            ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326)
     FROM jsonb_array_elements($1::jsonb->'features') f`,
  ],
  [
    'enterprises',
    `INSERT INTO enterprises (id, name, credit_code, founded)
     SELECT id, name, "creditCode", founded
     FROM jsonb_to_recordset($1::jsonb) AS e(id int, name text, "creditCode" text, founded int)`,
  ],
  [
    'compounds',
    `INSERT INTO compounds (id, name, street_code, community_code, grid_code, households, buildings,
                            year_built, coverage_mode, long_term_managed, enterprise_id, geom)
     SELECT (p->>'id')::int, p->>'name', p->>'streetCode', p->>'communityCode', p->>'gridCode',
            (p->>'households')::int, (p->>'buildings')::int, (p->>'yearBuilt')::int,
            p->>'coverageMode', (p->>'longTermManaged')::boolean, (p->>'enterpriseId')::int,
            ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326)
     FROM jsonb_array_elements($1::jsonb->'features') f, LATERAL (SELECT f->'properties' AS p) x`,
  ],
  [
    'stations',
    `INSERT INTO stations (id, name, kind, street_code, community_code, compound_id, services, geom)
     SELECT (p->>'id')::int, p->>'name', p->>'kind', p->>'streetCode', p->>'communityCode',
            (p->>'compoundId')::int,
            ARRAY(SELECT jsonb_array_elements_text(p->'services')),
            ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326)
     FROM jsonb_array_elements($1::jsonb->'features') f, LATERAL (SELECT f->'properties' AS p) x`,
  ],
  [
    'ownersCommittees',
    `INSERT INTO owners_committees (compound_id, status, members, owner_members, party_members,
                                    term_start, term_end)
     SELECT "compoundId", status, members, "ownerMembers", "partyMembers", "termStart", "termEnd"
     FROM jsonb_to_recordset($1::jsonb) AS c("compoundId" int, status text, members int,
       "ownerMembers" int, "partyMembers" int, "termStart" date, "termEnd" date)`,
  ],
  [
    'coverageHistory',
    `INSERT INTO coverage_history (compound_id, mode_before, mode_after, changed_on)
     SELECT "compoundId", "modeBefore", "modeAfter", "changedOn"
     FROM jsonb_to_recordset($1::jsonb)
       AS h("compoundId" int, "modeBefore" text, "modeAfter" text, "changedOn" date)`,
  ],
];

async function insertGeodata(
  tx: Queryable,
  set: GeodataSet,
  layers: typeof INSERTS,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [key, sql] of layers) {
    const value = set[key];
    try {
      await tx.query(sql, [JSON.stringify(value)]);
    } catch (err) {
      throw new Error(`loading geodata/${GEODATA_FILES[key]} failed: ${(err as Error).message}`, {
        cause: err,
      });
    }
    counts[key] = Array.isArray(value) ? value.length : value.features.length;
  }
  // explicit ids were inserted: move the identity sequences past them
  for (const table of ['enterprises', 'compound_register', 'station_register']) {
    await tx.query(
      `SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM ${table}), false)`,
    );
  }
  return counts;
}
