import type { CoverageMode } from '../../common/domain.ts';
import type { Polygon } from '../../common/geo.ts';
import type { Queryable } from '../db.ts';
import { auditRegisterChange } from '../register-audit.ts';
import type { FootprintFigures } from './compound-rules.ts';

// Writes to the compound register: create, edit, change of mode, retire; each with its audit row.

export type RegisterRow = {
  id: number;
  name: string;
  streetCode: string;
  communityCode: string;
  gridCode: string;
  households: number;
  buildings: number;
  yearBuilt: number;
  coverageMode: CoverageMode;
  enterpriseId: number | null;
  version: number;
  geometry: Polygon;
};

/** The community and its street, or null if there is no such community. */
export async function findCommunity(
  db: Queryable,
  code: string,
): Promise<{ code: string; name: string; streetCode: string } | null> {
  const [row] = await db.query<{ code: string; name: string; streetCode: string }>(
    'SELECT code, name, street_code AS "streetCode" FROM communities WHERE code = $1',
    [code],
  );
  return row ?? null;
}

export async function enterpriseExists(db: Queryable, id: number): Promise<boolean> {
  return (await db.query('SELECT 1 FROM enterprises WHERE id = $1', [id])).length === 1;
}

/**
 * Measures a footprint against the district, a community and the other live compounds (metric
 * work on EPSG:4549). Validity is measured first: the rest needs a valid polygon.
 */
export async function measureFootprint(
  db: Queryable,
  geometry: Polygon,
  communityCode: string,
  exceptId: number | null,
): Promise<FootprintFigures & { gridCode: string | null }> {
  const geojson = JSON.stringify(geometry);
  const [v] = await db.query<{ valid: boolean; reason: string }>(
    `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason
     FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) x`,
    [geojson],
  );
  if (!v!.valid) {
    return {
      ...v!,
      areaM2: 0,
      outsideDistrictM2: 0,
      outsideCommunityM2: 0,
      overlaps: [],
      gridCode: null,
    };
  }
  const [row] = await db.query<
    Omit<FootprintFigures, 'valid' | 'reason'> & { gridCode: string | null }
  >(
    `WITH f AS (SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), 4549) AS m)
     SELECT round(ST_Area(f.m))::int AS "areaM2",
            (SELECT round(ST_Area(ST_Difference(f.m, d.geom_m)))::int FROM district d LIMIT 1)
              AS "outsideDistrictM2",
            (SELECT round(ST_Area(ST_Difference(f.m, c.geom_m)))::int FROM communities c
             WHERE c.code = $2) AS "outsideCommunityM2",
            (SELECT g.code FROM grids g WHERE g.community_code = $2 AND ST_Intersects(g.geom_m, f.m)
             ORDER BY ST_Area(ST_Intersection(g.geom_m, f.m)) DESC, g.code LIMIT 1) AS "gridCode",
            coalesce((SELECT json_agg(json_build_object('id', o.id, 'name', o.name,
                        'm2', round(ST_Area(ST_Intersection(o.geom_m, f.m)))::int) ORDER BY o.id)
                      FROM compounds o
                      WHERE ST_Intersects(o.geom_m, f.m) AND o.id IS DISTINCT FROM $3::int), '[]')
              AS overlaps
     FROM f`,
    [geojson, communityCode, exceptId],
  );
  return { valid: true, reason: v!.reason, ...row! };
}

/** A live compound, locked for a change; null if there is none (or it is retired). */
export async function lockCompound(tx: Queryable, id: number): Promise<RegisterRow | null> {
  const [row] = await tx.query<RegisterRow>(
    `SELECT id, name, street_code AS "streetCode", community_code AS "communityCode",
            grid_code AS "gridCode", households, buildings, year_built AS "yearBuilt",
            coverage_mode AS "coverageMode", enterprise_id AS "enterpriseId", version,
            ST_AsGeoJSON(geom, 6)::json AS geometry
     FROM compound_register WHERE id = $1 AND retired_on IS NULL FOR UPDATE`,
    [id],
  );
  return row ?? null;
}

/** A registered compound's units, retired or not (whose area its history belongs to). */
export async function findRegisteredUnits(
  db: Queryable,
  id: number,
): Promise<Pick<RegisterRow, 'streetCode' | 'communityCode' | 'gridCode'> | null> {
  const [row] = await db.query<Pick<RegisterRow, 'streetCode' | 'communityCode' | 'gridCode'>>(
    `SELECT street_code AS "streetCode", community_code AS "communityCode", grid_code AS "gridCode"
     FROM compound_register WHERE id = $1`,
    [id],
  );
  return row ?? null;
}

export type CompoundFields = Omit<RegisterRow, 'id' | 'version'>;

/** Registers a new compound; returns its id. */
export async function insertCompound(
  tx: Queryable,
  f: CompoundFields,
  actor: string,
  reason: string | null,
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO compound_register (name, street_code, community_code, grid_code, households,
       buildings, year_built, coverage_mode, enterprise_id, geom)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, ST_SetSRID(ST_GeomFromGeoJSON($10), 4326))
     RETURNING id`,
    [
      f.name,
      f.streetCode,
      f.communityCode,
      f.gridCode,
      f.households,
      f.buildings,
      f.yearBuilt,
      f.coverageMode,
      f.enterpriseId,
      JSON.stringify(f.geometry),
    ],
  );
  await auditRegisterChange(tx, 'compound', {
    id: row!.id,
    action: 'create',
    actor,
    before: null,
    after: f,
    reason,
  });
  return row!.id;
}

/** Writes a compound's new fields, bumps its version, audits before → after. */
export async function updateCompound(
  tx: Queryable,
  before: RegisterRow,
  f: CompoundFields,
  action: 'edit' | 'mode',
  actor: string,
  reason: string | null,
): Promise<void> {
  await tx.query(
    `UPDATE compound_register
     SET name = $2, street_code = $3, community_code = $4, grid_code = $5, households = $6,
         buildings = $7, year_built = $8, coverage_mode = $9, enterprise_id = $10,
         geom = ST_SetSRID(ST_GeomFromGeoJSON($11), 4326), version = version + 1, updated_at = now()
     WHERE id = $1`,
    [
      before.id,
      f.name,
      f.streetCode,
      f.communityCode,
      f.gridCode,
      f.households,
      f.buildings,
      f.yearBuilt,
      f.coverageMode,
      f.enterpriseId,
      JSON.stringify(f.geometry),
    ],
  );
  const { id: _id, version: _version, ...was } = before;
  await auditRegisterChange(tx, 'compound', {
    id: before.id,
    action,
    actor,
    before: was,
    after: f,
    reason,
  });
}

/** Records a direct change of mode (not through a bundle) in the coverage history. */
export async function recordModeChange(
  tx: Queryable,
  c: { id: number; before: CoverageMode; after: CoverageMode; changedOn: string; reason: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO coverage_history (compound_id, mode_before, mode_after, changed_on, reason)
     VALUES ($1, $2, $3, $4, $5)`,
    [c.id, c.before, c.after, c.changedOn, c.reason],
  );
}

/** Retires a compound: it leaves the live register (the `compounds` view) but keeps its history. */
export async function retireCompound(
  tx: Queryable,
  before: RegisterRow,
  retiredOn: string,
  reason: string,
  actor: string,
): Promise<void> {
  await tx.query(
    `UPDATE compound_register SET retired_on = $2, retire_reason = $3, version = version + 1,
       updated_at = now() WHERE id = $1`,
    [before.id, retiredOn, reason],
  );
  const { id: _id, version: _version, ...was } = before;
  await auditRegisterChange(tx, 'compound', {
    id: before.id,
    action: 'retire',
    actor,
    before: was,
    after: { retiredOn },
    reason,
  });
}
