import type { Queryable } from '../db.ts';

export const ROUTING = {
  compoundToleranceM: 30, // a point this close to a compound's edge belongs to it
  duplicateRadiusM: 50, // an open event of the same category this near …
  duplicateWindowHours: 24, // … reported this recently is a likely duplicate
};

export type RoutedPoint = {
  insideDistrict: boolean;
  gridCode: string;
  communityCode: string;
  streetCode: string;
  outsideGrid: boolean;
  compoundId: number | null;
};

/** $1 lng[], $2 lat[], $3 compound tolerance in metres → one row per point, in input order */
export const ROUTE_POINTS_SQL = `
  -- each step MATERIALIZED: inlined, PostgreSQL re-evaluates the per-point subqueries several times
  WITH pt AS MATERIALIZED (
    SELECT i, ST_SetSRID(ST_MakePoint(lng, lat), 4326) AS g,
           ST_Transform(ST_SetSRID(ST_MakePoint(lng, lat), 4326), 4549) AS m
    FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS u(lng, lat, i)
  ),
  inside AS MATERIALIZED (
    -- OFFSET 0 keeps the planner from walking grids in code order to satisfy ORDER BY … LIMIT
    SELECT pt.*, (SELECT code FROM (SELECT g.code FROM grids g WHERE ST_Intersects(g.geom, pt.g) OFFSET 0) x
                  ORDER BY code LIMIT 1) AS code
    FROM pt
  ),
  chosen AS MATERIALIZED (
    -- the KNN orders by distance alone so the GiST index serves it; ties broken among the 4 nearest
    SELECT i, g, m, code IS NULL AS outside,
           coalesce(code, (SELECT code FROM (SELECT g.code, g.geom_m <-> inside.m AS d FROM grids g
                                             ORDER BY g.geom_m <-> inside.m LIMIT 4) k
                           ORDER BY d, code LIMIT 1)) AS code
    FROM inside
  )
  SELECT ch.i::int AS i,
         EXISTS (SELECT 1 FROM district d WHERE ST_Intersects(d.geom, ch.g)) AS "insideDistrict",
         ch.code AS "gridCode", gr.community_code AS "communityCode", m.street_code AS "streetCode",
         ch.outside AS "outsideGrid",
         (SELECT id FROM (SELECT c.id, ST_Distance(c.geom_m, ch.m) AS d FROM compounds c
                          WHERE ST_DWithin(c.geom_m, ch.m, $3) OFFSET 0) x
          ORDER BY d, id LIMIT 1) AS "compoundId"
  FROM chosen ch
  JOIN grids gr ON gr.code = ch.code
  JOIN communities m ON m.code = gr.community_code
  ORDER BY ch.i`;

/**
 * Routes points to grid, community, street and compound in one query (GiST index lookups, no
 * scan). The rule: the grid containing the point; on a shared border (it lies in several) the
 * lowest grid code; in no grid, the nearest grid, flagged outsideGrid. The compound is the one
 * containing the point or nearest within ROUTING.compoundToleranceM (lowest id on a tie).
 */
export async function routePoints(
  db: Queryable,
  points: { lng: number; lat: number }[],
): Promise<RoutedPoint[]> {
  if (points.length === 0) return [];
  const rows = await db.query<RoutedPoint & { i: number }>(ROUTE_POINTS_SQL, [
    points.map((p) => p.lng),
    points.map((p) => p.lat),
    ROUTING.compoundToleranceM,
  ]);
  return rows.map(({ i: _i, ...r }) => r);
}
