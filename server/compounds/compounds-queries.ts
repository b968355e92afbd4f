import type { CompoundDetail, EnterpriseSummary } from '../../common/api.ts';
import type { CommitteeCompliance, CommitteeState } from '../../common/committees.ts';
import type { CoverageMode, StationKind } from '../../common/domain.ts';
import type { Queryable } from '../db.ts';

type CompoundRow = {
  id: number;
  name: string;
  version: number;
  street_code: string;
  street_name: string;
  community_code: string;
  community_name: string;
  grid_code: string;
  grid_name: string;
  households: number;
  buildings: number;
  year_built: number;
  coverage_mode: CoverageMode;
  long_term_managed: boolean;
  enterprise_id: number | null;
  enterprise_name: string | null;
  enterprise_credit_code: string | null;
  committee_status: CommitteeState | null;
  committee_compliance: CommitteeCompliance | null;
  committee_members: number | null;
  committee_owner_members: number | null;
  committee_party_members: number | null;
  committee_term_start: string | null;
  committee_term_end: string | null;
  station_id: number | null;
  station_name: string | null;
  station_kind: StationKind | null;
  station_distance_m: number | null;
  area_m2: number;
  centroid_lng: number;
  centroid_lat: number;
};

/** One compound with its units, enterprise, owners' committee and nearest station; null if absent. */
export async function findCompoundDetail(
  db: Queryable,
  id: number,
): Promise<CompoundDetail | null> {
  const [row] = await db.query<CompoundRow>(
    `SELECT c.id, c.name, c.version, s.code AS street_code, s.name AS street_name,
            m.code AS community_code, m.name AS community_name, g.code AS grid_code, g.name AS grid_name,
            c.households, c.buildings, c.year_built, c.coverage_mode, c.long_term_managed,
            e.id AS enterprise_id, e.name AS enterprise_name, e.credit_code AS enterprise_credit_code,
            oc.status AS committee_status, oc.compliance AS committee_compliance,
            oc.members AS committee_members,
            oc.owner_members AS committee_owner_members, oc.party_members AS committee_party_members,
            to_char(oc.term_start, 'YYYY-MM-DD') AS committee_term_start,
            to_char(oc.term_end, 'YYYY-MM-DD') AS committee_term_end,
            st.id AS station_id, st.name AS station_name, st.kind AS station_kind,
            st.distance_m AS station_distance_m,
            round(ST_Area(c.geom_m))::int AS area_m2,
            round(ST_X(ST_PointOnSurface(c.geom))::numeric, 6)::float8 AS centroid_lng,
            round(ST_Y(ST_PointOnSurface(c.geom))::numeric, 6)::float8 AS centroid_lat
     FROM compounds c
     JOIN streets s ON s.code = c.street_code
     JOIN communities m ON m.code = c.community_code
     JOIN grids g ON g.code = c.grid_code
     LEFT JOIN enterprises e ON e.id = c.enterprise_id
     LEFT JOIN owners_committees oc ON oc.compound_id = c.id
     LEFT JOIN LATERAL (
       -- KNN on the indexed projected geometry, then the exact edge distance in metres
       SELECT id, name, kind, round(ST_Distance(stations.geom_m, c.geom_m))::int AS distance_m
       FROM stations ORDER BY stations.geom_m <-> c.geom_m, id LIMIT 1
     ) st ON true
     WHERE c.id = $1`,
    [id],
  );
  return row ? toCompoundDetail(row) : null;
}

function toCompoundDetail(r: CompoundRow): CompoundDetail {
  return {
    id: r.id,
    name: r.name,
    version: r.version,
    street: { code: r.street_code, name: r.street_name },
    community: { code: r.community_code, name: r.community_name },
    grid: { code: r.grid_code, name: r.grid_name },
    households: r.households,
    buildings: r.buildings,
    yearBuilt: r.year_built,
    coverageMode: r.coverage_mode,
    longTermManaged: r.long_term_managed,
    enterprise:
      r.enterprise_id === null
        ? null
        : { id: r.enterprise_id, name: r.enterprise_name!, creditCode: r.enterprise_credit_code! },
    ownersCommittee:
      r.committee_status === null
        ? null
        : {
            status: r.committee_status,
            members: r.committee_members!,
            ownerMembers: r.committee_owner_members!,
            partyMembers: r.committee_party_members!,
            termStart: r.committee_term_start,
            termEnd: r.committee_term_end,
            compliance: r.committee_compliance ?? 'not_formed',
          },
    nearestStation:
      r.station_id === null
        ? null
        : {
            id: r.station_id,
            name: r.station_name!,
            kind: r.station_kind!,
            distanceM: r.station_distance_m!,
          },
    areaM2: r.area_m2,
    centroid: [r.centroid_lng, r.centroid_lat],
  };
}

/** Property enterprises by name, with how many compounds and households each serves. */
export async function findEnterprises(db: Queryable): Promise<EnterpriseSummary[]> {
  return db.query<EnterpriseSummary>(
    `SELECT e.id, e.name, e.credit_code AS "creditCode",
            count(c.id)::int AS compounds, coalesce(sum(c.households), 0)::int AS households
     FROM enterprises e LEFT JOIN compounds c ON c.enterprise_id = e.id
     GROUP BY e.id ORDER BY e.name, e.id`,
  );
}
