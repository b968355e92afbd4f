import crypto from 'node:crypto';
import {
  STATION_KINDS,
  STATION_SERVICES,
  type StationKind,
  type StationService,
} from '../../common/domain.ts';
import type { ImportIssue, ImportReport, ImportRowResult } from '../../common/ledgers.ts';
import type { Db, Queryable } from '../db.ts';
import { insertImport } from '../imports/compound-import-queries.ts';
import { mapHeaders, ROW_RULES } from '../imports/compound-import-rows.ts';
import { Outcome, report, type ImportRequest } from '../imports/compound-import.ts';
import { toWgs84 } from '../imports/import-crs.ts';
import { headerIssue, readLedger, textRows } from '../imports/ledger-file.ts';
import {
  findStationPlace,
  insertStation,
  lockStation,
  updateStation,
  type StationFields,
} from './station-register-queries.ts';
import { mayKeep } from './station-register-routes.ts';
import { stationUnits } from './station-rules.ts';

// The station ledger (党群服务站点台账): one station a row, new ones created, those named by their
// id corrected. Every row goes through the register's own rules (where a station of its kind may
// stand: stationUnits; who keeps it: mayKeep) and its audited writes, in one transaction; a dry
// run, or a file with any bad row, rolls back. Coordinates in the declared CRS (auto = WGS84:
// a station row names no community for the GCJ-02 test).

export const STATION_SHEET = '党群服务站点';
export const STATION_COLUMNS = [
  { field: 'id', zh: '站点编号', en: 'id', required: false },
  { field: 'name', zh: '站点名称', en: 'name', required: true },
  { field: 'kind', zh: '类型', en: 'kind', required: true },
  { field: 'services', zh: '服务项目', en: 'services', required: false },
  { field: 'lng', zh: '经度', en: 'lng', required: true },
  { field: 'lat', zh: '纬度', en: 'lat', required: true },
] as const;
type Field = (typeof STATION_COLUMNS)[number]['field'];

export const STATION_KIND_ZH: Record<StationKind, string> = {
  district_centre: '区党群服务中心',
  street_centre: '街道党群服务中心',
  community_station: '社区党群服务站',
  compound_station: '小区党群服务点',
};
export const STATION_SERVICE_ZH: Record<StationService, string> = {
  fee_payment: '缴费',
  grievance_intake: '诉求受理',
  legal_advice: '法律咨询',
  mediation: '矛盾调解',
  party_activities: '党建活动',
  elderly_care: '养老服务',
};

type Row = { row: number; refs: Record<Field, string>; text: Record<Field, string | null> };
type Add = (field: Field, zh: string, en: string) => void;

/** Runs an import of the station register. */
export async function importStations(db: Db, req: ImportRequest): Promise<ImportReport> {
  const sha256 = crypto.createHash('sha256').update(req.buffer).digest('hex');
  const sheet = await readLedger(req.buffer, req.fileName, STATION_SHEET);
  const { columns, missing } = mapHeaders(sheet.headers, STATION_COLUMNS);
  const crs = req.crs === 'auto' ? 'wgs84' : req.crs;
  const base = { fileName: req.fileName, sha256, rows: sheet.rows.length, dryRun: req.dryRun };
  const issues: ImportIssue[] = missing.map((c) =>
    headerIssue('1', c.field, `缺少「${c.zh}」列`, `missing the column "${c.zh}" (${c.en})`),
  );
  if (issues.length) return report(base, crs, false, issues, [], 'stations');
  const rows: Row[] = textRows(sheet, STATION_COLUMNS, columns);
  try {
    return await db.withTransaction(async (tx) => {
      const results = await applyRows(tx, rows, req, crs, issues);
      if (req.dryRun || issues.length) {
        throw new Outcome(report(base, crs, false, issues, results, 'stations'));
      }
      const count = (o: string) => results.filter((r) => r.outcome === o).length;
      const importId = await insertImport(tx, {
        register: 'stations',
        fileName: req.fileName.slice(0, 255),
        sha256,
        crs,
        actor: req.actor,
        created: count('create'),
        updated: count('update'),
        unchanged: count('unchanged'),
        toDraw: 0,
      });
      return { ...report(base, crs, false, issues, results, 'stations'), importId };
    });
  } catch (err) {
    if (err instanceof Outcome) return err.report;
    throw err;
  }
}

async function applyRows(
  tx: Queryable,
  rows: Row[],
  req: ImportRequest,
  crs: Exclude<ImportRequest['crs'], 'auto'>,
  issues: ImportIssue[],
): Promise<ImportRowResult[]> {
  const results: ImportRowResult[] = [];
  const names = new Map<string, number>();
  const reason = `站点台账导入（${req.fileName.slice(0, 100)}）`;
  for (const r of rows) {
    const add: Add = (field, zh, en) =>
      issues.push({ row: r.row, cell: r.refs[field], field, zh, en });
    const fields = await fieldsOf(tx, r, crs, add);
    const name = r.text.name ?? '';
    const firstRow = names.get(name);
    if (firstRow !== undefined)
      add(
        'name',
        `与第 ${firstRow} 行重复（同名站点）`,
        `duplicate of row ${firstRow} (same name)`,
      );
    names.set(name, firstRow ?? r.row);
    const id = r.text.id === null ? null : Number(r.text.id);
    const before = id !== null && Number.isInteger(id) && id > 0 ? await lockStation(tx, id) : null;
    if (id !== null && !before)
      add('id', `登记册中没有编号为 ${r.text.id} 的在册站点`, `id: no live station ${r.text.id}`);
    if (!fields || (id !== null && !before)) {
      results.push({ row: r.row, name, outcome: 'error', targetId: null });
      continue;
    }
    const outside =
      (before && !mayKeep(req.scope, before.kind, before)) ||
      !mayKeep(req.scope, fields.kind, fields);
    if (outside)
      add(
        'lng',
        `该${STATION_KIND_ZH[fields.kind]}不在您的管辖范围内`,
        `a ${fields.kind} there is outside your area`,
      );
    if (before) {
      const { id: targetId, version: _v, ...was } = before;
      const same = sameStation(was, fields);
      if (!same) await updateStation(tx, before, fields, req.actor, reason);
      results.push({ row: r.row, name, outcome: same ? 'unchanged' : 'update', targetId });
    } else {
      await insertStation(tx, fields, req.actor, reason);
      results.push({ row: r.row, name, outcome: 'create', targetId: null });
    }
  }
  const bad = new Set(issues.map((i) => i.row));
  return results.map((x) => (bad.has(x.row) ? { ...x, outcome: 'error' } : x));
}

// one row's cells → the station's fields (kind, services, location, the units it falls in)
async function fieldsOf(
  tx: Queryable,
  r: Row,
  crs: Exclude<ImportRequest['crs'], 'auto'>,
  add: Add,
): Promise<StationFields | null> {
  const name = r.text.name;
  if (!name || name.length > 100)
    add('name', '站点名称应为 1–100 个字', 'name: expected 1–100 characters');
  const kindText = r.text.kind ?? '';
  const kind = STATION_KINDS.find((k) => k === kindText || STATION_KIND_ZH[k] === kindText);
  if (!kind) {
    add(
      'kind',
      `类型应为 ${Object.values(STATION_KIND_ZH).join('、')} 之一，实为「${kindText}」`,
      `kind: expected one of ${STATION_KINDS.join(', ')}, got "${kindText}"`,
    );
  }
  const words = (r.text.services ?? '').split(/[、,，;；\s]+/).filter(Boolean);
  const services = words.map((w) =>
    STATION_SERVICES.find((s) => s === w || STATION_SERVICE_ZH[s] === w),
  );
  if (services.some((s) => s === undefined) || new Set(services).size !== services.length) {
    add(
      'services',
      `服务项目应为 ${Object.values(STATION_SERVICE_ZH).join('、')} 中的不同项，以顿号分隔`,
      `services: expected distinct ones of ${STATION_SERVICES.join(', ')}`,
    );
  }
  const [lng, lat] = [Number(r.text.lng), Number(r.text.lat)];
  const inRange = (v: number, [min, max]: readonly [number, number]) =>
    Number.isFinite(v) && v >= min && v <= max;
  if (!inRange(lng, ROW_RULES.lng))
    add(
      'lng',
      `经度应在 ${ROW_RULES.lng.join('–')} 之间，实为 ${r.text.lng ?? '空'}`,
      `lng: expected ${ROW_RULES.lng.join('–')}, got ${r.text.lng ?? 'nothing'}`,
    );
  if (!inRange(lat, ROW_RULES.lat))
    add(
      'lat',
      `纬度应在 ${ROW_RULES.lat.join('–')} 之间，实为 ${r.text.lat ?? '空'}`,
      `lat: expected ${ROW_RULES.lat.join('–')}, got ${r.text.lat ?? 'nothing'}`,
    );
  if (
    !name ||
    name.length > 100 ||
    !kind ||
    services.some((s) => s === undefined) ||
    !inRange(lng, ROW_RULES.lng) ||
    !inRange(lat, ROW_RULES.lat)
  ) {
    return null;
  }
  const location = toWgs84([lng, lat], crs);
  const units = stationUnits(kind, await findStationPlace(tx, location));
  if (typeof units === 'string') {
    add('lng', `位置不符合${STATION_KIND_ZH[kind]}的要求：${units}`, `location: ${units}`);
    return null;
  }
  return { name, kind, services: services as StationService[], ...units, location };
}

// equal to the register's row, positions to 1e-6° (≈ 10 cm; the register reads them rounded)
function sameStation(a: StationFields, b: StationFields): boolean {
  const r6 = (v: number) => Math.round(v * 1e6);
  return (
    a.name === b.name &&
    a.kind === b.kind &&
    [...a.services].sort().join() === [...b.services].sort().join() &&
    a.streetCode === b.streetCode &&
    a.communityCode === b.communityCode &&
    a.compoundId === b.compoundId &&
    r6(a.location[0]) === r6(b.location[0]) &&
    r6(a.location[1]) === r6(b.location[1])
  );
}
