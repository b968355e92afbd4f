import type { StationKind } from '../../common/domain.ts';

// Where a station of each kind belongs, as a pure judgement of the units its location falls in.
// No I/O: station-register-queries.ts finds the units.

/** The units a point falls in (null outside the district). */
export type StationPlace = {
  streetCode: string | null;
  communityCode: string | null;
  /** the compound containing the point, or within 30 m of it */
  compoundId: number | null;
};

/** The unit columns a station of a kind carries: a district centre none, a street centre its street, … */
export type StationUnits = {
  streetCode: string | null;
  communityCode: string | null;
  compoundId: number | null;
};

/**
 * The units a station of `kind` at `place` carries, or the problem with the location.
 * @example stationUnits('compound_station', {streetCode: 'S', communityCode: 'C', compoundId: null}) // 'a compound station stands in or within 30 m of a compound'
 */
export function stationUnits(kind: StationKind, place: StationPlace): StationUnits | string {
  if (place.streetCode === null) return 'the location lies outside the district';
  switch (kind) {
    case 'district_centre':
      return { streetCode: null, communityCode: null, compoundId: null };
    case 'street_centre':
      return { streetCode: place.streetCode, communityCode: null, compoundId: null };
    case 'community_station':
      return { streetCode: place.streetCode, communityCode: place.communityCode, compoundId: null };
    case 'compound_station':
      if (place.compoundId === null)
        return 'a compound station stands in or within 30 m of a compound';
      return {
        streetCode: place.streetCode,
        communityCode: place.communityCode,
        compoundId: place.compoundId,
      };
  }
}
