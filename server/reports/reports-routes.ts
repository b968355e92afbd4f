import { Router, type Request } from 'express';
import { z } from 'zod';
import { forbidden, requireLogin } from '../auth/auth-routes.ts';
import type { Principal } from '../auth/principal.ts';
import type { Db } from '../db.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import {
  buildPeriodReport,
  findUnit,
  listSubmissions,
  lockSubmission,
  writeSubmission,
  type ReportOptions,
} from './report-queries.ts';
import { isPeriod, lastQuarter } from './report-rules.ts';
import { reportWorkbook } from './report-xlsx.ts';

const PERIOD_ERROR = 'expected a quarter YYYY-Qn (n 1–4) or a year YYYY';
export const period = z.string().refine(isPeriod, { error: PERIOD_ERROR });
export const listQuery = z.object({ period: period.optional() }).strict();
export const reportParams = z
  .object({
    unit: z
      .string()
      .regex(/^(district|\d{12})$/, { error: 'expected district or a 12-digit street code' }),
    file: z
      .string()
      .regex(/^(\d{4}(-Q[1-4])?)(\.xlsx)?$/, { error: `${PERIOD_ERROR}, optionally .xlsx` }),
  })
  .strict();
export const submitParams = z
  .object({
    streetCode: z.string().regex(/^\d{12}$/, { error: 'expected a 12-digit street code' }),
    period,
    action: z.enum(['draft', 'submit'], { error: 'expected draft or submit' }),
  })
  .strict();
export const submitBody = z
  .object({
    version: z
      .number({ error: 'expected the version you last saw' })
      .int()
      .min(1)
      .max(2_147_483_647)
      .optional(),
  })
  .strict();

type User = Extract<Principal, { kind: 'user' }>;

// the district-wide roles read every street and the district; a street admin their own street
function reader(req: Request): User {
  const p = req.principal!;
  if (p.kind === 'user' && (p.scope.district || p.role === 'street_admin')) return p;
  throw forbidden('Reports are read by district-wide roles and street admins');
}

function mayReadUnit(p: User, streetCode: string | null): boolean {
  return p.scope.district || (streetCode !== null && p.scope.streets.includes(streetCode));
}

export type ReportsOptions = ReportOptions & { now: () => Date; today: () => string };

/**
 * Quarterly and yearly reports (五(三)): GET /api/reports?period= (each street's state and due
 * date), GET /api/reports/{unit}/{period}[.xlsx] (the report, or its workbook), POST
 * /api/reports/{streetCode}/{period}/{draft|submit}.
 */
export function reportsRouter(db: Db, opts: ReportsOptions): Router {
  const router = Router();

  router.get('/api/reports', requireLogin, async (req, res) => {
    const p = reader(req);
    const q = parseInput(listQuery, req.query);
    const streets = p.scope.district ? null : p.scope.streets;
    res.json(
      await listSubmissions(db, q.period ?? lastQuarter(opts.today()), opts.today(), streets),
    );
  });

  router.get('/api/reports/:unit/:file', requireLogin, async (req, res) => {
    const p = reader(req);
    const { unit: unitParam, file } = parseInput(reportParams, req.params, 'path');
    const [, thePeriod, xlsx] = /^(.+?)(\.xlsx)?$/.exec(file)!;
    const streetCode = unitParam === 'district' ? null : unitParam;
    if (!mayReadUnit(p, streetCode))
      throw forbidden(`The report of ${unitParam} is outside your area`);
    const unit = await findUnit(db, streetCode);
    if (!unit) throw notFound(`Unknown street code: ${unitParam}`);
    const report = await buildPeriodReport(db, unit, thePeriod!, opts.now(), opts.today(), opts);
    if (!xlsx) {
      res.json(report);
      return;
    }
    const names = await db.query<{ code: string; name: string }>(
      'SELECT code, name_zh AS name FROM event_categories',
    );
    const buffer = await reportWorkbook(
      report,
      Object.fromEntries(names.map((n) => [n.code, n.name])),
    );
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment(`${unit.name}${thePeriod}报告.xlsx`)
      .send(buffer);
  });

  router.post('/api/reports/:streetCode/:period/:action', requireLogin, async (req, res) => {
    const p = reader(req);
    const { streetCode, period: thePeriod, action } = parseInput(submitParams, req.params, 'path');
    const b = parseInput(submitBody, req.body ?? {}, 'body');
    if (
      p.role !== 'district_admin' &&
      !(p.role === 'street_admin' && p.scope.streets.includes(streetCode))
    ) {
      throw forbidden(
        `Street ${streetCode}'s report is written by its street admin or a district admin`,
      );
    }
    if (!(await findUnit(db, streetCode)))
      throw badRequest('streetCode', `streetCode: unknown street ${streetCode}`);
    await db.withTransaction(async (tx) => {
      const now = await lockSubmission(tx, streetCode, thePeriod);
      if (now && now.version !== b.version) {
        throw new AppError(
          409,
          'conflict',
          `Stale version ${b.version ?? 'none'}: the report is at version ${now.version}; reload and retry`,
        );
      }
      if (now?.status === 'submitted') {
        throw new AppError(
          409,
          'conflict',
          `The ${thePeriod} report of ${streetCode} is already submitted`,
        );
      }
      await writeSubmission(tx, {
        street: streetCode,
        period: thePeriod,
        status: action === 'draft' ? 'drafted' : 'submitted',
        actor: p.username,
        exists: now !== null,
      });
    });
    const [row] = await listSubmissions(db, thePeriod, opts.today(), [streetCode]);
    res.json(row);
  });

  return router;
}
