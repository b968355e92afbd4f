import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import gcoord from 'gcoord';
import type { FeatureCollection, Polygon, Position } from '../common/geo.ts';
import { ringBounds } from '../geometry/bounds.ts';
import { isPointInPolygon } from '../geometry/point-in-polygon.ts';

// Writes the ledger import's test fixtures (test/fixtures/ledgers/): CSV files built from geodata/
// (real community names, free spots inside communities, seeded compounds), each converted to XLSX
// by LibreOffice (`soffice --headless --convert-to xlsx`), so the tests read files a spreadsheet
// program wrote. Run: `npx tsx scripts/ledger-fixtures.ts` (needs `apt-get install -y
// libreoffice-calc-nogui`). Deterministic: the same geodata gives the same CSVs.

const OUT = 'test/fixtures/ledgers';
const HEADER =
  '小区编号,小区名称,街道,社区,户数,楼栋数,建成年份,服务方式,物业企业信用代码,经度,纬度,轮廓(WKT或GeoJSON),地址';

type Props = Record<string, unknown>;
const read = <T>(f: string) => JSON.parse(fs.readFileSync(path.join('geodata', f), 'utf8')) as T;
const communities = read<FeatureCollection<Polygon, Props>>('communities.geojson').features;
const streets = read<FeatureCollection<Polygon, Props>>('streets.geojson').features;
const compounds = read<FeatureCollection<Polygon, Props>>('compounds.geojson').features;
const enterprises = read<{ id: number; creditCode: string }[]>('enterprises.json');
const streetName = (code: unknown) =>
  streets.find((s) => s.properties.code === code)!.properties.name;
const boxes = compounds.map((c) => ringBounds(c.geometry.coordinates[0]!));

const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
const HALF = 0.0002; // a square of about 40 m × 44 m

// free spots of a community: a 40 m square, 30 m clear of its border and of every compound
function freeSpots(ring: Position[], n: number): Position[] {
  const [minX, minY, maxX, maxY] = ringBounds(ring);
  const out: Position[] = [];
  const m = HALF + 0.0003;
  for (let y = minY + m; y < maxY - m && out.length < n; y += 0.0009) {
    for (let x = minX + m; x < maxX - m && out.length < n; x += 0.0009) {
      const corners: Position[] = [
        [x - m, y - m],
        [x + m, y - m],
        [x + m, y + m],
        [x - m, y + m],
      ];
      if (!corners.every((c) => isPointInPolygon(c, [ring]))) continue;
      const clear = boxes.every(
        (b) => b[2] < x - m || b[0] > x + m || b[3] < y - m || b[1] > y + m,
      );
      if (clear && out.every(([ox, oy]) => Math.abs(ox - x) > 2 * m || Math.abs(oy - y) > 2 * m)) {
        out.push([r6(x), r6(y)]);
      }
    }
  }
  return out;
}

const square = ([x, y]: Position): Position[] => [
  [r6(x - HALF), r6(y - HALF)],
  [r6(x + HALF), r6(y - HALF)],
  [r6(x + HALF), r6(y + HALF)],
  [r6(x - HALF), r6(y + HALF)],
  [r6(x - HALF), r6(y - HALF)],
];
const wkt = (ring: Position[]) => `"POLYGON((${ring.map((p) => p.join(' ')).join(', ')}))"`;
const geojson = (ring: Position[]) =>
  `"${JSON.stringify({ type: 'Polygon', coordinates: [ring] }).replaceAll('"', '""')}"`;

const home = communities.find((c) => freeSpots(c.geometry.coordinates[0]!, 4).length === 4)!;
const spots = freeSpots(home.geometry.coordinates[0]!, 4);
const hp = home.properties;
const street = streetName(hp.streetCode) as string;
const [c1, c2] = compounds.filter((c) => c.properties.communityCode === hp.code);
const credit = enterprises[0]!.creditCode;
const line = (cells: (string | number)[]) => cells.join(',');
const cp = (c: (typeof compounds)[number]) => c.properties;

const good = [
  HEADER,
  line([
    '',
    '导入新建一号',
    street,
    hp.name as string,
    320,
    6,
    2012,
    '专业化物业企业',
    credit,
    '',
    '',
    wkt(square(spots[0]!)),
    '',
  ]),
  line([
    '',
    '导入新建二号',
    '',
    hp.code as string,
    88,
    2,
    1996,
    '无物业',
    '',
    '',
    '',
    geojson(square(spots[1]!)),
    '',
  ]),
  line([
    '',
    '只有地址的小区',
    '',
    hp.name as string,
    40,
    1,
    1985,
    '居民自我管理',
    '',
    '',
    '',
    '',
    '示例路 8 号',
  ]),
  line([
    '',
    '只有坐标的小区',
    '',
    hp.name as string,
    56,
    2,
    1990,
    '无物业',
    '',
    spots[2]![0],
    spots[2]![1],
    '',
    '',
  ]),
  line([
    cp(c1!).id as number,
    cp(c1!).name as string,
    '',
    hp.name as string,
    60,
    cp(c1!).buildings as number,
    cp(c1!).yearBuilt as number,
    '无物业',
    '',
    '',
    '',
    '',
    '',
  ]),
  line([
    '',
    cp(c2!).name as string,
    '',
    hp.name as string,
    cp(c2!).households as number,
    cp(c2!).buildings as number,
    cp(c2!).yearBuilt as number,
    '无物业',
    '',
    '',
    '',
    '',
    '',
  ]),
];
const bad = [
  HEADER,
  line([
    '',
    '导入新建一号',
    street,
    hp.name as string,
    320,
    6,
    2012,
    '专业化物业企业',
    credit,
    '',
    '',
    wkt(square(spots[0]!)),
    '',
  ]),
  line([
    '',
    '户数为零',
    '',
    hp.name as string,
    0,
    1,
    1990,
    '无物业',
    '',
    '',
    '',
    wkt(square(spots[1]!)),
    '',
  ]),
  line(['', '社区不存在', '', '不存在社区', 10, 1, 1990, '无物业', '', '', '', '', '']),
  line([
    '',
    '压在已有小区上',
    '',
    hp.name as string,
    10,
    1,
    1990,
    '无物业',
    '',
    '',
    '',
    wkt(c1!.geometry.coordinates[0]!.map(([x, y]) => [x, y] as Position)),
    '',
  ]),
  line(['', '方式不对', '', hp.name as string, 10, 1, 1990, '物业', '', '', '', '', '']),
  line(['', '导入新建一号', '', hp.name as string, 12, 1, 1990, '无物业', '', '', '', '', '']),
];

// GCJ-02 points (as Amap gives them) of free spots in several communities, with their WGS84 truth
const truth: { name: string; community: string; wgs84: Position; gcj02: Position }[] = [];
for (const c of communities) {
  if (truth.length === 4) break;
  if (c.properties.code === hp.code) continue;
  const [spot] = freeSpots(c.geometry.coordinates[0]!, 1);
  if (!spot) continue;
  const g = gcoord.transform<Position>(spot, gcoord.WGS84, gcoord.GCJ02);
  truth.push({
    name: `高德坐标小区${truth.length + 1}`,
    community: c.properties.name as string,
    wgs84: spot,
    gcj02: [r6(g[0]), r6(g[1])],
  });
}
const gcj = [
  HEADER,
  ...truth.map((t) =>
    line(['', t.name, '', t.community, 30, 1, 2000, '无物业', '', t.gcj02[0], t.gcj02[1], '', '']),
  ),
];

fs.mkdirSync(OUT, { recursive: true });
for (const [name, rows] of Object.entries({
  'compounds-good': good,
  'compounds-bad': bad,
  'compounds-gcj02': gcj,
})) {
  const csv = path.join(OUT, `${name}.csv`);
  fs.writeFileSync(csv, rows.join('\n') + '\n');
  // 44 = comma, 34 = double quote, 76 = UTF-8, 1 = from the first line; column types detected
  execFileSync(
    'soffice',
    ['--headless', '--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', '--outdir', OUT, csv],
    { stdio: 'ignore' },
  );
}
fs.writeFileSync(
  path.join(OUT, 'compounds-gcj02.truth.json'),
  JSON.stringify(truth, null, 2) + '\n',
);
fs.writeFileSync(
  path.join(OUT, 'fixtures.json'),
  JSON.stringify(
    {
      community: { code: hp.code, name: hp.name, street },
      updated: cp(c1!).id,
      unchanged: cp(c2!).id,
      overlapped: cp(c1!).id,
      spots,
    },
    null,
    2,
  ) + '\n',
);
console.log(`wrote ${OUT}: community ${hp.name} (${hp.code}), ${truth.length} GCJ-02 points`);
