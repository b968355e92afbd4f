// Domain vocabulary shared by the database, the API and the UI. One word per thing, from the SQL
// column through the DTO to the label (see ../shared/DOMAIN.md for the Chinese terms).

/** How a compound (小区) gets property service (三(二)). `none` = 无物业, unmanaged. */
export const COVERAGE_MODES = ['professional', 'street_company', 'self_managed', 'none'] as const;
export type CoverageMode = (typeof COVERAGE_MODES)[number];

/** Party-mass service points (党群服务中心/站点), from the district centre down to a compound. */
export const STATION_KINDS = [
  'district_centre',
  'street_centre',
  'community_station',
  'compound_station',
] as const;
export type StationKind = (typeof STATION_KINDS)[number];

/** Windows a station offers (四(二)). */
export const STATION_SERVICES = [
  'fee_payment',
  'grievance_intake',
  'legal_advice',
  'mediation',
  'party_activities',
  'elderly_care',
] as const;
export type StationService = (typeof STATION_SERVICES)[number];

/** Street-level units: 8 街道 and the 清濛经济开发区. */
export const STREET_KINDS = ['street', 'development_zone'] as const;
export type StreetKind = (typeof STREET_KINDS)[number];

/** Boundary layers served as GeoJSON by `GET /api/layers/{layer}`. */
export const LAYER_NAMES = [
  'district',
  'streets',
  'communities',
  'grids',
  'compounds',
  'stations',
  'cameras',
] as const;
export type LayerName = (typeof LAYER_NAMES)[number];
