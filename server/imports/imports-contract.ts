import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { COVERAGE_MODES } from '../../common/domain.ts';
import {
  IMPORT_REGISTERS,
  type CompoundToDraw,
  type ImportProgress,
  type ImportRecord,
  type ImportReport,
} from '../../common/ledgers.ts';
import {
  count,
  errorResponses,
  int,
  jsonResponse,
  timestamp,
  USER,
} from '../openapi/wire-schemas.ts';
import { importIdParam, importQuery, progressId, registerParam } from './imports-routes.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const OUTCOMES = ['create', 'update', 'unchanged', 'to_draw', 'error'] as const;

const issueSchema = z.object({
  row: int(),
  cell: z.string().meta({ description: 'the cell (`C7`), or a GeoJSON feature’s property path' }),
  field: z.string(),
  zh: z.string(),
  en: z.string(),
});
export const importReportSchema = z
  .object({
    register: z.enum(IMPORT_REGISTERS),
    fileName: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    crs: z.enum(['wgs84', 'gcj02', 'bd09', 'cgcs2000']),
    crsDetected: z.boolean(),
    rows: count(),
    counts: z.object({
      create: count(),
      update: count(),
      unchanged: count(),
      to_draw: count(),
      error: count(),
    }),
    issues: z.array(issueSchema),
    results: z.array(
      z.object({
        row: int(),
        name: z.string(),
        outcome: z.enum(OUTCOMES),
        targetId: int().nullable(),
      }),
    ),
    dryRun: z.boolean(),
    importId: int().nullable(),
  })
  .meta({ id: 'ImportReport' }) satisfies z.ZodType<ImportReport>;

const importRecordSchema = z
  .object({
    id: int(),
    register: z.enum(IMPORT_REGISTERS),
    fileName: z.string(),
    sha256: z.string(),
    crs: z.string(),
    actor: z.string(),
    at: timestamp(),
    created: count(),
    updated: count(),
    unchanged: count(),
    toDraw: count(),
    undoneAt: timestamp().nullable(),
    undoneBy: z.string().nullable(),
  })
  .meta({ id: 'ImportRecord' }) satisfies z.ZodType<ImportRecord>;

const toDrawSchema = z
  .object({
    id: int(),
    importId: int(),
    name: z.string(),
    streetCode: z.string(),
    communityCode: z.string(),
    households: int(),
    coverageMode: z.enum(COVERAGE_MODES),
    address: z.string().nullable(),
    located: z.enum(['point', 'address']),
    lng: z.number(),
    lat: z.number(),
  })
  .meta({ id: 'CompoundToDraw' }) satisfies z.ZodType<CompoundToDraw>;

const progressSchema = z
  .object({
    phase: z.enum(['upload', 'parse', 'check', 'measure', 'write', 'done']),
    done: count(),
    total: count(),
  })
  .meta({ id: 'ImportProgress' }) satisfies z.ZodType<ImportProgress>;

export const importsPaths: ZodOpenApiPathsObject = {
  '/api/imports/templates/{file}': {
    get: {
      tags: ['imports'],
      summary:
        'A register’s XLSX template (`compounds.xlsx`, `funds.xlsx`): Chinese headers, an example row, drop-down lists',
      security: USER,
      requestParams: { path: z.object({ file: z.string().meta({ example: 'compounds.xlsx' }) }) },
      responses: {
        '200': { description: 'The template', content: { [XLSX]: { schema: z.string() } } },
        ...errorResponses(400, 401, 403),
      },
    },
  },
  '/api/imports': {
    get: {
      tags: ['imports'],
      summary: 'Applied imports, newest first',
      security: USER,
      responses: {
        ...jsonResponse('Imports', z.array(importRecordSchema)),
        ...errorResponses(401, 403),
      },
    },
  },
  '/api/imports/to-draw': {
    get: {
      tags: ['imports'],
      summary: 'Compounds imported with only a point or an address, waiting to be drawn (待勾绘)',
      security: USER,
      responses: {
        ...jsonResponse('Compounds to draw', z.array(toDrawSchema)),
        ...errorResponses(401, 403),
      },
    },
  },
  '/api/imports/progress/{progressId}': {
    get: {
      tags: ['imports'],
      summary: 'Where the caller’s running import is (the `progressId` it was posted with)',
      security: USER,
      requestParams: { path: z.object({ progressId }) },
      responses: {
        ...jsonResponse('Progress', progressSchema),
        ...errorResponses(400, 401, 403, 404),
      },
    },
  },
  '/api/imports/{register}': {
    post: {
      tags: ['imports'],
      summary:
        'Import a ledger (multipart `file`: XLSX, CSV or GeoJSON, at most IMPORT_MAX_MB): `dryRun=1` reports per row and cell; otherwise applied all or nothing (422 with the report when any row is bad)',
      security: USER,
      requestParams: { path: registerParam, query: importQuery },
      requestBody: {
        content: {
          'multipart/form-data': {
            schema: z.object({ file: z.string().meta({ format: 'binary' }) }),
          },
        },
      },
      responses: {
        ...jsonResponse('The dry run’s report', importReportSchema),
        ...jsonResponse('Applied: the report with its importId', importReportSchema, '201'),
        '422': {
          description: 'A row is bad: nothing was written; the report names every bad cell',
          content: { 'application/json': { schema: importReportSchema } },
        },
        ...errorResponses(400, 401, 403, 413),
      },
    },
  },
  '/api/imports/{id}/undo': {
    post: {
      tags: ['imports'],
      summary:
        'Undo a compound import while nothing it touched changed since (409 otherwise): creations retired, updates written back',
      security: USER,
      requestParams: { path: importIdParam },
      responses: {
        ...jsonResponse('The undone import', importRecordSchema),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  },
};
