import { Router, type Request, type RequestHandler } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { IMPORT_CRS, IMPORT_REGISTERS, type ImportProgress } from '../../common/ledgers.ts';
import { forbidden, requireLogin } from '../auth/auth-routes.ts';
import { inScope, type Principal } from '../auth/principal.ts';
import type { Db } from '../db.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { importFunds } from '../funds/fund-import.ts';
import { importStations } from '../stations/station-import.ts';
import { importCompounds } from './compound-import.ts';
import {
  listImports,
  listToDraw,
  lockImport,
  lockImportChanges,
  undoCompoundImport,
} from './compound-import-queries.ts';
import { templateFor } from './import-template-specs.ts';

const TEMPLATE_NAMES = {
  compounds: '小区台账',
  stations: '党群服务站点台账',
  funds: '维修资金台账',
};
const IMPORTERS = ['district_admin', 'street_admin', 'community_admin'] as const;

function importer(req: Request): Extract<Principal, { kind: 'user' }> {
  const p = req.principal!;
  if (p.kind !== 'user' || !(IMPORTERS as readonly string[]).includes(p.role)) {
    throw forbidden(`Ledger imports are made by ${IMPORTERS.join(', ')}`);
  }
  return p;
}

export const registerParam = z
  .object({
    register: z.enum(IMPORT_REGISTERS, {
      error: `expected a register: ${IMPORT_REGISTERS.join(', ')}`,
    }),
  })
  .strict();
export const progressId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'expected 8–64 letters, digits, _ or -' });
export const importQuery = z
  .object({
    dryRun: z
      .enum(['1', '0', 'true', 'false'], { error: 'expected 1 or 0' })
      .default('0')
      .transform((v) => v === '1' || v === 'true'),
    crs: z.enum(IMPORT_CRS, { error: `expected one of ${IMPORT_CRS.join(', ')}` }).default('auto'),
    progressId: progressId.optional(),
  })
  .strict();
export const importIdParam = z
  .object({
    id: z.coerce.number({ error: 'expected an import id' }).int().min(1).max(2_147_483_647),
  })
  .strict();

export type ImportsOptions = { maxBytes: number; today: () => string };

/**
 * Ledger imports (台账导入, issue 13): GET /api/imports/templates/{register}.xlsx, POST
 * /api/imports/{register}?dryRun=1 (multipart `file`), GET /api/imports, POST
 * /api/imports/{id}/undo, GET /api/imports/progress/{progressId}, GET /api/imports/to-draw.
 * District, street and community admins import rows of their own area.
 */
export function importsRouter(db: Db, opts: ImportsOptions): Router {
  const router = Router();
  const progress = new ProgressBoard();

  router.get('/api/imports/templates/:file', requireLogin, async (req, res) => {
    importer(req);
    const m = /^([a-z]+)\.xlsx$/.exec(String(req.params.file));
    const { register } = parseInput(registerParam, { register: m?.[1] ?? req.params.file }, 'path');
    const buffer = await templateFor(db, register);
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment(`${TEMPLATE_NAMES[register]}模板.xlsx`)
      .send(buffer);
  });

  router.get('/api/imports', requireLogin, async (req, res) => {
    importer(req);
    res.json(await listImports(db));
  });

  router.get('/api/imports/to-draw', requireLogin, async (req, res) => {
    const p = importer(req);
    res.json(await listToDraw(db, p.scope.district ? null : p.scope));
  });

  router.get('/api/imports/progress/:progressId', requireLogin, (req, res) => {
    const p = importer(req);
    const id = parseInput(progressId, req.params.progressId, 'progressId');
    const found = progress.get(p.id, id);
    if (!found) throw notFound(`Unknown progressId: ${id}`);
    res.json(found);
  });

  router.post(
    '/api/imports/:register',
    requireLogin,
    (req, _res, next) => {
      importer(req);
      next();
    },
    upload(opts.maxBytes),
    async (req, res) => {
      const p = importer(req);
      const { register } = parseInput(registerParam, req.params, 'path');
      const q = parseInput(importQuery, req.query);
      const file = req.file;
      if (!file)
        throw badRequest('file', 'file: expected a multipart upload with the field "file"');
      const tell = (x: ImportProgress) => q.progressId && progress.set(p.id, q.progressId, x);
      const run = { compounds: importCompounds, stations: importStations, funds: importFunds }[
        register
      ];
      const report = await run(db, {
        buffer: file.buffer,
        fileName: Buffer.from(file.originalname, 'latin1').toString('utf8'),
        crs: q.crs,
        actor: p.username,
        scope: p.scope,
        dryRun: q.dryRun,
        today: opts.today(),
        progress: tell,
      });
      const refused = !q.dryRun && report.importId === null;
      res.status(refused ? 422 : q.dryRun ? 200 : 201).json(report);
    },
  );

  router.post('/api/imports/:id/undo', requireLogin, async (req, res) => {
    const p = importer(req);
    const { id } = parseInput(importIdParam, req.params, 'path');
    await db.withTransaction(async (tx) => {
      const record = await lockImport(tx, id);
      if (!record) throw notFound(`Unknown import id: ${id}`);
      if (record.undoneAt) throw new AppError(409, 'conflict', `Import ${id} is already undone`);
      if (record.register !== 'compounds') {
        throw new AppError(
          409,
          'conflict',
          `Import ${id} (${record.register}) cannot be undone here`,
        );
      }
      const changes = await lockImportChanges(tx, id);
      const outside = changes.find((c) => !inScope(p.scope, { ...c, gridCode: '' }));
      if (outside)
        throw forbidden(`Compound ${outside.targetId} of import ${id} is outside your area`);
      const moved = changes.filter((c) => c.versionNow !== c.versionAfter);
      if (moved.length) {
        throw new AppError(
          409,
          'conflict',
          `Import ${id} cannot be undone: compound${moved.length > 1 ? 's' : ''} ${moved
            .slice(0, 10)
            .map((c) => c.targetId)
            .join(', ')} changed since`,
        );
      }
      await undoCompoundImport(tx, {
        importId: id,
        changes,
        actor: p.username,
        today: opts.today(),
        reason: `撤销台账导入 #${id}`,
      });
    });
    res.json((await listImports(db)).find((r) => r.id === id));
  });

  return router;
}

// multer in memory, one file; beyond the limit a 413 naming it
function upload(maxBytes: number): RequestHandler {
  const single = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 10 },
  }).single('file');
  return (req, res, next) =>
    single(req, res, (err: unknown) => {
      if (!err) return next();
      if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') {
        const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
        return next(
          new AppError(
            413,
            'payload_too_large',
            `file: larger than ${mb} MB (IMPORT_MAX_MB)`,
            'file',
          ),
        );
      }
      if (err instanceof multer.MulterError) {
        return next(badRequest(err.field ?? 'file', `${err.field ?? 'file'}: ${err.message}`));
      }
      next(badRequest('body', `body: not a readable multipart upload (${(err as Error).message})`));
    });
}

// where a running import is, per user and progressId, kept a few minutes for the poller
class ProgressBoard {
  private readonly board = new Map<string, { p: ImportProgress; at: number }>();

  set(userId: number, id: string, p: ImportProgress): void {
    const now = Date.now();
    this.board.set(`${userId}:${id}`, { p, at: now });
    if (this.board.size > 1000) {
      for (const [k, v] of this.board) if (now - v.at > 600_000) this.board.delete(k);
    }
  }

  get(userId: number, id: string): ImportProgress | null {
    return this.board.get(`${userId}:${id}`)?.p ?? null;
  }
}
