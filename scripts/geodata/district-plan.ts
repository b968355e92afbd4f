import type { StreetKind } from '../../common/domain.ts';
import type { Polygon, Position } from '../../common/geo.ts';
import type { ProfileMix } from './compound-profiles.ts';

// What the generator is asked to build: real names, codes and outline where there are any, and the
// knobs for everything synthetic. buildGeodataSet turns a plan into a GeodataSet.

export type CommunityPlan = {
  code: string;
  name: string;
  /** false for a statistical placeholder with no residents' committee (and so no station) */
  hasStation: boolean;
};

export type StreetPlan = {
  code: string;
  name: string;
  kind: StreetKind;
  /** Voronoi sites whose cells make up the street; several per street shape it */
  anchors: Position[];
  communities: CommunityPlan[];
  compounds: number;
  mix: ProfileMix;
  /** old town: unmanaged compounds cluster here */
  oldTown: boolean;
  gridsPerCommunity: [min: number, max: number];
};

/** How many compounds end up in each coverage mode (the rest are `none`). */
export type CoverageTargets = {
  /** professional and one of the long-term managed ("3个百分百") */
  professionalLongTerm: number;
  /** professional, hired after the baseline */
  professionalNew: number;
  streetCompanyBaseline: number;
  streetCompanyNew: number;
  selfManagedBaseline: number;
  selfManagedNew: number;
};

export type DistrictPlan = {
  code: string;
  name: string;
  outline: Polygon;
  streets: StreetPlan[];
  /** code of the street that hosts the district party-mass service centre */
  districtCentreStreet: string;
  coverage: CoverageTargets;
  enterprises: number;
  compoundStations: number;
  /** weight of a place when choosing community sites; denser places get smaller communities */
  density: (position: Position) => number;
};
