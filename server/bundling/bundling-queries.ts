import type {
  BundlingCompound,
  BundlingUnit,
  NeighbourEdge,
  NeighbourGraph,
} from '../../common/bundling.ts';
import type { Queryable } from '../db.ts';
import { BUNDLING_COMPOUNDS_SQL, NEIGHBOUR_GRAPH_SQL } from './bundling-graph-sql.ts';

/** The solver's input from PostGIS: compounds (metric centroids) and neighbour edges, one street or all. */
export async function findNeighbourGraph(
  db: Queryable,
  q: { neighbourDistanceM: number; unit: BundlingUnit; streetCode: string | null },
): Promise<NeighbourGraph> {
  const compounds = await db.query<BundlingCompound>(BUNDLING_COMPOUNDS_SQL, [q.streetCode]);
  const edges = await db.query<NeighbourEdge>(NEIGHBOUR_GRAPH_SQL, [
    q.neighbourDistanceM,
    q.unit,
    q.streetCode,
  ]);
  return { compounds, edges };
}

/** Only the selected compounds and the edges among them: enough to evaluate a hand-made bundle. */
export async function findSelectionGraph(
  db: Queryable,
  ids: number[],
  neighbourDistanceM: number,
): Promise<NeighbourGraph> {
  const compounds = await db.query<BundlingCompound>(
    `SELECT c.id, c.households, c.buildings, c.community_code AS "communityCode",
            c.street_code AS "streetCode", c.coverage_mode AS "coverageMode",
            ST_X(ST_Centroid(c.geom_m)) AS x, ST_Y(ST_Centroid(c.geom_m)) AS y
     FROM compounds c WHERE c.id = ANY($1) ORDER BY c.id`,
    [ids],
  );
  const edges = await db.query<NeighbourEdge>(
    `SELECT a.id AS a, b.id AS b, ST_Distance(a.geom_m, b.geom_m) AS "distanceM"
     FROM compounds a JOIN compounds b ON a.id < b.id AND ST_DWithin(a.geom_m, b.geom_m, $2::float8)
     WHERE a.id = ANY($1) AND b.id = ANY($1)`,
    [ids, neighbourDistanceM],
  );
  return { compounds, edges };
}
