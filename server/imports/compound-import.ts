import crypto from 'node:crypto';
import type { Scope } from '../../common/auth.ts';
import type { Polygon } from '../../common/geo.ts';
import type {
  ImportCrs,
  ImportIssue,
  ImportOutcome,
  ImportProgress,
  ImportReport,
  ImportRowResult,
} from '../../common/ledgers.ts';
import { inScope } from '../auth/principal.ts';
import type { CompoundFields, RegisterRow } from '../compounds/compound-register-queries.ts';
import { polygonInputSchema } from '../compounds/compound-register-routes.ts';
import { footprintProblem, footprintProblemZh } from '../compounds/compound-rules.ts';
import type { Db, Queryable } from '../db.ts';
import {
  checkCompoundRow,
  COMPOUND_COLUMNS,
  duplicatesInFile,
  mapHeaders,
  type CompoundRow,
  type SheetRow,
} from './compound-import-rows.ts';
import {
  communityPoints,
  countInside,
  findCompoundsFor,
  insertImport,
  loadEnterpriseIds,
  loadPlaces,
  measureFootprints,
  parseWkt,
  pointsInCommunity,
  writeCompoundImport,
  type ImportUpdate,
  type ImportWrite,
  type Place,
  type ToDraw,
} from './compound-import-queries.ts';
import { detectCrs, geometryToWgs84, toWgs84, type FixedCrs } from './import-crs.ts';
import { headerIssue, readLedger } from './ledger-file.ts';

// The compound ledger import, dry run and apply: read the file, check every cell, resolve names
// against the database, convert coordinates, measure footprints with the register's own rules,
// then sort each row into create / update / unchanged / to be drawn. Apply does the same in one
// transaction and writes only when no row has an issue: all or nothing.

export const COMPOUND_SHEET = '小区';

export type ImportRequest = {
  buffer: Buffer;
  fileName: string;
  crs: ImportCrs;
  actor: string;
  scope: Scope;
  dryRun: boolean;
  today: string;
  progress: (p: ImportProgress) => void;
};

type Located =
  { kind: 'polygon'; polygon: Polygon } | { kind: 'point' | 'address'; lng: number; lat: number };

type Resolved = {
  row: CompoundRow;
  place: Place;
  enterpriseId: number | null;
  target: RegisterRow | null;
  located?: Located;
  gridCode?: string;
};

/** Runs an import of the compound register; the report says what was (or would be) done. */
export async function importCompounds(db: Db, req: ImportRequest): Promise<ImportReport> {
  const sha256 = crypto.createHash('sha256').update(req.buffer).digest('hex');
  req.progress({ phase: 'parse', done: 0, total: 0 });
  const sheet = await readLedger(req.buffer, req.fileName, COMPOUND_SHEET, (n) =>
    req.progress({ phase: 'parse', done: n, total: 0 }),
  );
  const { columns, missing } = mapHeaders(sheet.headers, COMPOUND_COLUMNS);
  const issues: ImportIssue[] = missing.map((c) =>
    headerIssue('1', c.field, `缺少「${c.zh}」列`, `missing the column "${c.zh}" (${c.en})`),
  );
  const base = { fileName: req.fileName, sha256, rows: sheet.rows.length, dryRun: req.dryRun };
  if (issues.length) return report(base, req.crs, false, issues, []);
  const good: CompoundRow[] = [];
  for (const r of sheet.rows) {
    const cells: SheetRow['cells'] = {};
    for (const c of COMPOUND_COLUMNS) {
      const i = columns[c.field];
      if (i !== undefined)
        cells[c.field] = { value: r.values[i] ?? null, ref: r.refs[i]! } as never;
    }
    const checked = checkCompoundRow({ row: r.row, cells });
    if ('issues' in checked) issues.push(...checked.issues);
    else good.push(checked.row);
  }
  req.progress({ phase: 'check', done: 0, total: good.length });
  try {
    return await db.withTransaction(async (tx) => {
      const r = await judge(tx, good, req, issues);
      if (req.dryRun || issues.length)
        throw new Outcome(report(base, r.crs, r.detected, issues, r.results));
      req.progress({ phase: 'write', done: 0, total: good.length });
      const importId = await write(tx, req, sha256, r);
      return { ...report(base, r.crs, r.detected, issues, r.results), importId };
    });
  } catch (err) {
    if (err instanceof Outcome) return err.report; // a dry run or a refused file: rolled back
    throw err;
  } finally {
    req.progress({ phase: 'done', done: good.length, total: good.length });
  }
}

// thrown out of the transaction to roll it back with the report in hand
export class Outcome extends Error {
  constructor(readonly report: ImportReport) {
    super('import not applied');
  }
}

type Judged = {
  crs: FixedCrs;
  detected: boolean;
  results: ImportRowResult[];
  creates: ImportWrite[];
  updates: ImportUpdate[];
  toDraw: ToDraw[];
};

async function judge(
  tx: Queryable,
  rows: CompoundRow[],
  req: ImportRequest,
  issues: ImportIssue[],
): Promise<Judged> {
  if (!req.dryRun) await tx.query('LOCK TABLE compound_register IN SHARE ROW EXCLUSIVE MODE');
  const resolved = await resolve(tx, rows, req, issues);
  const { crs, detected } = await locate(tx, resolved, req.crs, issues);
  req.progress({ phase: 'measure', done: 0, total: resolved.length });
  await measure(tx, resolved, issues);
  const bad = new Set(issues.map((i) => i.row));
  const judged: Judged = { crs, detected, results: [], creates: [], updates: [], toDraw: [] };
  const byRow = new Map(resolved.map((r) => [r.row.row, r]));
  for (const row of rows) {
    const r = byRow.get(row.row);
    if (!r || bad.has(row.row)) continue;
    judged.results.push(sortRow(r, judged));
  }
  for (const i of new Set(issues.map((x) => x.row))) {
    const row = rows.find((r) => r.row === i);
    judged.results.push({ row: i, name: row?.name ?? '', outcome: 'error', targetId: null });
  }
  judged.results.sort((a, b) => a.row - b.row);
  return judged;
}

// names → codes and ids; the compound each row names; scope
async function resolve(
  tx: Queryable,
  rows: CompoundRow[],
  req: ImportRequest,
  issues: ImportIssue[],
): Promise<Resolved[]> {
  const places = await loadPlaces(tx);
  const enterprises = await loadEnterpriseIds(tx);
  const out: Resolved[] = [];
  for (const row of rows) {
    const issue = (field: 'community' | 'creditCode' | 'street', zh: string, en: string) =>
      issues.push({ row: row.row, cell: row.refs[field] ?? field, field, zh, en });
    const matches = places.filter(
      (p) =>
        (p.code === row.community || p.name === row.community) &&
        (row.street === null || p.streetName === row.street || p.streetCode === row.street),
    );
    if (matches.length !== 1) {
      issue(
        'community',
        matches.length
          ? `社区「${row.community}」不唯一，请填写街道或 12 位社区代码`
          : `未知社区「${row.community}」（名称或 12 位代码）`,
        matches.length
          ? `community "${row.community}" is ambiguous: give its street or its 12-digit code`
          : `unknown community "${row.community}" (name or 12-digit code)`,
      );
      continue;
    }
    const place = matches[0]!;
    if (
      !inScope(req.scope, { streetCode: place.streetCode, communityCode: place.code, gridCode: '' })
    ) {
      issue(
        'community',
        `社区「${place.name}」不在您的管辖范围内`,
        `community ${place.code} is outside your area`,
      );
      continue;
    }
    const enterpriseId = row.creditCode === null ? null : (enterprises.get(row.creditCode) ?? null);
    if (row.creditCode !== null && enterpriseId === null) {
      issue(
        'creditCode',
        `未登记的物业企业信用代码 ${row.creditCode}`,
        `creditCode: no registered enterprise has ${row.creditCode}`,
      );
      continue;
    }
    out.push({ row: { ...row, community: place.code }, place, enterpriseId, target: null });
  }
  issues.push(...duplicatesInFile(out.map((r) => r.row)));
  const found = await findCompoundsFor(
    tx,
    out.flatMap((r) => (r.row.id === null ? [] : [r.row.id])),
    out
      .filter((r) => r.row.id === null)
      .map((r) => ({ communityCode: r.place.code, name: r.row.name })),
    !req.dryRun,
  );
  for (const r of out) {
    r.target =
      found.find((c) =>
        r.row.id !== null
          ? c.id === r.row.id
          : c.communityCode === r.place.code && c.name === r.row.name,
      ) ?? null;
    if (r.row.id !== null && !r.target) {
      issues.push({
        row: r.row.row,
        cell: r.row.refs.id ?? 'id',
        field: 'id',
        zh: `登记册中没有编号为 ${r.row.id} 的在册小区`,
        en: `id: no live compound ${r.row.id} in the register`,
      });
    } else if (r.target && !inScope(req.scope, r.target)) {
      issues.push({
        row: r.row.row,
        cell: r.row.refs.id ?? r.row.refs.name ?? 'id',
        field: 'id',
        zh: `小区 ${r.target.id} 不在您的管辖范围内`,
        en: `compound ${r.target.id} is outside your area`,
      });
    }
  }
  return out;
}

// footprints (WKT or GeoJSON), points and addresses → WGS84 geometry, in the declared or detected CRS
async function locate(
  tx: Queryable,
  rows: Resolved[],
  declared: ImportCrs,
  issues: ImportIssue[],
): Promise<{ crs: FixedCrs; detected: boolean }> {
  const issue = (r: Resolved, field: 'footprint' | 'lng', zh: string, en: string) =>
    issues.push({ row: r.row.row, cell: r.row.refs[field] ?? field, field, zh, en });
  const raw = new Map<Resolved, object>();
  const wkt = rows.filter(
    (r) => typeof r.row.footprint === 'string' && !r.row.footprint.startsWith('{'),
  );
  const parsed = await parseWkt(
    tx,
    wkt.map((r) => r.row.footprint as string),
  );
  wkt.forEach((r, i) => (parsed[i] ? raw.set(r, parsed[i]) : null));
  for (const r of rows) {
    const f = r.row.footprint;
    if (f === null) continue;
    if (typeof f === 'object') raw.set(r, f);
    else if (f.startsWith('{')) {
      try {
        raw.set(r, JSON.parse(f) as object);
      } catch {
        /* named below */
      }
    }
    if (!raw.has(r)) {
      issue(
        r,
        'footprint',
        '轮廓无法识别：应为 WKT（POLYGON((…))）或 GeoJSON',
        'footprint: not readable as WKT (POLYGON((…))) or GeoJSON',
      );
    }
  }
  const shapes = new Map<Resolved, { type: string; coordinates: unknown }>();
  for (const [r, g] of raw) {
    const shape = singlePolygonOrPoint(g);
    if (shape) shapes.set(r, shape);
    else
      issue(
        r,
        'footprint',
        '轮廓应为单个多边形（Polygon）或点（Point）',
        'footprint: expected one Polygon (or a Point)',
      );
  }
  const firstPosition = (r: Resolved): [number, number] | null => {
    const s = shapes.get(r);
    if (s)
      return s.type === 'Point'
        ? (s.coordinates as [number, number])
        : (s.coordinates as [number, number][][])[0]![0]!;
    return r.row.lng !== null && r.row.lat !== null ? [r.row.lng, r.row.lat] : null;
  };
  let crs: FixedCrs = declared === 'auto' ? 'wgs84' : declared;
  const samples = rows.flatMap((r) => {
    const p = firstPosition(r);
    if (!p) return [];
    const alt = toWgs84(p, 'gcj02');
    return [{ lng: p[0], lat: p[1], altLng: alt[0], altLat: alt[1], community: r.place.code }];
  });
  if (declared === 'auto' && samples.length) {
    const hits = await countInside(tx, samples);
    crs = detectCrs({ wgs84: hits.as, gcj02: hits.alt });
  }
  const points: { row: number; lng: number; lat: number; communityCode: string }[] = [];
  const centres = await communityPoints(tx);
  for (const r of rows) {
    const s = shapes.get(r);
    if (s?.type === 'Polygon') {
      const polygon = geometryToWgs84(s, crs);
      const ok = polygonInputSchema.safeParse(polygon);
      if (ok.success) r.located = { kind: 'polygon', polygon: ok.data as Polygon };
      else
        issue(
          r,
          'footprint',
          `轮廓不合格：${ok.error.issues[0]!.message}`,
          `footprint: ${ok.error.issues[0]!.message}`,
        );
    } else if (r.target && !s) {
      r.located = { kind: 'polygon', polygon: r.target.geometry }; // attributes only: keep the footprint
    } else if (s || (r.row.lng !== null && r.row.lat !== null)) {
      const [lng, lat] = toWgs84(firstPosition(r)!, crs);
      r.located = { kind: 'point', lng, lat };
      points.push({ row: r.row.row, lng, lat, communityCode: r.place.code });
    } else if (!raw.has(r) && r.row.footprint === null) {
      const [lng, lat] = centres.get(r.place.code)!;
      r.located = { kind: 'address', lng, lat };
    }
  }
  const inside = await pointsInCommunity(tx, points);
  for (const r of rows) {
    if (r.located?.kind === 'point' && !inside.has(r.row.row)) {
      issue(
        r,
        r.row.refs.footprint ? 'footprint' : 'lng',
        `坐标不在${r.place.name}范围内`,
        `the point lies outside ${r.place.name}`,
      );
    }
  }
  return { crs, detected: declared === 'auto' };
}

function singlePolygonOrPoint(g: object): { type: string; coordinates: unknown } | null {
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (!Array.isArray(coordinates)) return null;
  if (type === 'Polygon' || type === 'Point') return { type, coordinates };
  if (type === 'MultiPolygon' && coordinates.length === 1) {
    return { type: 'Polygon', coordinates: coordinates[0] };
  }
  return null;
}

// the register's footprint rules (compound-rules.ts), on every polygon of the file at once
async function measure(tx: Queryable, rows: Resolved[], issues: ImportIssue[]): Promise<void> {
  const polygons = rows.filter((r) => r.located?.kind === 'polygon');
  const figures = await measureFootprints(
    tx,
    polygons.map((r) => ({
      row: r.row.row,
      geometry: (r.located as { polygon: Polygon }).polygon,
      communityCode: r.place.code,
      targetId: r.target?.id ?? null,
    })),
  );
  for (const r of polygons) {
    const f = figures.get(r.row.row)!;
    const en = footprintProblem(f, r.place.name);
    if (en) {
      issues.push({
        row: r.row.row,
        cell: r.row.refs.footprint ?? 'footprint',
        field: 'footprint',
        zh: footprintProblemZh(f, r.place.name)!.replace(
          /小区 -(\d+)（第\d+行）/,
          '本文件第 $1 行',
        ),
        en: en.replace(/compound -(\d+) \(第\d+行\)/, 'row $1 of this file'),
      });
    } else r.gridCode = f.gridCode!;
  }
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;
const sameGeometry = (a: Polygon, b: Polygon) =>
  JSON.stringify(a.coordinates.map((ring) => ring.map((p) => p.map(round7)))) ===
  JSON.stringify(b.coordinates.map((ring) => ring.map((p) => p.map(round7))));

function sortRow(r: Resolved, j: Judged): ImportRowResult {
  const at = { row: r.row.row, name: r.row.name };
  const attrs = {
    name: r.row.name,
    streetCode: r.place.streetCode,
    communityCode: r.place.code,
    households: r.row.households,
    buildings: r.row.buildings,
    yearBuilt: r.row.yearBuilt,
    coverageMode: r.row.coverageMode,
    enterpriseId: r.enterpriseId,
  };
  const located = r.located!;
  if (located.kind !== 'polygon') {
    j.toDraw.push({
      row: r.row.row,
      fields: attrs,
      address: r.row.address,
      located: located.kind,
      lng: located.lng,
      lat: located.lat,
    });
    return { ...at, outcome: 'to_draw', targetId: null };
  }
  const fields: CompoundFields = { ...attrs, gridCode: r.gridCode!, geometry: located.polygon };
  if (!r.target) {
    j.creates.push({ row: r.row.row, fields });
    return { ...at, outcome: 'create', targetId: null };
  }
  const t = r.target;
  const same =
    (Object.keys(attrs) as (keyof typeof attrs)[]).every((k) => attrs[k] === t[k]) &&
    t.gridCode === fields.gridCode &&
    sameGeometry(t.geometry, fields.geometry);
  if (!same) j.updates.push({ row: r.row.row, fields, before: t });
  return { ...at, outcome: same ? 'unchanged' : 'update', targetId: t.id };
}

async function write(
  tx: Queryable,
  req: ImportRequest,
  sha256: string,
  j: Judged,
): Promise<number> {
  const count = (o: ImportOutcome) => j.results.filter((r) => r.outcome === o).length;
  const importId = await insertImport(tx, {
    register: 'compounds',
    fileName: req.fileName.slice(0, 255),
    sha256,
    crs: j.crs,
    actor: req.actor,
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    toDraw: count('to_draw'),
  });
  await writeCompoundImport(tx, {
    importId,
    actor: req.actor,
    reason: `台账导入 #${importId}（${req.fileName.slice(0, 100)}，SHA-256 ${sha256.slice(0, 16)}…）`,
    today: req.today,
    creates: j.creates,
    updates: j.updates,
    toDraw: j.toDraw,
  });
  return importId;
}

export function report(
  base: Pick<ImportReport, 'fileName' | 'sha256' | 'rows' | 'dryRun'>,
  crs: ImportCrs,
  detected: boolean,
  issues: ImportIssue[],
  results: ImportRowResult[],
  register?: ImportReport['register'],
): ImportReport {
  const counts: Record<ImportOutcome, number> = {
    create: 0,
    update: 0,
    unchanged: 0,
    to_draw: 0,
    error: 0,
  };
  for (const r of results) counts[r.outcome]++;
  counts.error = new Set(issues.map((i) => i.row)).size;
  return {
    register: 'compounds',
    ...base,
    ...(register ? { register } : {}),
    crs: crs === 'auto' ? 'wgs84' : crs,
    crsDetected: detected,
    counts,
    issues: [...issues].sort((a, b) => a.row - b.row || a.cell.localeCompare(b.cell)),
    results,
    importId: null,
  };
}
