// the solver's input from PostGIS, for the bundling queries to run (server/bundling/ does no I/O
// itself). Both read the projected, GiST-indexed geom_m (EPSG:4549, metres), never geography:
// RECIPE.md measured the indexed projected ST_DWithin join at 75 ms on 2,000 polygons.

/**
 * Compounds as `BundlingCompound` rows (centroid in EPSG:4549 metres).
 * $1: street code to restrict to, or null for the whole district.
 */
export const BUNDLING_COMPOUNDS_SQL = `
SELECT c.id,
       c.households,
       c.buildings,
       c.community_code AS "communityCode",
       c.street_code AS "streetCode",
       c.coverage_mode AS "coverageMode",
       ST_X(ST_Centroid(c.geom_m)) AS x,
       ST_Y(ST_Centroid(c.geom_m)) AS y
FROM compounds c
WHERE $1::text IS NULL OR c.street_code = $1
ORDER BY c.id`;

/**
 * Neighbour edges as `NeighbourEdge` rows: each pair once (a < b), edge-to-edge distance in metres,
 * only pairs inside the same unit and with at least one unmanaged compound (two managed compounds
 * never share a bundle). ST_DWithin on geom_m uses the GiST index.
 * $1: neighbour distance in metres; $2: 'community' or 'street'; $3: street code or null.
 */
export const NEIGHBOUR_GRAPH_SQL = `
SELECT a.id AS a,
       b.id AS b,
       ST_Distance(a.geom_m, b.geom_m) AS "distanceM"
FROM compounds a
JOIN compounds b
  ON a.id < b.id
 AND ST_DWithin(a.geom_m, b.geom_m, $1::float8)
 AND a.street_code = b.street_code
 AND ($2::text = 'street' OR a.community_code = b.community_code)
WHERE ($3::text IS NULL OR a.street_code = $3)
  AND (a.coverage_mode = 'none' OR b.coverage_mode = 'none')
ORDER BY a.id, b.id`;
