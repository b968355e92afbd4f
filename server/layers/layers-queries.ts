import type { LAYER_FIELDS } from '../../common/api.ts';
import type { LayerName } from '../../common/domain.ts';
import type { BBox } from '../../common/geo.ts';
import type { Queryable } from '../db.ts';

type LayerSpec<L extends LayerName> = {
  table: string;
  key: string; // SQL expression for the key property (code or id)
  keyName: 'code' | 'id';
  order: string;
  /** property name → SQL expression, one for every field the contract offers */
  fields: Record<(typeof LAYER_FIELDS)[L][number], string>;
};

// the property names are the wire names of common/api.ts; the SQL columns are their snake_case twins
const LAYERS: { [L in LayerName]: LayerSpec<L> } = {
  district: { table: 'district', key: 'code', keyName: 'code', order: 'code', fields: {} },
  streets: {
    table: 'streets',
    key: 'code',
    keyName: 'code',
    order: 'code',
    fields: { kind: 'kind', areaKm2: 'round((ST_Area(geom_m) / 1e6)::numeric, 3)::float8' },
  },
  communities: {
    table: 'communities',
    key: 'code',
    keyName: 'code',
    order: 'code',
    fields: {
      streetCode: 'street_code',
      areaKm2: 'round((ST_Area(geom_m) / 1e6)::numeric, 3)::float8',
    },
  },
  grids: {
    table: 'grids',
    key: 'code',
    keyName: 'code',
    order: 'code',
    fields: { communityCode: 'community_code' },
  },
  compounds: {
    table: 'compounds',
    key: 'id',
    keyName: 'id',
    order: 'id',
    fields: {
      coverageMode: 'coverage_mode',
      households: 'households',
      buildings: 'buildings',
      yearBuilt: 'year_built',
      longTermManaged: 'long_term_managed',
      streetCode: 'street_code',
      communityCode: 'community_code',
      gridCode: 'grid_code',
      enterpriseId: 'enterprise_id',
    },
  },
  stations: {
    table: 'stations',
    key: 'id',
    keyName: 'id',
    order: 'id',
    fields: {
      kind: 'kind',
      services: 'services',
      streetCode: 'street_code',
      communityCode: 'community_code',
      compoundId: 'compound_id',
    },
  },
  cameras: {
    table: 'cameras',
    key: 'id',
    keyName: 'id',
    order: 'id',
    fields: {
      compoundId: 'compound_id',
      platformCameraId: 'platform_camera_id',
      streamUrl: 'stream_url',
    },
  },
};

export type LayerQuery = { bbox?: BBox; fields: readonly string[] };

/**
 * Returns the layer as a GeoJSON FeatureCollection serialised by PostGIS (the server never parses
 * it), with properties {key, name, ...fields}. `fields` must come from LAYER_FIELDS[layer].
 */
export async function findLayerGeoJson(
  db: Queryable,
  layer: LayerName,
  q: LayerQuery,
): Promise<string> {
  const spec = LAYERS[layer];
  const fieldSql: Record<string, string> = spec.fields;
  const props = [`'${spec.keyName}', ${spec.key}`, `'name', name`];
  for (const f of q.fields) {
    if (!fieldSql[f]) throw new Error(`Unknown field for layer ${layer}: ${f}`);
    props.push(`'${f}', ${fieldSql[f]}`);
  }
  const params: unknown[] = [];
  let where = '';
  if (q.bbox) {
    params.push(...q.bbox);
    where = 'WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)';
  }
  const sql = `
    SELECT json_build_object(
      'type', 'FeatureCollection',
      'features', coalesce(json_agg(json_build_object(
        'type', 'Feature',
        'id', ${spec.key},
        'geometry', ST_AsGeoJSON(geom, 6)::json,
        'properties', json_build_object(${props.join(', ')})
      ) ORDER BY ${spec.order}), '[]'::json)
    )::text AS body
    FROM ${spec.table} ${where}`;
  const [row] = await db.query<{ body: string }>(sql, params);
  return row!.body;
}
