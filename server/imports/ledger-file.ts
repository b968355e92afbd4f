import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ImportIssue } from '../../common/ledgers.ts';
import { badRequest } from '../errors.ts';

// Reads a ledger file into header texts and rows of plain cell values, each with its cell address
// (`C7`): XLSX through exceljs's streaming reader (rows are parsed as the zip inflates, so a
// 10,000-row sheet is never a DOM in memory), CSV through exceljs's CSV reader (UTF-8, a BOM is
// fine), GeoJSON as a FeatureCollection whose properties are the columns and whose geometry is the
// footprint. No hand-written spreadsheet parsing.

export type CellValue = string | number | object | null;
export type LedgerRow = { row: number; values: CellValue[]; refs: string[] };
export type LedgerSheet = { headers: (string | null)[]; rows: LedgerRow[] };
export type LedgerFormat = 'xlsx' | 'csv' | 'geojson';

/** The file's format from its first bytes and name: a zip is XLSX, `{` GeoJSON, else CSV. */
export function formatOf(buffer: Buffer, fileName: string): LedgerFormat {
  if (buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  const head = buffer
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{') || /\.(geo)?json$/i.test(fileName)) return 'geojson';
  return 'csv';
}

/** Column letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26))
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/**
 * Reads the sheet named `sheetName` (else the first) of an XLSX or CSV file, or a GeoJSON file.
 * `onRow` is told every 500 rows (progress).
 */
export async function readLedger(
  buffer: Buffer,
  fileName: string,
  sheetName: string,
  onRow: (n: number) => void = () => {},
): Promise<LedgerSheet> {
  const format = formatOf(buffer, fileName);
  if (format === 'geojson') return readGeoJson(buffer);
  const grid: { row: number; values: CellValue[] }[] = [];
  if (format === 'xlsx') await readXlsx(buffer, sheetName, grid, onRow);
  else await readCsv(buffer, grid, onRow);
  const [header, ...rows] = grid;
  if (!header) throw badRequest('file', 'file: the sheet is empty; expected a header row');
  return {
    headers: header.values.map((v) => (v === null ? null : String(v))),
    rows: rows
      .filter((r) => r.values.some((v) => v !== null && v !== ''))
      .map((r) => ({ ...r, refs: r.values.map((_, i) => `${columnLetter(i + 1)}${r.row}`) })),
  };
}

async function readXlsx(
  buffer: Buffer,
  sheetName: string,
  grid: { row: number; values: CellValue[] }[],
  onRow: (n: number) => void,
): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buffer), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache', // dates are told from numbers by their style
    worksheets: 'emit',
    entries: 'emit',
  });
  // the named sheet, else the first one (a template's hidden list sheet comes after it)
  let first: typeof grid | null = null;
  let named: typeof grid | null = null;
  try {
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name?: string }).name;
      const take = named === null && (name === sheetName || first === null);
      const rows: typeof grid = [];
      for await (const row of sheet) {
        if (!take) continue;
        rows.push({ row: row.number, values: (row.values as unknown[]).slice(1).map(plainValue) });
        if (rows.length % 500 === 0) onRow(rows.length);
      }
      if (take && name === sheetName) named = rows;
      else if (take) first = rows;
    }
  } catch (err) {
    throw badRequest('file', `file: not a readable XLSX workbook (${(err as Error).message})`);
  }
  grid.push(...(named ?? first ?? []));
}

async function readCsv(
  buffer: Buffer,
  grid: { row: number; values: CellValue[] }[],
  onRow: (n: number) => void,
): Promise<void> {
  const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
  if (text.includes('\uFFFD')) {
    throw badRequest('file', 'file: a CSV must be UTF-8 (save it as "CSV UTF-8"); this one is not');
  }
  const workbook = new ExcelJS.Workbook();
  // keep every cell as its text: no guessing of dates or numbers (codes keep leading zeros)
  const sheet = await workbook.csv.read(Readable.from([text]), {
    parserOptions: { delimiter: text.split('\n', 1)[0]!.includes('\t') ? '\t' : ',' },
    map: (v: unknown) => v,
  });
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    grid.push({ row: number, values: (row.values as unknown[]).slice(1).map(plainValue) });
    if (grid.length % 500 === 0) onRow(grid.length);
  });
}

// exceljs's cell values: rich text, formulas (their result), hyperlinks (their text), dates
function plainValue(v: unknown): CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) {
    return (o.richText as { text: string }[]).map((t) => t.text).join('');
  }
  if ('result' in o) return plainValue(o.result);
  if ('text' in o) return plainValue(o.text);
  if ('error' in o) return String(o.error);
  return null;
}

function readGeoJson(buffer: Buffer): LedgerSheet {
  let doc: unknown;
  try {
    doc = JSON.parse(buffer.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw badRequest('file', `file: not valid JSON (${(err as Error).message})`);
  }
  const features = (doc as { type?: unknown; features?: unknown }).features;
  if ((doc as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray(features)) {
    throw badRequest('file', 'file: expected a GeoJSON FeatureCollection');
  }
  const headers: string[] = [];
  for (const f of features as { properties?: Record<string, unknown> }[]) {
    for (const k of Object.keys(f?.properties ?? {})) if (!headers.includes(k)) headers.push(k);
  }
  headers.push('footprint');
  const rows = (features as { properties?: Record<string, unknown>; geometry?: unknown }[]).map(
    (f, i) => ({
      row: i + 1,
      values: [
        ...headers.slice(0, -1).map((h) => plainValue(f?.properties?.[h] ?? null)),
        (f?.geometry as object | undefined) ?? null,
      ],
      refs: [
        ...headers.slice(0, -1).map((h) => `features[${i}].properties.${h}`),
        `features[${i}].geometry`,
      ],
    }),
  );
  return { headers, rows };
}

/** An issue about the file as a whole (a missing column), on its header row. */
export const headerIssue = (cell: string, field: string, zh: string, en: string): ImportIssue => ({
  row: 1,
  cell,
  field,
  zh,
  en,
});

/** Each row's cells as trimmed text (null when empty) and their addresses, by field. */
export function textRows<F extends string>(
  sheet: LedgerSheet,
  list: readonly { field: F; zh: string }[],
  columns: Partial<Record<F, number>>,
): { row: number; refs: Record<F, string>; text: Record<F, string | null> }[] {
  return sheet.rows.map((r) => {
    const refs = {} as Record<F, string>;
    const text = {} as Record<F, string | null>;
    for (const c of list) {
      const i = columns[c.field];
      refs[c.field] = i === undefined ? c.zh : r.refs[i]!;
      const v = i === undefined ? null : r.values[i];
      text[c.field] =
        v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim();
    }
    return { row: r.row, refs, text };
  });
}
