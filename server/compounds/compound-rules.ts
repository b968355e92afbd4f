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

export type FootprintBreach =
  | { kind: 'invalid'; reason: string }
  | { kind: 'area'; areaM2: number }
  | { kind: 'outside_district'; m2: number }
  | { kind: 'outside_community'; m2: number }
  | { kind: 'overlap'; id: number; name: string; m2: number };

/** The first rule a footprint breaks, with its figure, or null when it is acceptable. */
export function footprintBreach(
  f: FootprintFigures,
  rules = FOOTPRINT_RULES,
): FootprintBreach | null {
  if (!f.valid) return { kind: 'invalid', reason: f.reason };
  if (f.areaM2 < rules.minAreaM2 || f.areaM2 > rules.maxAreaM2) {
    return { kind: 'area', areaM2: f.areaM2 };
  }
  if (f.outsideDistrictM2 > rules.outsideToleranceM2) {
    return { kind: 'outside_district', m2: f.outsideDistrictM2 };
  }
  if (f.outsideCommunityM2 > rules.outsideToleranceM2) {
    return { kind: 'outside_community', m2: f.outsideCommunityM2 };
  }
  const overlap = f.overlaps.find((o) => o.m2 > rules.overlapToleranceM2);
  return overlap ? { kind: 'overlap', ...overlap } : null;
}

/** The first rule a footprint breaks as a rule id and its figures (the client words them), or null. */
export function footprintRefusal(
  f: FootprintFigures,
  communityName: string,
  rules = FOOTPRINT_RULES,
): { rule: string; figures: Record<string, string | number> } | null {
  const b = footprintBreach(f, rules);
  if (!b) return null;
  switch (b.kind) {
    case 'invalid':
      return { rule: 'footprint_invalid', figures: { reason: b.reason } };
    case 'area':
      return {
        rule: 'footprint_area',
        figures: { areaM2: b.areaM2, min: rules.minAreaM2, max: rules.maxAreaM2 },
      };
    case 'outside_district':
      return {
        rule: 'footprint_outside_district',
        figures: { m2: b.m2, max: rules.outsideToleranceM2 },
      };
    case 'outside_community':
      return {
        rule: 'footprint_outside_community',
        figures: { m2: b.m2, community: communityName, max: rules.outsideToleranceM2 },
      };
    case 'overlap':
      return {
        rule: 'footprint_overlap',
        figures: { id: b.id, name: b.name, m2: b.m2, max: rules.overlapToleranceM2 },
      };
  }
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
  const b = footprintBreach(f, rules);
  if (!b) return null;
  switch (b.kind) {
    case 'invalid':
      return `the polygon is not valid: ${b.reason}`;
    case 'area':
      return `the footprint is ${b.areaM2} m²; accepted ${rules.minAreaM2}–${rules.maxAreaM2} m²`;
    case 'outside_district':
      return `${b.m2} m² of the footprint lie outside the district; at most ${rules.outsideToleranceM2} m²`;
    case 'outside_community':
      return `${b.m2} m² of the footprint lie outside ${communityName}; at most ${rules.outsideToleranceM2} m²`;
    case 'overlap':
      return `the footprint overlaps compound ${b.id} (${b.name}) by ${b.m2} m²; at most ${rules.overlapToleranceM2} m²`;
  }
}

/** footprintProblem in Chinese (the ledger import's reports speak both). */
export function footprintProblemZh(
  f: FootprintFigures,
  communityName: string,
  rules = FOOTPRINT_RULES,
): string | null {
  const b = footprintBreach(f, rules);
  if (!b) return null;
  switch (b.kind) {
    case 'invalid':
      return `轮廓不是有效多边形：${b.reason}`;
    case 'area':
      return `轮廓面积 ${b.areaM2} 平方米，应为 ${rules.minAreaM2}–${rules.maxAreaM2} 平方米`;
    case 'outside_district':
      return `轮廓有 ${b.m2} 平方米在全区范围外，至多 ${rules.outsideToleranceM2} 平方米`;
    case 'outside_community':
      return `轮廓有 ${b.m2} 平方米在${communityName}范围外，至多 ${rules.outsideToleranceM2} 平方米`;
    case 'overlap':
      return `轮廓与小区 ${b.id}（${b.name}）重叠 ${b.m2} 平方米，至多 ${rules.overlapToleranceM2} 平方米`;
  }
}
