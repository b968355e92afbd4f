import type { Polygon } from '../../common/geo.ts';
import type { CompoundToDraw, ImportRecord } from '../../common/ledgers.ts';
import type { Queryable } from '../db.ts';
import type { CompoundFields, RegisterRow } from '../compounds/compound-register-queries.ts';
import type { FootprintFigures } from '../compounds/compound-rules.ts';

// The ledger import's reads and writes, batched: one statement per step for the whole file
// (jsonb_to_recordset / unnest), never one per row, so 10,000 rows stay a handful of round trips
// (bench/import-bench.ts measures it against row-by-row INSERTs).

export type Place = { code: string; name: string; streetCode: string; streetName: string };

/** Every community with its street, and every street (for names in a ledger). */
export async function loadPlaces(db: Queryable): Promise<Place[]> {
  return db.query<Place>(
    `SELECT c.code, c.name, c.street_code AS "streetCode", s.name AS "streetName"
     FROM communities c JOIN streets s ON s.code = c.street_code ORDER BY c.code`,
  );
}

export async function loadEnterpriseIds(db: Queryable): Promise<Map<string, number>> {
  const rows = await db.query<{ id: number; creditCode: string }>(
    'SELECT id, credit_code AS "creditCode" FROM enterprises',
  );
  return new Map(rows.map((r) => [r.creditCode, r.id]));
}

const REGISTER_COLUMNS = `id, name, street_code AS "streetCode", community_code AS "communityCode",
  grid_code AS "gridCode", households, buildings, year_built AS "yearBuilt",
  coverage_mode AS "coverageMode", enterprise_id AS "enterpriseId", version,
  ST_AsGeoJSON(geom, 7)::json AS geometry`;

/** Live compounds named by id or by (community, name); `lock` takes them FOR UPDATE. */
export async function findCompoundsFor(
  db: Queryable,
  ids: number[],
  keys: { communityCode: string; name: string }[],
  lock: boolean,
): Promise<RegisterRow[]> {
  return db.query<RegisterRow>(
    `SELECT ${REGISTER_COLUMNS} FROM compound_register
     WHERE retired_on IS NULL
       AND (id = ANY($1::int[])
            OR (community_code, name) IN (SELECT * FROM unnest($2::text[], $3::text[])))
     ORDER BY id ${lock ? 'FOR UPDATE' : ''}`,
    [ids, keys.map((k) => k.communityCode), keys.map((k) => k.name)],
  );
}

/**
 * WKT texts as GeoJSON objects, parsed by PostGIS (ST_GeomFromText): the whole batch in one
 * query; if PostGIS refuses one text, each alone, so the bad ones are named. null = not WKT.
 */
export async function parseWkt(db: Queryable, texts: string[]): Promise<(object | null)[]> {
  if (!texts.length) return [];
  const sql = `SELECT ST_AsGeoJSON(ST_GeomFromText(t), 9)::json AS g
               FROM unnest($1::text[]) WITH ORDINALITY AS x(t, i) ORDER BY i`;
  try {
    return (await db.query<{ g: object }>(sql, [texts])).map((r) => r.g);
  } catch {
    const out: (object | null)[] = [];
    for (const t of texts) {
      try {
        out.push((await db.query<{ g: object }>(sql, [[t]]))[0]!.g);
      } catch {
        out.push(null);
      }
    }
    return out;
  }
}

/**
 * For the GCJ-02 test (import-crs.ts detectCrs): how many positions fall inside their own
 * community and the district outline, read as given (`as`) and read as the alternative (`alt`).
 */
export async function countInside(
  db: Queryable,
  samples: { lng: number; lat: number; altLng: number; altLat: number; community: string }[],
): Promise<{ as: number; alt: number }> {
  const [row] = await db.query<{ as: number; alt: number }>(
    `SELECT count(*) FILTER (WHERE ST_Intersects(c.geom, ST_SetSRID(ST_MakePoint(x, y), 4326))
                               AND ST_Intersects(d.geom, ST_SetSRID(ST_MakePoint(x, y), 4326)))::int AS "as",
            count(*) FILTER (WHERE ST_Intersects(c.geom, ST_SetSRID(ST_MakePoint(ax, ay), 4326))
                               AND ST_Intersects(d.geom, ST_SetSRID(ST_MakePoint(ax, ay), 4326)))::int AS alt
     FROM unnest($1::float8[], $2::float8[], $3::float8[], $4::float8[], $5::text[]) AS s(x, y, ax, ay, cc)
     JOIN communities c ON c.code = s.cc CROSS JOIN (SELECT geom FROM district LIMIT 1) d`,
    [
      samples.map((s) => s.lng),
      samples.map((s) => s.lat),
      samples.map((s) => s.altLng),
      samples.map((s) => s.altLat),
      samples.map((s) => s.community),
    ],
  );
  return row!;
}

export type FootprintInput = {
  row: number;
  geometry: Polygon;
  communityCode: string;
  /** the compound it replaces (an update), left out of its own overlaps */
  targetId: number | null;
};

/**
 * measureFootprint (compound-register-queries.ts) for a whole file at once: validity, area, area
 * outside the district and the community, the grid it lies most in, and overlaps with the live
 * compounds the file does not update and with the file's other footprints. Through a temporary
 * table with a GiST index, dropped at the end of the transaction.
 */
export async function measureFootprints(
  tx: Queryable,
  items: FootprintInput[],
): Promise<Map<number, FootprintFigures & { gridCode: string | null }>> {
  const out = new Map<number, FootprintFigures & { gridCode: string | null }>();
  if (!items.length) return out;
  await tx.query(`CREATE TEMP TABLE import_footprints (
      row integer PRIMARY KEY, community_code text, target_id integer,
      valid boolean, reason text, m geometry) ON COMMIT DROP`);
  await tx.query(
    `INSERT INTO import_footprints (row, community_code, target_id, valid, reason, m)
     SELECT x.row, x.cc, x.tid, ST_IsValid(g), ST_IsValidReason(g),
            CASE WHEN ST_IsValid(g) THEN ST_Transform(g, 4549) END
     FROM (SELECT row, cc, tid, ST_SetSRID(ST_GeomFromGeoJSON(gj), 4326) AS g
           FROM jsonb_to_recordset($1::jsonb) AS r(row int, cc text, tid int, gj text)) x`,
    [
      JSON.stringify(
        items.map((i) => ({
          row: i.row,
          cc: i.communityCode,
          tid: i.targetId,
          gj: JSON.stringify(i.geometry),
        })),
      ),
    ],
  );
  await tx.query('CREATE INDEX ON import_footprints USING gist (m)');
  await tx.query('ANALYZE import_footprints');
  const rows = await tx.query<FootprintFigures & { row: number; gridCode: string | null }>(
    `SELECT f.row, f.valid, f.reason,
            coalesce(round(ST_Area(f.m))::int, 0) AS "areaM2",
            coalesce((SELECT round(ST_Area(ST_Difference(f.m, d.geom_m)))::int FROM district d LIMIT 1), 0)
              AS "outsideDistrictM2",
            coalesce((SELECT round(ST_Area(ST_Difference(f.m, c.geom_m)))::int FROM communities c
             WHERE c.code = f.community_code), 0) AS "outsideCommunityM2",
            (SELECT g.code FROM grids g WHERE g.community_code = f.community_code
               AND ST_Intersects(g.geom_m, f.m)
             ORDER BY ST_Area(ST_Intersection(g.geom_m, f.m)) DESC, g.code LIMIT 1) AS "gridCode",
            coalesce((SELECT json_agg(o ORDER BY o.id) FROM (
               SELECT c.id, c.name, round(ST_Area(ST_Intersection(c.geom_m, f.m)))::int AS m2
               FROM compounds c
               WHERE ST_Intersects(c.geom_m, f.m)
                 AND c.id NOT IN (SELECT target_id FROM import_footprints WHERE target_id IS NOT NULL)
               UNION ALL
               SELECT -o.row, '第' || o.row || '行', round(ST_Area(ST_Intersection(o.m, f.m)))::int
               FROM import_footprints o WHERE o.row <> f.row AND ST_Intersects(o.m, f.m)) o), '[]')
              AS overlaps
     FROM import_footprints f ORDER BY f.row`,
  );
  for (const { row, ...figures } of rows) {
    out.set(row, figures.valid ? figures : { ...figures, overlaps: [] });
  }
  return out;
}

/** A community's interior point: where a compound known only by its address waits to be drawn. */
export async function communityPoints(db: Queryable): Promise<Map<string, [number, number]>> {
  const rows = await db.query<{ code: string; lng: number; lat: number }>(
    `SELECT code, ST_X(p) AS lng, ST_Y(p) AS lat
     FROM (SELECT code, ST_PointOnSurface(geom) AS p FROM communities) x`,
  );
  return new Map(rows.map((r) => [r.code, [r.lng, r.lat]]));
}

/** Which of the points lie inside their community (a point to be drawn must). */
export async function pointsInCommunity(
  db: Queryable,
  points: { row: number; lng: number; lat: number; communityCode: string }[],
): Promise<Set<number>> {
  if (!points.length) return new Set();
  const rows = await db.query<{ row: number }>(
    `SELECT p.row FROM jsonb_to_recordset($1::jsonb) AS p(row int, lng float8, lat float8, cc text)
     JOIN communities c ON c.code = p.cc
     WHERE ST_Intersects(c.geom, ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326))`,
    [JSON.stringify(points.map((p) => ({ ...p, cc: p.communityCode })))],
  );
  return new Set(rows.map((r) => r.row));
}

export type ImportWrite = { row: number; fields: CompoundFields };
export type ImportUpdate = ImportWrite & { before: RegisterRow };
export type ToDraw = {
  row: number;
  fields: Omit<CompoundFields, 'geometry' | 'gridCode'>;
  address: string | null;
  located: 'point' | 'address';
  lng: number;
  lat: number;
};

const FIELD_RECORD = `name text, street_code text, community_code text, grid_code text,
  households int, buildings int, year_built int, coverage_mode text, enterprise_id int, gj text`;

// every field of the compounds named in $1 (records of asRecord with their id), version bumped
const UPDATE_FROM_RECORDS = `UPDATE compound_register c
  SET name = x.name, street_code = x.street_code, community_code = x.community_code,
      grid_code = x.grid_code, households = x.households, buildings = x.buildings,
      year_built = x.year_built, coverage_mode = x.coverage_mode, enterprise_id = x.enterprise_id,
      geom = ST_SetSRID(ST_GeomFromGeoJSON(x.gj), 4326), version = c.version + 1, updated_at = now()
  FROM jsonb_to_recordset($1::jsonb) AS x(id int, ${FIELD_RECORD})
  WHERE c.id = x.id`;

const asRecord = (f: CompoundFields) => ({
  name: f.name,
  street_code: f.streetCode,
  community_code: f.communityCode,
  grid_code: f.gridCode,
  households: f.households,
  buildings: f.buildings,
  year_built: f.yearBuilt,
  coverage_mode: f.coverageMode,
  enterprise_id: f.enterpriseId,
  gj: JSON.stringify(f.geometry),
});

/** Records the import; returns its id. */
export async function insertImport(
  tx: Queryable,
  r: Omit<ImportRecord, 'id' | 'at' | 'undoneAt' | 'undoneBy'>,
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO imports (register, file_name, sha256, crs, actor, created, updated, unchanged, to_draw)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [r.register, r.fileName, r.sha256, r.crs, r.actor, r.created, r.updated, r.unchanged, r.toDraw],
  );
  return row!.id;
}

/**
 * Writes an import's creations and updates in a few statements, each row audited (action
 * `import`, the reason naming the import and the file's hash) and kept in import_changes for undo.
 * A change of mode is recorded in the coverage history as a direct change is.
 */
export async function writeCompoundImport(
  tx: Queryable,
  w: {
    importId: number;
    actor: string;
    reason: string;
    today: string;
    creates: ImportWrite[];
    updates: ImportUpdate[];
    toDraw: ToDraw[];
  },
): Promise<void> {
  const created = await tx.query<{ id: number; row: number; version: number }>(
    `WITH x AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(row int, ${FIELD_RECORD})),
     ins AS (
       INSERT INTO compound_register (name, street_code, community_code, grid_code, households,
         buildings, year_built, coverage_mode, enterprise_id, geom)
       SELECT name, street_code, community_code, grid_code, households, buildings, year_built,
              coverage_mode, enterprise_id, ST_SetSRID(ST_GeomFromGeoJSON(gj), 4326)
       FROM x ORDER BY row
       RETURNING id, community_code, name, version)
     SELECT ins.id, x.row, ins.version FROM ins
     JOIN x ON x.community_code = ins.community_code AND x.name = ins.name`,
    [JSON.stringify(w.creates.map((c) => ({ row: c.row, ...asRecord(c.fields) })))],
  );
  const updated = await tx.query<{ id: number; version: number }>(
    `${UPDATE_FROM_RECORDS} RETURNING c.id, c.version`,
    [JSON.stringify(w.updates.map((u) => ({ id: u.before.id, ...asRecord(u.fields) })))],
  );
  const versionOf = new Map(updated.map((u) => [u.id, u.version]));
  const byRow = new Map(w.creates.map((c) => [c.row, c.fields]));
  const changes = [
    ...created.map((c) => ({
      row: c.row,
      id: c.id,
      action: 'create',
      before: null,
      after: byRow.get(c.row)!,
      version: c.version,
    })),
    ...w.updates.map((u) => {
      const { id, version: _v, ...before } = u.before;
      return {
        row: u.row,
        id,
        action: 'update',
        before,
        after: u.fields,
        version: versionOf.get(id)!,
      };
    }),
  ];
  await tx.query(
    `INSERT INTO compound_audit (compound_id, action, actor, before, after, reason)
     SELECT id, 'import', $2, before, after, $3
     FROM jsonb_to_recordset($1::jsonb) AS x(id int, before jsonb, after jsonb)`,
    [JSON.stringify(changes), w.actor, w.reason],
  );
  await tx.query(
    `INSERT INTO import_changes (import_id, row_number, target_id, action, before, version_after)
     SELECT $2, row, id, action, before, version
     FROM jsonb_to_recordset($1::jsonb) AS x(row int, id int, action text, before jsonb, version int)`,
    [JSON.stringify(changes), w.importId],
  );
  await tx.query(
    `INSERT INTO coverage_history (compound_id, mode_before, mode_after, changed_on, reason)
     SELECT id, mb, ma, $2::date, $3 FROM jsonb_to_recordset($1::jsonb) AS x(id int, mb text, ma text)`,
    [
      JSON.stringify(
        w.updates
          .filter((u) => u.before.coverageMode !== u.fields.coverageMode)
          .map((u) => ({ id: u.before.id, mb: u.before.coverageMode, ma: u.fields.coverageMode })),
      ),
      w.today,
      w.reason,
    ],
  );
  await tx.query(
    `INSERT INTO compounds_to_draw (import_id, name, street_code, community_code, households,
       buildings, year_built, coverage_mode, enterprise_id, address, located, geom)
     SELECT $2, name, street_code, community_code, households, buildings, year_built, coverage_mode,
            enterprise_id, address, located, ST_SetSRID(ST_MakePoint(lng, lat), 4326)
     FROM jsonb_to_recordset($1::jsonb) AS x(name text, street_code text, community_code text,
       households int, buildings int, year_built int, coverage_mode text, enterprise_id int,
       address text, located text, lng float8, lat float8)`,
    [
      JSON.stringify(
        w.toDraw.map((d) => ({
          ...asRecord({ ...d.fields, gridCode: '', geometry: null as unknown as Polygon }),
          address: d.address,
          located: d.located,
          lng: d.lng,
          lat: d.lat,
        })),
      ),
      w.importId,
    ],
  );
}

const IMPORT_COLUMNS = `id, register, file_name AS "fileName", sha256, crs, actor, at, created, updated,
  unchanged, to_draw AS "toDraw", undone_at AS "undoneAt", undone_by AS "undoneBy"`;

/** Applied imports, newest first. */
export async function listImports(db: Queryable, limit = 50): Promise<ImportRecord[]> {
  return db.query<ImportRecord>(`SELECT ${IMPORT_COLUMNS} FROM imports ORDER BY id DESC LIMIT $1`, [
    limit,
  ]);
}

export async function lockImport(tx: Queryable, id: number): Promise<ImportRecord | null> {
  const [row] = await tx.query<ImportRecord>(
    `SELECT ${IMPORT_COLUMNS} FROM imports WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return row ?? null;
}

export type ImportChange = {
  targetId: number;
  action: 'create' | 'update';
  before: Omit<RegisterRow, 'id' | 'version'> | null;
  versionAfter: number;
  /** the compound's version now; null when it was retired since */
  versionNow: number | null;
  streetCode: string;
  communityCode: string;
};

/** An import's changes with each compound's version now, the compounds locked. */
export async function lockImportChanges(tx: Queryable, importId: number): Promise<ImportChange[]> {
  return tx.query<ImportChange>(
    `SELECT ic.target_id AS "targetId", ic.action, ic.before, ic.version_after AS "versionAfter",
            CASE WHEN c.retired_on IS NULL THEN c.version END AS "versionNow",
            c.street_code AS "streetCode", c.community_code AS "communityCode"
     FROM import_changes ic JOIN compound_register c ON c.id = ic.target_id
     WHERE ic.import_id = $1 ORDER BY ic.row_number FOR UPDATE OF c`,
    [importId],
  );
}

/**
 * Undoes an import whose compounds are all still as it left them: its creations are retired, its
 * updates written back, its points to be drawn dropped; each compound audited (`undo`).
 */
export async function undoCompoundImport(
  tx: Queryable,
  u: { importId: number; changes: ImportChange[]; actor: string; today: string; reason: string },
): Promise<void> {
  const creates = u.changes.filter((c) => c.action === 'create').map((c) => c.targetId);
  const updates = u.changes.filter((c) => c.action === 'update');
  const afterRows = await tx.query<RegisterRow>(
    `SELECT ${REGISTER_COLUMNS} FROM compound_register WHERE id = ANY($1::int[])`,
    [u.changes.map((c) => c.targetId)],
  );
  const after = new Map(afterRows.map(({ id, version: _v, ...f }) => [id, f]));
  await tx.query(
    `UPDATE compound_register SET retired_on = $2, retire_reason = $3, version = version + 1,
       updated_at = now() WHERE id = ANY($1::int[])`,
    [creates, u.today, u.reason],
  );
  await tx.query(UPDATE_FROM_RECORDS, [
    JSON.stringify(updates.map((c) => ({ id: c.targetId, ...asRecord(c.before!) }))),
  ]);
  await tx.query(
    `INSERT INTO coverage_history (compound_id, mode_before, mode_after, changed_on, reason)
     SELECT id, mb, ma, $2::date, $3 FROM jsonb_to_recordset($1::jsonb) AS x(id int, mb text, ma text)`,
    [
      JSON.stringify(
        updates
          .filter((c) => after.get(c.targetId)!.coverageMode !== c.before!.coverageMode)
          .map((c) => ({
            id: c.targetId,
            mb: after.get(c.targetId)!.coverageMode,
            ma: c.before!.coverageMode,
          })),
      ),
      u.today,
      u.reason,
    ],
  );
  await tx.query(
    `INSERT INTO compound_audit (compound_id, action, actor, before, after, reason)
     SELECT id, 'undo', $2, before, after, $3
     FROM jsonb_to_recordset($1::jsonb) AS x(id int, before jsonb, after jsonb)`,
    [
      JSON.stringify(
        u.changes.map((c) => ({
          id: c.targetId,
          before: after.get(c.targetId),
          after: c.before ?? { retiredOn: u.today },
        })),
      ),
      u.actor,
      u.reason,
    ],
  );
  await tx.query('DELETE FROM compounds_to_draw WHERE import_id = $1', [u.importId]);
  await tx.query('UPDATE imports SET undone_at = now(), undone_by = $2 WHERE id = $1', [
    u.importId,
    u.actor,
  ]);
}

/** Compounds waiting to be drawn, in the caller's area (null = the district). */
export async function listToDraw(
  db: Queryable,
  area: { streets: string[]; communities: string[] } | null,
): Promise<CompoundToDraw[]> {
  return db.query(
    `SELECT id, import_id AS "importId", name, street_code AS "streetCode",
            community_code AS "communityCode", households, coverage_mode AS "coverageMode",
            address, located, ST_X(geom) AS lng, ST_Y(geom) AS lat
     FROM compounds_to_draw
     WHERE $1::boolean OR street_code = ANY($2::text[]) OR community_code = ANY($3::text[])
     ORDER BY id`,
    [area === null, area?.streets ?? [], area?.communities ?? []],
  );
}
