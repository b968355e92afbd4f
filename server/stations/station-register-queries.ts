import type { StationRecord } from '../../common/api.ts';
import type { Position } from '../../common/geo.ts';
import type { Queryable } from '../db.ts';
import { auditRegisterChange } from '../register-audit.ts';
import type { StationPlace } from './station-rules.ts';

// Writes to the station register: create, edit, retire; each with its audit row.

// a station as the register answers it (StationRecord)
const STATION_COLUMNS = `id, name, kind, services, street_code AS "streetCode",
  community_code AS "communityCode", compound_id AS "compoundId", version,
  json_build_array(round(ST_X(geom)::numeric, 6), round(ST_Y(geom)::numeric, 6)) AS location`;

const NEAR_COMPOUND_M = 30; // a compound station may stand at a compound's gate

export type StationRow = StationRecord;

/** The street, community and (live) compound at a point; all null outside the district. */
export async function findStationPlace(db: Queryable, [lng, lat]: Position): Promise<StationPlace> {
  const [row] = await db.query<StationPlace>(
    `WITH p AS (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326) AS g,
                       ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 4549) AS m)
     SELECT (SELECT s.code FROM streets s WHERE ST_Intersects(s.geom, p.g) ORDER BY s.code LIMIT 1)
              AS "streetCode",
            (SELECT c.code FROM communities c WHERE ST_Intersects(c.geom, p.g) ORDER BY c.code LIMIT 1)
              AS "communityCode",
            (SELECT o.id FROM compounds o WHERE ST_DWithin(o.geom_m, p.m, $3)
             ORDER BY ST_Distance(o.geom_m, p.m), o.id LIMIT 1) AS "compoundId"
     FROM p`,
    [lng, lat, NEAR_COMPOUND_M],
  );
  return row!;
}

/** A live station, locked for a change; null if there is none (or it is retired). */
export async function lockStation(tx: Queryable, id: number): Promise<StationRow | null> {
  const [row] = await tx.query<StationRow>(
    `SELECT ${STATION_COLUMNS}
     FROM station_register WHERE id = $1 AND retired_on IS NULL FOR UPDATE`,
    [id],
  );
  return row ?? null;
}

/** A registered station, retired or not (whose area its history belongs to). */
export async function findRegisteredStation(db: Queryable, id: number): Promise<StationRow | null> {
  const [row] = await db.query<StationRow>(
    `SELECT ${STATION_COLUMNS} FROM station_register WHERE id = $1`,
    [id],
  );
  return row ?? null;
}

export type StationFields = Omit<StationRow, 'id' | 'version'>;

const values = (f: StationFields) => [
  f.name,
  f.kind,
  f.services,
  f.streetCode,
  f.communityCode,
  f.compoundId,
  f.location[0],
  f.location[1],
];

/** Registers a station; returns its id. */
export async function insertStation(
  tx: Queryable,
  f: StationFields,
  actor: string,
  reason: string | null,
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO station_register (name, kind, services, street_code, community_code, compound_id, geom)
     VALUES ($1, $2, $3, $4, $5, $6, ST_SetSRID(ST_MakePoint($7, $8), 4326)) RETURNING id`,
    values(f),
  );
  await auditRegisterChange(tx, 'station', {
    id: row!.id,
    action: 'create',
    actor,
    before: null,
    after: f,
    reason,
  });
  return row!.id;
}

/** Writes a station's new fields, bumps its version, audits before → after. */
export async function updateStation(
  tx: Queryable,
  before: StationRow,
  f: StationFields,
  actor: string,
  reason: string | null,
): Promise<void> {
  await tx.query(
    `UPDATE station_register
     SET name = $2, kind = $3, services = $4, street_code = $5, community_code = $6,
         compound_id = $7, geom = ST_SetSRID(ST_MakePoint($8, $9), 4326), version = version + 1
     WHERE id = $1`,
    [before.id, ...values(f)],
  );
  const { id: _id, version: _v, ...was } = before;
  await auditRegisterChange(tx, 'station', {
    id: before.id,
    action: 'edit',
    actor,
    before: was,
    after: f,
    reason,
  });
}

/** Retires a station: it leaves the live register (the `stations` view), its history stays. */
export async function retireStation(
  tx: Queryable,
  before: StationRow,
  retiredOn: string,
  reason: string,
  actor: string,
): Promise<void> {
  await tx.query(
    `UPDATE station_register SET retired_on = $2, retire_reason = $3, version = version + 1
     WHERE id = $1`,
    [before.id, retiredOn, reason],
  );
  const { id: _id, version: _v, ...was } = before;
  await auditRegisterChange(tx, 'station', {
    id: before.id,
    action: 'retire',
    actor,
    before: was,
    after: { retiredOn },
    reason,
  });
}

/** A station as the register answers it. */
export async function findStation(db: Queryable, id: number): Promise<StationRow | null> {
  const [row] = await db.query<StationRow>(
    `SELECT ${STATION_COLUMNS}
     FROM stations WHERE id = $1`,
    [id],
  );
  return row ?? null;
}
