import { COVERAGE_MODES, type CoverageMode } from '../../common/domain.ts';
import type { ImportIssue } from '../../common/ledgers.ts';

// The compound ledger's columns and the checks each cell must pass, as pure functions of the
// cells' values: no I/O. What needs the database (does the community exist, is the polygon inside
// it) is judged later, in compound-import.ts, with the same issue shape.

/** The columns of the compound sheet, in template order; a file may order them as it likes. */
export const COMPOUND_COLUMNS = [
  { field: 'id', zh: '小区编号', en: 'id', required: false },
  { field: 'name', zh: '小区名称', en: 'name', required: true },
  { field: 'street', zh: '街道', en: 'street', required: false },
  { field: 'community', zh: '社区', en: 'community', required: true },
  { field: 'households', zh: '户数', en: 'households', required: true },
  { field: 'buildings', zh: '楼栋数', en: 'buildings', required: true },
  { field: 'yearBuilt', zh: '建成年份', en: 'yearBuilt', required: true },
  { field: 'coverageMode', zh: '服务方式', en: 'coverageMode', required: true },
  { field: 'creditCode', zh: '物业企业信用代码', en: 'creditCode', required: false },
  { field: 'lng', zh: '经度', en: 'lng', required: false },
  { field: 'lat', zh: '纬度', en: 'lat', required: false },
  { field: 'footprint', zh: '轮廓(WKT或GeoJSON)', en: 'footprint', required: false },
  { field: 'address', zh: '地址', en: 'address', required: false },
] as const;
export type CompoundField = (typeof COMPOUND_COLUMNS)[number]['field'];

/** The Chinese words for the modes of service, as the template's list offers them. */
export const COVERAGE_MODE_ZH: Record<CoverageMode, string> = {
  professional: '专业化物业企业',
  street_company: '街道社区物业公司',
  self_managed: '居民自我管理',
  none: '无物业',
};

export const ROW_RULES = {
  households: [1, 100_000], // as the register (compound-register-routes.ts)
  buildings: [1, 1000],
  yearBuilt: [1900, 2100],
  nameLength: 100,
  addressLength: 200,
  lng: [118.4, 118.7], // the district's neighbourhood, in any of the CRSs (they differ by < 1 km)
  lat: [24.8, 25.0],
} as const;

export type Cell = { value: string | number | null; ref: string };
/** One data row of a sheet: its row number and its cells by field. */
export type SheetRow = { row: number; cells: Partial<Record<CompoundField, Cell>> };

export type CompoundRow = {
  row: number;
  id: number | null;
  name: string;
  street: string | null;
  community: string;
  households: number;
  buildings: number;
  yearBuilt: number;
  coverageMode: CoverageMode;
  creditCode: string | null;
  lng: number | null;
  lat: number | null;
  /** WKT or GeoJSON text, or a GeoJSON object from a GeoJSON file */
  footprint: string | object | null;
  address: string | null;
  refs: Partial<Record<CompoundField, string>>;
};

type Column = { field: string; zh: string; en: string; required: boolean };

/** Maps a sheet's header texts (Chinese or English) onto fields; unknown headers are ignored. */
export function mapHeaders<C extends Column>(
  headers: readonly (string | null)[],
  list: readonly C[],
): { columns: Partial<Record<C['field'], number>>; missing: C[] } {
  const columns: Partial<Record<C['field'], number>> = {};
  headers.forEach((h, i) => {
    const text = (h ?? '').replace(/^\uFEFF/, '').trim();
    const col = list.find((c) => c.zh === text || c.en === text);
    if (col && columns[col.field as C['field']] === undefined) columns[col.field as C['field']] = i;
  });
  const missing = list.filter((c) => c.required && columns[c.field as C['field']] === undefined);
  return { columns, missing };
}

/**
 * Checks one row's cells; returns the row or the issues, each naming its cell and what it accepts.
 * @example checkCompoundRow({row: 7, cells: {households: {value: 0, ref: 'E7'}, …}})
 *   // {issues: [{row: 7, cell: 'E7', field: 'households', zh: '户数应为 1–100000 的整数，实为 0', …}]}
 */
export function checkCompoundRow(r: SheetRow): { row: CompoundRow } | { issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const refs: CompoundRow['refs'] = {};
  for (const [k, c] of Object.entries(r.cells)) refs[k as CompoundField] = c.ref;
  const ref = (f: CompoundField) => refs[f] ?? COMPOUND_COLUMNS.find((c) => c.field === f)!.zh;
  const add = (field: CompoundField, zh: string, en: string) =>
    issues.push({ row: r.row, cell: ref(field), field, zh, en });

  const text = (f: CompoundField): string | null => {
    const v = r.cells[f]?.value;
    if (v === null || v === undefined) return null;
    const s = String(v).trim();
    return s === '' ? null : s;
  };
  const int = (f: CompoundField, [min, max]: readonly [number, number], zhName: string) => {
    const s = text(f);
    const n = s === null ? NaN : Number(s);
    if (s === null) add(f, `${zhName}不能为空`, `${f} is required`);
    else if (!Number.isInteger(n) || n < min || n > max) {
      add(
        f,
        `${zhName}应为 ${min}–${max} 的整数，实为 ${s}`,
        `${f}: expected an integer ${min}–${max}, got ${s}`,
      );
    }
    return n;
  };

  const idText = text('id');
  const id = idText === null ? null : Number(idText);
  if (id !== null && (!Number.isInteger(id) || id < 1 || id > 2_147_483_647)) {
    add(
      'id',
      `小区编号应为正整数，实为 ${idText}`,
      `id: expected a positive integer, got ${idText}`,
    );
  }
  const name = text('name') ?? '';
  if (!name) add('name', '小区名称不能为空', 'name is required');
  else if (name.length > ROW_RULES.nameLength) {
    add(
      'name',
      `小区名称最多 ${ROW_RULES.nameLength} 个字`,
      `name: at most ${ROW_RULES.nameLength} characters`,
    );
  }
  const community = text('community') ?? '';
  if (!community)
    add(
      'community',
      '社区不能为空（名称或 12 位代码）',
      'community is required (name or 12-digit code)',
    );
  const households = int('households', ROW_RULES.households, '户数');
  const buildings = int('buildings', ROW_RULES.buildings, '楼栋数');
  const yearBuilt = int('yearBuilt', ROW_RULES.yearBuilt, '建成年份');
  const coverageMode = modeOf(text('coverageMode'));
  if (!coverageMode) {
    const got = text('coverageMode') ?? '';
    add(
      'coverageMode',
      `服务方式应为 ${Object.values(COVERAGE_MODE_ZH).join('、')} 之一，实为「${got}」`,
      `coverageMode: expected one of ${COVERAGE_MODES.join(', ')}, got "${got}"`,
    );
  }
  const creditCode = text('creditCode')?.toUpperCase() ?? null;
  if (creditCode !== null && !/^[0-9A-Z]{18}$/.test(creditCode)) {
    add(
      'creditCode',
      `统一社会信用代码应为 18 位数字或大写字母，实为 ${creditCode}`,
      `creditCode: expected 18 digits or capital letters, got ${creditCode}`,
    );
  }
  if ((coverageMode === 'professional') !== (creditCode !== null) && coverageMode) {
    add(
      'creditCode',
      coverageMode === 'professional'
        ? '专业化物业企业服务的小区须填写企业信用代码'
        : '只有专业化物业企业服务的小区填写企业信用代码',
      coverageMode === 'professional'
        ? 'creditCode: a professional compound names its enterprise'
        : 'creditCode: only a professional compound names an enterprise',
    );
  }
  const lng = coordinate('lng', text('lng'), ROW_RULES.lng, '经度', add);
  const lat = coordinate('lat', text('lat'), ROW_RULES.lat, '纬度', add);
  if (
    (lng === null) !== (lat === null) &&
    !issues.some((i) => i.field === 'lng' || i.field === 'lat')
  ) {
    add(lng === null ? 'lng' : 'lat', '经度和纬度应同时填写', 'lng and lat go together');
  }
  const footprintCell = r.cells.footprint?.value;
  const footprint =
    typeof footprintCell === 'object' && footprintCell !== null ? footprintCell : text('footprint');
  const address = text('address');
  if (address && address.length > ROW_RULES.addressLength) {
    add(
      'address',
      `地址最多 ${ROW_RULES.addressLength} 个字`,
      `address: at most ${ROW_RULES.addressLength} characters`,
    );
  }
  if (issues.length) return { issues };
  return {
    row: {
      row: r.row,
      id,
      name,
      street: text('street'),
      community,
      households,
      buildings,
      yearBuilt,
      coverageMode: coverageMode!,
      creditCode,
      lng,
      lat,
      footprint,
      address,
      refs,
    },
  };
}

function modeOf(s: string | null): CoverageMode | null {
  if (s === null) return null;
  const byCode = COVERAGE_MODES.find((m) => m === s);
  if (byCode) return byCode;
  const byZh = Object.entries(COVERAGE_MODE_ZH).find(([, zh]) => zh === s);
  return byZh ? (byZh[0] as CoverageMode) : null;
}

function coordinate(
  f: 'lng' | 'lat',
  s: string | null,
  [min, max]: readonly [number, number],
  zhName: string,
  add: (field: CompoundField, zh: string, en: string) => void,
): number | null {
  if (s === null) return null;
  const n = Number(s);
  if (!Number.isFinite(n) || n < min || n > max) {
    add(f, `${zhName}应在 ${min}–${max} 之间，实为 ${s}`, `${f}: expected ${min}–${max}, got ${s}`);
    return null;
  }
  return n;
}

/** Issues for rows naming the same compound twice in one file: by id, or by (community, name). */
export function duplicatesInFile(rows: readonly CompoundRow[]): ImportIssue[] {
  const seen = new Map<string, number>();
  const issues: ImportIssue[] = [];
  for (const r of rows) {
    const key = r.id !== null ? `id:${r.id}` : `name:${r.community}\u0000${r.name}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, r.row);
      continue;
    }
    const field = r.id !== null ? 'id' : 'name';
    issues.push({
      row: r.row,
      cell: r.refs[field] ?? field,
      field,
      zh: `与第 ${first} 行重复（同一${r.id !== null ? '小区编号' : '社区内同名小区'}）`,
      en: `duplicate of row ${first} (same ${r.id !== null ? 'id' : 'community and name'})`,
    });
  }
  return issues;
}
