import type { Random } from './seeded-random.ts';

/** Kinds of residential compound: small old walk-ups, mid-size, modern high-rise estates. */
export const COMPOUND_PROFILES = ['old', 'mid', 'modern'] as const;
export type CompoundProfile = (typeof COMPOUND_PROFILES)[number];

/** Shares of each profile among a street's compounds (need not sum to 1). */
export type ProfileMix = Record<CompoundProfile, number>;

export type CompoundTraits = {
  profile: CompoundProfile;
  households: number;
  buildings: number;
  yearBuilt: number;
  /** site area in m², roughly proportional to households */
  area: number;
};

type ProfileSpec = {
  households: [number, number];
  skew: number; // > 1 favours the low end of the households range
  householdsPerBuilding: number;
  buildings: [number, number];
  years: [number, number];
  sitePerHousehold: number; // m² of site per household
};

// old: 5–7 storey walk-ups of state work units; modern: 18–33 storey towers at a plot ratio near 3
export const PROFILE_SPECS: Record<CompoundProfile, ProfileSpec> = {
  old: {
    households: [20, 150],
    skew: 1.6,
    householdsPerBuilding: 36,
    buildings: [1, 4],
    years: [1980, 2000],
    sitePerHousehold: 36,
  },
  mid: {
    households: [150, 600],
    skew: 1.5,
    householdsPerBuilding: 60,
    buildings: [3, 10],
    years: [1995, 2012],
    sitePerHousehold: 32,
  },
  modern: {
    households: [500, 3000],
    skew: 2.2,
    householdsPerBuilding: 80,
    buildings: [8, 40],
    years: [2005, 2022],
    sitePerHousehold: 30,
  },
};

/**
 * Draws households, buildings, year built and site area for a compound of the given profile.
 *
 * @example
 * sampleCompoundTraits('old', random); // {profile: 'old', households: 48, buildings: 2, yearBuilt: 1991, area: 1790}
 */
export function sampleCompoundTraits(profile: CompoundProfile, random: Random): CompoundTraits {
  const spec = PROFILE_SPECS[profile];
  const [hMin, hMax] = spec.households;
  const households = Math.round(hMin + (hMax - hMin) * random.next() ** spec.skew);
  const [bMin, bMax] = spec.buildings;
  const buildings = clamp(
    Math.round((households / spec.householdsPerBuilding) * random.range(0.8, 1.25)),
    bMin,
    bMax,
  );
  const [yMin, yMax] = spec.years;
  const yearBuilt = random.int(yMin, yMax);
  const area = Math.round(households * spec.sitePerHousehold * random.range(0.85, 1.2));
  return { profile, households, buildings, yearBuilt, area };
}

/** Picks a profile with probability proportional to the mix. */
export function pickProfile(mix: ProfileMix, random: Random): CompoundProfile {
  const total = COMPOUND_PROFILES.reduce((sum, p) => sum + mix[p], 0);
  let target = random.next() * total;
  for (const profile of COMPOUND_PROFILES) {
    target -= mix[profile];
    if (target < 0) return profile;
  }
  return 'mid';
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}
