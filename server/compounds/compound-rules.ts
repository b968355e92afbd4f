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

/** The first rule a footprint breaks, with its figures (the client words them), or null. */
export function footprintRefusal(
  f: FootprintFigures,
  communityName: string,
  rules = FOOTPRINT_RULES,
): { rule: string; figures: Record<string, string | number> } | null {
  if (!f.valid) return { rule: 'footprint_invalid', figures: { reason: f.reason } };
  if (f.areaM2 < rules.minAreaM2 || f.areaM2 > rules.maxAreaM2) {
    return {
      rule: 'footprint_area',
      figures: { areaM2: f.areaM2, min: rules.minAreaM2, max: rules.maxAreaM2 },
    };
  }
  if (f.outsideDistrictM2 > rules.outsideToleranceM2) {
    return {
      rule: 'footprint_outside_district',
      figures: { m2: f.outsideDistrictM2, max: rules.outsideToleranceM2 },
    };
  }
  if (f.outsideCommunityM2 > rules.outsideToleranceM2) {
    return {
      rule: 'footprint_outside_community',
      figures: {
        m2: f.outsideCommunityM2,
        community: communityName,
        max: rules.outsideToleranceM2,
      },
    };
  }
  const overlap = f.overlaps.find((o) => o.m2 > rules.overlapToleranceM2);
  if (overlap) {
    return {
      rule: 'footprint_overlap',
      figures: {
        id: overlap.id,
        name: overlap.name,
        m2: overlap.m2,
        max: rules.overlapToleranceM2,
      },
    };
  }
  return null;
}

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
  const refusal = footprintRefusal(f, communityName, rules);
  if (!refusal) return null;
  const g = refusal.figures;
  switch (refusal.rule) {
    case 'footprint_invalid':
      return `the polygon is not valid: ${g.reason}`;
    case 'footprint_area':
      return `the footprint is ${g.areaM2} m²; accepted ${g.min}–${g.max} m²`;
    case 'footprint_outside_district':
      return `${g.m2} m² of the footprint lie outside the district; at most ${g.max} m²`;
    case 'footprint_outside_community':
      return `${g.m2} m² of the footprint lie outside ${g.community}; at most ${g.max} m²`;
    default:
      return `the footprint overlaps compound ${g.id} (${g.name}) by ${g.m2} m²; at most ${g.max} m²`;
  }
}
