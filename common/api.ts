import type { CoverageMode, StationKind, StationService, StreetKind } from './domain.ts';
import type { CommitteeCompliance, CommitteeState } from './committees.ts';
import type { Feature, FeatureCollection, Point, Polygon, MultiPolygon } from './geo.ts';

// REST wire format. A success is the resource itself (GeoJSON for layers, so map tools can read it
// directly); a failure is an ApiError (common/errors.ts) with a 4xx/5xx status.

export type DbEngine = 'postgres' | 'pglite';

/** GET /api/health */
export type Health = {
  status: 'ok';
  engine: DbEngine;
  postgis: string; // e.g. "3.3"
  migration: number; // highest applied migration version
  /** `demonstration`: the database holds the synthetic seed (UI badge); `registers`: only real records */
  dataOrigin: DataOrigin;
};

export const DATA_ORIGINS = ['demonstration', 'registers'] as const;
export type DataOrigin = (typeof DATA_ORIGINS)[number];

// GET /api/layers/{layer}?bbox=minLng,minLat,maxLng,maxLat&fields=a,b
// properties always carry the layer's key (code or id) and name; `fields` picks further ones.

export type DistrictFeature = Feature<MultiPolygon | Polygon, { code: string; name: string }>;
export type StreetFeature = Feature<
  Polygon,
  { code: string; name: string; kind?: StreetKind; areaKm2?: number }
>;
export type CommunityFeature = Feature<
  Polygon,
  { code: string; name: string; streetCode?: string; areaKm2?: number }
>;
export type GridFeature = Feature<Polygon, { code: string; name: string; communityCode?: string }>;
export type CompoundLayerProps = {
  id: number;
  name: string;
  coverageMode?: CoverageMode;
  households?: number;
  buildings?: number;
  yearBuilt?: number;
  longTermManaged?: boolean;
  streetCode?: string;
  communityCode?: string;
  gridCode?: string;
  enterpriseId?: number | null;
};
export type CompoundFeature = Feature<Polygon, CompoundLayerProps>;
export type StationLayerProps = {
  id: number;
  name: string;
  kind?: StationKind;
  services?: StationService[];
  streetCode?: string | null;
  communityCode?: string | null;
  compoundId?: number | null;
};
export type StationFeature = Feature<Point, StationLayerProps>;
/** A station as the register answers it (POST /api/stations, PATCH /api/stations/{id}). */
export type StationRecord = {
  id: number;
  name: string;
  kind: StationKind;
  services: StationService[];
  /** null for the district centre */
  streetCode: string | null;
  /** set for community and compound stations */
  communityCode: string | null;
  /** set for a compound station */
  compoundId: number | null;
  location: [number, number];
  /** optimistic lock: send it back with a change */
  version: number;
};
/** A video monitoring point registered with the joint command platform (区联合指挥平台). */
export type CameraLayerProps = {
  id: number;
  name: string;
  compoundId?: number;
  platformCameraId?: string;
  streamUrl?: string;
};
export type CameraFeature = Feature<Point, CameraLayerProps>;

export type LayerCollections = {
  district: FeatureCollection<MultiPolygon | Polygon, DistrictFeature['properties']>;
  streets: FeatureCollection<Polygon, StreetFeature['properties']>;
  communities: FeatureCollection<Polygon, CommunityFeature['properties']>;
  grids: FeatureCollection<Polygon, GridFeature['properties']>;
  compounds: FeatureCollection<Polygon, CompoundLayerProps>;
  stations: FeatureCollection<Point, StationLayerProps>;
  cameras: FeatureCollection<Point, CameraLayerProps>;
};

/** Fields a client may ask for with `fields=` per layer (beyond the always-present key and name). */
export const LAYER_FIELDS = {
  district: [],
  streets: ['kind', 'areaKm2'],
  communities: ['streetCode', 'areaKm2'],
  grids: ['communityCode'],
  compounds: [
    'coverageMode',
    'households',
    'buildings',
    'yearBuilt',
    'longTermManaged',
    'streetCode',
    'communityCode',
    'gridCode',
    'enterpriseId',
  ],
  stations: ['kind', 'services', 'streetCode', 'communityCode', 'compoundId'],
  cameras: ['compoundId', 'platformCameraId', 'streamUrl'],
} as const;

type UnitRef = { code: string; name: string };

/** GET /api/compounds/{id} */
export type CompoundDetail = {
  id: number;
  name: string;
  /** optimistic lock of the register: send it back with a change (PATCH, mode, retire) */
  version: number;
  street: UnitRef;
  community: UnitRef;
  grid: UnitRef;
  households: number;
  buildings: number;
  yearBuilt: number;
  coverageMode: CoverageMode;
  longTermManaged: boolean;
  enterprise: { id: number; name: string; creditCode: string } | null;
  ownersCommittee: {
    status: CommitteeState;
    members: number;
    ownerMembers: number;
    partyMembers: number;
    termStart: string | null;
    termEnd: string | null;
    /** the plan's rules, as GET /api/committees/{id} checks them (server/committees/committee-rules.ts) */
    compliance: CommitteeCompliance;
  } | null;
  /** the nearest party-service station, by straight-line distance from the compound's edge */
  nearestStation: { id: number; name: string; kind: StationKind; distanceM: number } | null;
  areaM2: number;
  centroid: [number, number];
};

export type CoverageCounts = Record<CoverageMode, { compounds: number; households: number }>;

export type CoverageUnit = {
  code: string;
  name: string;
  counts: CoverageCounts;
  compounds: number;
  households: number;
  /** share of compounds with some property service (mode ≠ none), 0..1 */
  coveredShare: number;
};

/** GET /api/coverage */
export type CoverageSummary = {
  district: CoverageUnit;
  streets: CoverageUnit[];
  progress: CoverageProgress;
};

/** Progress toward the plan's targets, for the district or one street (GET /api/coverage/progress). */
export type CoverageProgress = {
  /** compounds that had no property service at the baseline date */
  baselineDate: string;
  baselineUnmanaged: number;
  /** of those, how many have some service now */
  coveredSinceBaseline: number;
  share: number; // coveredSinceBaseline / baselineUnmanaged
  /** cumulative covered count after each month with changes, ISO date of month end */
  timeline: { date: string; covered: number; share: number }[];
  targets: { date: string; share: number; met: boolean | null }[];
};

/** GET /api/coverage/unmanaged: compounds with no property service, for the planner's table */
export type UnmanagedCompound = {
  id: number;
  name: string;
  street: UnitRef;
  community: UnitRef;
  households: number;
  buildings: number;
  /** the open (draft or approved) proposal that holds it, if any */
  proposal: { id: number; state: 'draft' | 'approved' } | null;
};

/** GET /api/enterprises: the property enterprises (物业企业), e.g. for a provider picker */
export type EnterpriseSummary = {
  id: number;
  name: string;
  creditCode: string;
  /** compounds and households it serves now */
  compounds: number;
  households: number;
};
