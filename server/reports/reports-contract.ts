import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { REPORT_STATUSES, type PeriodReport, type ReportSubmission } from '../../common/ledgers.ts';
import {
  count,
  errorResponses,
  int,
  isoDate,
  jsonResponse,
  share,
  timestamp,
  USER,
} from '../openapi/wire-schemas.ts';
import { listQuery, reportParams, submitBody, submitParams } from './reports-routes.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const submissionSchema = z
  .object({
    streetCode: z.string(),
    streetName: z.string(),
    period: z.string(),
    dueOn: isoDate(),
    status: z.enum(REPORT_STATUSES),
    submittedAt: timestamp().nullable(),
    submittedBy: z.string().nullable(),
    late: z.boolean(),
    version: int().nullable(),
  })
  .meta({ id: 'ReportSubmission' }) satisfies z.ZodType<ReportSubmission>;

const shareSchema = z.object({ count: count(), of: count(), share: share() });
const tally = z.array(z.object({ key: z.string(), count: count() }));

const periodReportSchema = z
  .object({
    unit: z.object({ code: z.string(), name: z.string(), kind: z.enum(['district', 'street']) }),
    period: z.string(),
    from: isoDate(),
    to: isoDate(),
    dueOn: isoDate(),
    generatedAt: timestamp(),
    coverage: z.object({
      compounds: count(),
      managed: count(),
      baselineUnmanaged: count(),
      coveredSinceBaseline: count(),
      share: share(),
      targets: z.array(z.object({ date: isoDate(), share: share(), met: z.boolean().nullable() })),
    }),
    committees: z.object({
      compounds: count(),
      formed: count(),
      elected: count(),
      temporary: count(),
      preparing: count(),
      meetingPartyRule: count(),
    }),
    disclosures: z.object({ owed: count(), onTime: count(), late: count(), missing: count() }),
    publicRevenue: z.object({ owed: count(), onTime: count(), late: count(), missing: count() }),
    funds: z.object({
      accounts: count(),
      lowBalance: count(),
      arrears: count(),
      tasksOpened: count(),
      tasksDone: count(),
      tasksOverdue: count(),
    }),
    grievances: z.object({
      reported: count(),
      resolved: count(),
      onTime: shareSchema,
      satisfied: shareSchema,
      resolvedLocally: shareSchema,
      byChannel: tally,
      byCategory: tally,
      byGrade: tally,
      byLevel: tally,
    }),
  })
  .meta({ id: 'PeriodReport' }) satisfies z.ZodType<PeriodReport>;

export const reportsPaths: ZodOpenApiPathsObject = {
  '/api/reports': {
    get: {
      tags: ['reports'],
      summary:
        'Each street’s report for a period (default: the last completed quarter) with its due date and drafted / submitted / late state (五(三))',
      security: USER,
      requestParams: { query: listQuery },
      responses: {
        ...jsonResponse('Reports', z.array(submissionSchema)),
        ...errorResponses(400, 401, 403),
      },
    },
  },
  '/api/reports/{unit}/{file}': {
    get: {
      tags: ['reports'],
      summary:
        'The report of `district` or a street for a period (`2026-Q3`, `2026`); with `.xlsx` the workbook, a sheet per section',
      security: USER,
      requestParams: { path: reportParams },
      responses: {
        '200': {
          description: 'The report (JSON), or its workbook (`…/2026-Q3.xlsx`)',
          content: {
            'application/json': { schema: periodReportSchema },
            [XLSX]: { schema: z.string() },
          },
        },
        ...errorResponses(400, 401, 403, 404),
      },
    },
  },
  '/api/reports/{streetCode}/{period}/{action}': {
    post: {
      tags: ['reports'],
      summary: 'Mark a street’s report drafted (`draft`) or submitted (`submit`); versioned',
      security: USER,
      requestParams: { path: submitParams },
      requestBody: { content: { 'application/json': { schema: submitBody } } },
      responses: {
        ...jsonResponse('The report’s state', submissionSchema),
        ...errorResponses(400, 401, 403, 409),
      },
    },
  },
};
