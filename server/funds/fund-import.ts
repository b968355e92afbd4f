import crypto from 'node:crypto';
import type { ImportIssue, ImportReport, ImportRowResult } from '../../common/ledgers.ts';
import { inScope } from '../auth/principal.ts';
import type { Db, Queryable } from '../db.ts';
import { findCompoundsFor, insertImport, loadPlaces } from '../imports/compound-import-queries.ts';
import { mapHeaders } from '../imports/compound-import-rows.ts';
import { Outcome, report, type ImportRequest } from '../imports/compound-import.ts';
import { headerIssue, readLedger, textRows } from '../imports/ledger-file.ts';
import { lockFund, recordFundReading, type FundReading } from './funds-queries.ts';

// The maintenance-fund ledger (维修资金台账): one reading per compound, named by its id or by
// community and name. Dry run and apply run the same writes in one transaction; a dry run, or a
// file with any bad row, rolls back. Each reading goes through recordFundReading, so the 30% rule
// opens top-up tasks exactly as a single PUT does.

export const FUND_SHEET = '维修资金';
export const FUND_COLUMNS = [
  { field: 'id', zh: '小区编号', en: 'id', required: false },
  { field: 'community', zh: '社区', en: 'community', required: false },
  { field: 'name', zh: '小区名称', en: 'name', required: false },
  { field: 'firstDeposit', zh: '首期归集金额(元)', en: 'firstDeposit', required: true },
  { field: 'balance', zh: '账户余额(元)', en: 'balance', required: true },
  { field: 'arrearsHouseholds', zh: '欠缴户数', en: 'arrearsHouseholds', required: true },
  { field: 'asOf', zh: '截至日期', en: 'asOf', required: true },
] as const;
type Field = (typeof FUND_COLUMNS)[number]['field'];
type FundRow = { row: number; refs: Record<Field, string>; text: Record<Field, string | null> };

const MONEY_MAX = 1_000_000_000;

/** Runs an import of maintenance-fund readings. */
export async function importFunds(db: Db, req: ImportRequest): Promise<ImportReport> {
  const sha256 = crypto.createHash('sha256').update(req.buffer).digest('hex');
  const sheet = await readLedger(req.buffer, req.fileName, FUND_SHEET);
  const { columns, missing } = mapHeaders(sheet.headers, FUND_COLUMNS);
  const base = { fileName: req.fileName, sha256, rows: sheet.rows.length, dryRun: req.dryRun };
  const issues: ImportIssue[] = missing.map((c) =>
    headerIssue('1', c.field, `缺少「${c.zh}」列`, `missing the column "${c.zh}" (${c.en})`),
  );
  if (issues.length) return report(base, 'wgs84', false, issues, [], 'funds');
  const rows: FundRow[] = textRows(sheet, FUND_COLUMNS, columns);
  try {
    return await db.withTransaction(async (tx) => {
      const results = await applyRows(tx, rows, req, issues, sha256);
      if (req.dryRun || issues.length)
        throw new Outcome(report(base, 'wgs84', false, issues, results, 'funds'));
      const importId = await recordImport(tx, req, sha256, results);
      return { ...report(base, 'wgs84', false, issues, results, 'funds'), importId };
    });
  } catch (err) {
    if (err instanceof Outcome) return err.report;
    throw err;
  }
}

async function applyRows(
  tx: Queryable,
  rows: FundRow[],
  req: ImportRequest,
  issues: ImportIssue[],
  sha256: string,
): Promise<ImportRowResult[]> {
  const places = await loadPlaces(tx);
  const results: ImportRowResult[] = [];
  const seen = new Map<number, number>();
  for (const r of rows) {
    const add = (field: Field, zh: string, en: string) =>
      issues.push({ row: r.row, cell: r.refs[field], field, zh, en });
    const reading = readingOf(r, req.today, add);
    const compound = await compoundOf(tx, r, places, add);
    if (!reading || !compound) {
      results.push({ row: r.row, name: r.text.name ?? '', outcome: 'error', targetId: null });
      continue;
    }
    if (!inScope(req.scope, compound)) {
      add(
        'id',
        `小区 ${compound.id} 不在您的管辖范围内`,
        `compound ${compound.id} is outside your area`,
      );
    } else if (seen.has(compound.id)) {
      add(
        'id',
        `与第 ${seen.get(compound.id)} 行重复（同一小区）`,
        `duplicate of row ${seen.get(compound.id)} (same compound)`,
      );
    }
    seen.set(compound.id, seen.get(compound.id) ?? r.row);
    const before = await lockFund(tx, compound.id);
    const same =
      before !== null &&
      (Object.keys(reading) as (keyof FundReading)[]).every((k) => before[k] === reading[k]);
    results.push({
      row: r.row,
      name: compound.name,
      outcome: same ? 'unchanged' : before ? 'update' : 'create',
      targetId: compound.id,
    });
    if (same) continue;
    await recordFundReading(tx, {
      compound,
      before,
      reading,
      actor: req.actor,
      action: 'import',
      reason: `维修资金台账导入（${req.fileName.slice(0, 100)}，SHA-256 ${sha256.slice(0, 16)}…）`,
      today: req.today,
    });
  }
  const bad = new Set(issues.map((i) => i.row));
  return results.map((x) => (bad.has(x.row) ? { ...x, outcome: 'error' } : x));
}

function readingOf(
  r: FundRow,
  today: string,
  add: (field: Field, zh: string, en: string) => void,
): FundReading | null {
  const num = (
    f: 'firstDeposit' | 'balance' | 'arrearsHouseholds',
    min: number,
    max: number,
    zh: string,
    int: boolean,
  ) => {
    const s = r.text[f];
    const n = s === null ? NaN : Number(s.replaceAll(',', ''));
    const cents = Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;
    if (!Number.isFinite(n) || n < min || n > max || (int ? !Number.isInteger(n) : !cents)) {
      add(
        f,
        `${zh}应为 ${min}–${max} 的${int ? '整数' : '金额（至多两位小数）'}，实为 ${s ?? '空'}`,
        `${f}: expected ${int ? 'an integer' : 'yuan with at most 2 decimals'} ${min}–${max}, got ${s ?? 'nothing'}`,
      );
      return null;
    }
    return n;
  };
  const firstDeposit = num('firstDeposit', 0.01, MONEY_MAX, '首期归集金额', false);
  const balance = num('balance', 0, MONEY_MAX, '账户余额', false);
  const arrearsHouseholds = num('arrearsHouseholds', 0, 100_000, '欠缴户数', true);
  const asOf = r.text.asOf;
  const dateOk =
    asOf !== null &&
    /^\d{4}-\d{2}-\d{2}$/.test(asOf) &&
    !Number.isNaN(Date.parse(asOf)) &&
    asOf <= today;
  if (!dateOk)
    add(
      'asOf',
      `截至日期应为不晚于今天（${today}）的日期 YYYY-MM-DD，实为 ${asOf ?? '空'}`,
      `asOf: expected a date YYYY-MM-DD no later than ${today}, got ${asOf ?? 'nothing'}`,
    );
  if (firstDeposit === null || balance === null || arrearsHouseholds === null || !dateOk)
    return null;
  return { firstDeposit, balance, arrearsHouseholds, asOf: asOf! };
}

async function compoundOf(
  tx: Queryable,
  r: FundRow,
  places: Awaited<ReturnType<typeof loadPlaces>>,
  add: (field: Field, zh: string, en: string) => void,
): Promise<{
  id: number;
  name: string;
  streetCode: string;
  communityCode: string;
  gridCode: string;
} | null> {
  const id = r.text.id === null ? null : Number(r.text.id);
  if (id !== null && (!Number.isInteger(id) || id < 1 || id > 2_147_483_647)) {
    add(
      'id',
      `小区编号应为正整数，实为 ${r.text.id}`,
      `id: expected a positive integer, got ${r.text.id}`,
    );
    return null;
  }
  const place = places.find((p) => p.code === r.text.community || p.name === r.text.community);
  if (id === null && (!place || !r.text.name)) {
    add(
      place ? 'name' : 'community',
      '请填写小区编号，或社区和小区名称',
      'give the compound id, or its community and name',
    );
    return null;
  }
  const [found] = await findCompoundsFor(
    tx,
    id === null ? [] : [id],
    id === null ? [{ communityCode: place!.code, name: r.text.name! }] : [],
    false,
  );
  if (!found) {
    add(
      id === null ? 'name' : 'id',
      `登记册中没有该在册小区（${id ?? `${place!.name} ${r.text.name}`}）`,
      `no live compound ${id ?? `"${r.text.name}" in ${place!.name}`} in the register`,
    );
    return null;
  }
  return {
    id: found.id,
    name: found.name,
    streetCode: found.streetCode,
    communityCode: found.communityCode,
    gridCode: found.gridCode,
  };
}

async function recordImport(
  tx: Queryable,
  req: ImportRequest,
  sha256: string,
  results: ImportRowResult[],
): Promise<number> {
  const count = (o: string) => results.filter((r) => r.outcome === o).length;
  return insertImport(tx, {
    register: 'funds',
    fileName: req.fileName.slice(0, 255),
    sha256,
    crs: 'wgs84',
    actor: req.actor,
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    toDraw: 0,
  });
}
