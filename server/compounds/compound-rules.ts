// What makes a compound's footprint acceptable in the register, as a pure judgement of figures the
// database measured (compound-register-queries.ts measureFootprint). No I/O.

export const FOOTPRINT_RULES = {
  minAreaM2: 100, // smaller is a drawing slip, not a compound
  maxAreaM2: 2_000_000, // larger than any estate in the district (2 km²)
  outsideToleranceM2: 1, // area allowed outside the district or the community (shared borders)
  overlapToleranceM2: 5, // area allowed in common with another compound (a shared wall)
};

export type FootprintFigures = {
  valid: boolean;
  /** PostGIS's ST_IsValidReason when not valid */
  reason: string;
  areaM2: number;
  outsideDistrictM2: number;
  outsideCommunityM2: number;
  /** other live compounds it overlaps, and by how much */
  overlaps: { id: number; name: string; m2: number }[];
};

/**
 * The first thing wrong with a footprint, as a message naming the figure and the accepted range,
 * or null when it is acceptable.
 * @example footprintProblem({valid: true, areaM2: 50, …}) // 'the footprint is 50 m²; accepted 100–2000000 m²'
 */
export function footprintProblem(
  f: FootprintFigures,
  communityName: string,
  rules = FOOTPRINT_RULES,
): string | null {
  if (!f.valid) return `the polygon is not valid: ${f.reason}`;
  if (f.areaM2 < rules.minAreaM2 || f.areaM2 > rules.maxAreaM2) {
    return `the footprint is ${f.areaM2} m²; accepted ${rules.minAreaM2}–${rules.maxAreaM2} m²`;
  }
  if (f.outsideDistrictM2 > rules.outsideToleranceM2) {
    return `${f.outsideDistrictM2} m² of the footprint lie outside the district; at most ${rules.outsideToleranceM2} m²`;
  }
  if (f.outsideCommunityM2 > rules.outsideToleranceM2) {
    return `${f.outsideCommunityM2} m² of the footprint lie outside ${communityName}; at most ${rules.outsideToleranceM2} m²`;
  }
  const overlap = f.overlaps.find((o) => o.m2 > rules.overlapToleranceM2);
  if (overlap) {
    return `the footprint overlaps compound ${overlap.id} (${overlap.name}) by ${overlap.m2} m²; at most ${rules.overlapToleranceM2} m²`;
  }
  return null;
}
