import type { Polygon, Position } from '../../common/geo.ts';
import { chooseBalancedSeeds } from './balanced-seeds.ts';
import type { ProfileMix } from './compound-profiles.ts';
import type { CoverageTargets, DistrictPlan, StreetPlan } from './district-plan.ts';
import { createLocalProjection } from '../../geometry/local-projection.ts';
import { cleanRing, orientRing } from './ring-geometry.ts';
import type { Random } from './seeded-random.ts';

export const CITY_SCALE_CODE = '350599'; // unused by NBS in Quanzhou (3505xx), so never mistaken for a real one

const DEFAULT_OPTIONS = {
  centre: [118.62, 24.93] as Position, // around Quanzhou
  compoundsPerKm2: 15, // sets the city's size
  compoundsPerStreet: 500,
  compoundsPerCommunity: 21, // with 4–8 grids per community: ≥ 5,000 grids for 20,000 compounds
  outlineVertices: 64,
  coreRadiusShare: 0.3, // streets this close to the centre (share of the radius) are old town
};

// shares of compounds in each mode; the rest (about half) are unmanaged
const COVERAGE_SHARES: CoverageTargets = {
  professionalLongTerm: 0.3,
  professionalNew: 0.02,
  streetCompanyBaseline: 0.02,
  streetCompanyNew: 0.07,
  selfManagedBaseline: 0.01,
  selfManagedNew: 0.05,
};

const SYLLABLES = [
  ...'东西南北中新华山江海湖河桥城泉桐榕安平宁和福兴隆盛丰源清溪云霞凤龙金玉锦秀文德仁义',
];

/**
 * A synthetic city for benchmarks: an elliptical outline sized for `compounds`, streets of about
 * 500 compounds, communities of about 21, old-town mixes near the centre and modern ones outside,
 * about half of the compounds unmanaged. Names and codes are made up (code prefix 350599).
 *
 * @example
 * buildCityScalePlan(20000, random).streets.length; // 40
 */
export function buildCityScalePlan(
  compounds: number,
  random: Random,
  options: Partial<typeof DEFAULT_OPTIONS> = {},
): DistrictPlan {
  const o = { ...DEFAULT_OPTIONS, ...options };
  if (!Number.isInteger(compounds) || compounds < 1000 || compounds > 200_000) {
    throw new Error(
      `City-scale compound count must be an integer in 1000..200000, got ${compounds}`,
    );
  }
  const projection = createLocalProjection(o.centre);
  const areaM2 = (compounds / o.compoundsPerKm2) * 1e6;
  const radiusY = Math.sqrt(areaM2 / (Math.PI * 1.3));
  const radiusX = radiusY * 1.3;
  const ring: Position[] = Array.from({ length: o.outlineVertices }, (_, i) => {
    const a = (2 * Math.PI * i) / o.outlineVertices;
    return projection.toLngLat([radiusX * Math.cos(a), radiusY * Math.sin(a)]);
  });
  const outline: Polygon = {
    type: 'Polygon',
    coordinates: [orientRing(cleanRing([...ring, ring[0] as Position], 6), true)],
  };
  const distanceShare = (p: Position): number => {
    const [x, y] = projection.toMetres(p);
    return Math.hypot(x / radiusX, y / radiusY);
  };
  // the centre is denser, so its streets and communities come out smaller
  const density = (p: Position): number => 1 + 4 * Math.exp(-((distanceShare(p) / 0.35) ** 2));

  const streetCount = Math.max(4, Math.round(compounds / o.compoundsPerStreet));
  const anchors = chooseBalancedSeeds(outline, streetCount, random, { density });
  const names = uniqueNames(
    streetCount + Math.ceil((compounds / o.compoundsPerCommunity) * 1.3),
    random,
  );
  const communityCounts = anchors.map(() =>
    Math.max(
      3,
      Math.round((compounds / streetCount / o.compoundsPerCommunity) * random.range(0.8, 1.2)),
    ),
  );
  const totalCommunities = communityCounts.reduce((a, b) => a + b, 0);
  const compoundCounts = communityCounts.map((n) => Math.floor((compounds * n) / totalCommunities));
  // hand the remainder out one by one so the total is exact
  for (let i = 0; compoundCounts.reduce((a, b) => a + b, 0) < compounds; i++) {
    compoundCounts[i % streetCount] = (compoundCounts[i % streetCount] ?? 0) + 1;
  }

  let nameIndex = 0;
  const nextName = (): string => names[nameIndex++] ?? `第${nameIndex}`;
  const streets = anchors.map((anchor, s): StreetPlan => {
    const code9 = `${CITY_SCALE_CODE}${String(s + 1).padStart(3, '0')}`;
    const share = distanceShare(anchor);
    const oldTown = share < o.coreRadiusShare;
    const mix: ProfileMix = oldTown
      ? { old: 0.75, mid: 0.22, modern: 0.03 }
      : share < 0.65
        ? { old: 0.35, mid: 0.4, modern: 0.25 }
        : { old: 0.15, mid: 0.35, modern: 0.5 };
    return {
      code: `${code9}000`,
      name: `${nextName()}街道`,
      kind: 'street',
      anchors: [anchor],
      communities: Array.from({ length: communityCounts[s] ?? 3 }, (_, k) => ({
        code: `${code9}${String(k + 1).padStart(3, '0')}`,
        name: `${nextName()}社区`,
        hasStation: true,
      })),
      compounds: compoundCounts[s] ?? 0,
      mix,
      oldTown,
      gridsPerCommunity: [4, 8],
    };
  });
  const centreStreet = streets
    .map((s, i) => ({ i, d: distanceShare(anchors[i] as Position), code: s.code }))
    .sort((a, b) => a.d - b.d)[0];

  const coverage = Object.fromEntries(
    Object.entries(COVERAGE_SHARES).map(([k, share]) => [k, Math.round(compounds * share)]),
  ) as CoverageTargets;
  const professional = coverage.professionalLongTerm + coverage.professionalNew;
  return {
    code: CITY_SCALE_CODE,
    name: '示范市区',
    outline,
    streets,
    districtCentreStreet: centreStreet?.code ?? '',
    coverage,
    enterprises: Math.max(1, Math.round(professional / 6)),
    compoundStations: Math.round((compounds * 40) / 520),
    density,
  };
}

function uniqueNames(count: number, random: Random): string[] {
  const names = new Set<string>();
  for (let attempt = 0; names.size < count; attempt++) {
    const name =
      attempt < count * 20
        ? `${random.pick(SYLLABLES)}${random.pick(SYLLABLES)}`
        : `${random.pick(SYLLABLES)}${random.pick(SYLLABLES)}${random.pick(SYLLABLES)}`;
    if (name[0] !== name[1]) names.add(name);
  }
  return [...names];
}
