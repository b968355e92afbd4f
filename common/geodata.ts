import type { FeatureCollection, MultiPolygon, Point, Polygon } from './geo.ts';
import type { CoverageMode, StationKind, StationService, StreetKind } from './domain.ts';

// The seed files in geodata/, written by scripts/generate-geodata.ts and loaded into an empty
// database at start. Coordinates are WGS84 (EPSG:4326), 6 decimals. Codes are NBS 12-digit codes
// for district/streets/communities; grid codes extend the community code by 3 digits.

export type DistrictProps = { code: string; name: string };
export type StreetProps = { code: string; name: string; kind: StreetKind };
export type CommunityProps = { code: string; name: string; streetCode: string };
export type GridProps = { code: string; name: string; communityCode: string };
export type CompoundProps = {
  id: number;
  name: string;
  streetCode: string;
  communityCode: string;
  gridCode: string;
  households: number;
  buildings: number;
  yearBuilt: number;
  coverageMode: CoverageMode;
  /** one of the 231 compounds under long-term management ("3个百分百") */
  longTermManaged: boolean;
  /** set when coverageMode is professional */
  enterpriseId: number | null;
};
export type StationProps = {
  id: number;
  name: string;
  kind: StationKind;
  streetCode: string | null;
  communityCode: string | null;
  compoundId: number | null;
  services: StationService[];
};

export type Enterprise = {
  id: number;
  name: string;
  /** 统一社会信用代码 (synthetic, 18 chars) */
  creditCode: string;
  founded: number;
};

/** The committee states the synthetic seed holds (common/committees.ts has the whole lifecycle). */
export const SEED_COMMITTEE_STATES = ['none', 'preparing', 'elected', 'temporary'] as const;
export type SeedCommitteeState = (typeof SEED_COMMITTEE_STATES)[number];

export type OwnersCommittee = {
  compoundId: number;
  status: SeedCommitteeState;
  members: number;
  ownerMembers: number;
  partyMembers: number;
  termStart: string | null; // ISO date
  termEnd: string | null; // ISO date
};

export type CoverageChange = {
  compoundId: number;
  modeBefore: CoverageMode;
  modeAfter: CoverageMode;
  changedOn: string; // ISO date
};

/** Everything in geodata/, as the loader reads it. */
export type GeodataSet = {
  district: FeatureCollection<MultiPolygon | Polygon, DistrictProps>;
  streets: FeatureCollection<Polygon, StreetProps>;
  communities: FeatureCollection<Polygon, CommunityProps>;
  grids: FeatureCollection<Polygon, GridProps>;
  compounds: FeatureCollection<Polygon, CompoundProps>;
  stations: FeatureCollection<Point, StationProps>;
  enterprises: Enterprise[];
  ownersCommittees: OwnersCommittee[];
  coverageHistory: CoverageChange[];
};

/** File names under geodata/, one per key of GeodataSet. */
export const GEODATA_FILES = {
  district: 'district.geojson',
  streets: 'streets.geojson',
  communities: 'communities.geojson',
  grids: 'grids.geojson',
  compounds: 'compounds.geojson',
  stations: 'stations.geojson',
  enterprises: 'enterprises.json',
  ownersCommittees: 'owners-committees.json',
  coverageHistory: 'coverage-history.json',
} as const satisfies Record<keyof GeodataSet, string>;
