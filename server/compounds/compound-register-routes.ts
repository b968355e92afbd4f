import { Router, type Request } from 'express';
import { z } from 'zod';
import type { CompoundDetail } from '../../common/api.ts';
import { COVERAGE_MODES } from '../../common/domain.ts';
import { forbidden, requireLogin } from '../auth/auth-routes.ts';
import { inScope, type Principal } from '../auth/principal.ts';
import type { Db, Queryable } from '../db.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import { listRegisterChanges } from '../register-audit.ts';
import { parseInput } from '../validation.ts';
import {
  enterpriseExists,
  findCommunity,
  findRegisteredUnits,
  insertCompound,
  lockCompound,
  measureFootprint,
  recordModeChange,
  retireCompound,
  updateCompound,
  type CompoundFields,
  type RegisterRow,
} from './compound-register-queries.ts';
import { footprintProblem, footprintRefusal } from './compound-rules.ts';
import { compoundIdParamSchema } from './compounds-routes.ts';
import { findCompoundDetail } from './compounds-queries.ts';

const POLYGON_ERROR =
  'expected a GeoJSON Polygon: one closed ring of 4–500 [lng, lat] positions in the district (lng 118.4–118.7, lat 24.8–25.0)';
const position = z.tuple(
  [
    z
      .number({ error: POLYGON_ERROR })
      .min(118.4, { error: POLYGON_ERROR })
      .max(118.7, { error: POLYGON_ERROR }),
    z
      .number({ error: POLYGON_ERROR })
      .min(24.8, { error: POLYGON_ERROR })
      .max(25.0, { error: POLYGON_ERROR }),
  ],
  { error: POLYGON_ERROR },
);
export const polygonInputSchema = z
  .object(
    {
      type: z.literal('Polygon', { error: POLYGON_ERROR }),
      coordinates: z
        .array(
          z
            .array(position, { error: POLYGON_ERROR })
            .min(4, { error: POLYGON_ERROR })
            .max(500, { error: POLYGON_ERROR }),
          { error: POLYGON_ERROR },
        )
        .length(1, { error: 'expected one ring: a compound footprint has no holes' }),
    },
    { error: POLYGON_ERROR },
  )
  .strict()
  .refine(
    (p) => {
      const ring = p.coordinates[0]!;
      const [a, b] = [ring[0]!, ring.at(-1)!];
      return a[0] === b[0] && a[1] === b[1];
    },
    { error: 'expected a closed ring: the last position repeats the first' },
  );

const name = z
  .string({ error: 'expected a name of 1–100 characters' })
  .trim()
  .min(1, { error: 'expected a name of 1–100 characters' })
  .max(100, { error: 'expected a name of 1–100 characters' });
const intIn = (min: number, max: number, what: string) =>
  z
    .number({ error: `expected ${what} ${min}–${max}` })
    .int({ error: `expected ${what} ${min}–${max}` })
    .min(min, { error: `expected ${what} ${min}–${max}` })
    .max(max, { error: `expected ${what} ${min}–${max}` });
const households = intIn(1, 100_000, 'households');
const buildings = intIn(1, 1000, 'buildings');
const yearBuilt = intIn(1900, 2100, 'a year');
const version = intIn(1, 2_147_483_647, 'the version you last saw,');
const reason = z
  .string({ error: 'expected a reason of 1–500 characters' })
  .trim()
  .min(1, { error: 'expected a reason of 1–500 characters' })
  .max(500, { error: 'expected a reason of 1–500 characters' });
const isoDate = z.iso.date({ error: 'expected a date YYYY-MM-DD' });
const mode = z.enum(COVERAGE_MODES, { error: `expected one of ${COVERAGE_MODES.join(', ')}` });
const enterpriseId = intIn(1, 2_147_483_647, 'an enterprise id').nullable().default(null);

export const createCompoundSchema = z
  .object({
    name,
    communityCode: z.string().regex(/^\d{12}$/, { error: 'expected a 12-digit community code' }),
    households,
    buildings,
    yearBuilt,
    coverageMode: mode,
    enterpriseId,
    geometry: polygonInputSchema,
    reason: reason.optional(),
  })
  .strict();
export const editCompoundSchema = z
  .object({
    version,
    name: name.optional(),
    households: households.optional(),
    buildings: buildings.optional(),
    yearBuilt: yearBuilt.optional(),
    geometry: polygonInputSchema.optional(),
    reason: reason.optional(),
  })
  .strict();
export const modeChangeSchema = z
  .object({ version, coverageMode: mode, enterpriseId, changedOn: isoDate, reason })
  .strict();
export const retireSchema = z.object({ version, retiredOn: isoDate, reason }).strict();

const REGISTRARS = ['district_admin', 'street_admin', 'community_admin'] as const;

function registrar(req: Request): Extract<Principal, { kind: 'user' }> {
  const p = req.principal!;
  if (p.kind !== 'user' || !(REGISTRARS as readonly string[]).includes(p.role)) {
    throw forbidden(`The compound register is kept by ${REGISTRARS.join(', ')}`);
  }
  return p;
}

export type RegisterOptions = { today: () => string };

/**
 * The compound register's write paths and audit trail (a survey's 摸排 finding, corrections, a direct change of
 * mode with its reason, retirement): POST /api/compounds, PATCH /api/compounds/{id}, POST
 * /api/compounds/{id}/mode, POST /api/compounds/{id}/retire; GET /api/compounds/{id}/history. Admins write in their own area (403
 * elsewhere); every change is versioned (409 when stale), validated and audited.
 */
export function compoundRegisterRouter(db: Db, opts: RegisterOptions): Router {
  const router = Router();

  router.post('/api/compounds', requireLogin, async (req, res) => {
    const p = registrar(req);
    const b = parseInput(createCompoundSchema, req.body, 'body');
    const id = await db.withTransaction(async (tx) => {
      const community = await findCommunity(tx, b.communityCode);
      if (!community)
        throw badRequest('communityCode', `communityCode: unknown community ${b.communityCode}`);
      const place = {
        streetCode: community.streetCode,
        communityCode: community.code,
        gridCode: '',
      };
      if (!inScope(p.scope, place))
        throw forbidden(`Community ${community.code} is outside your area`);
      await checkProvider(tx, b.coverageMode, b.enterpriseId);
      const gridCode = await checkFootprint(tx, b.geometry, community, null);
      const { reason: why, ...fields } = b;
      return insertCompound(
        tx,
        { ...fields, streetCode: community.streetCode, gridCode },
        p.username,
        why ?? null,
      );
    });
    res.status(201).json(await detail(db, id));
  });

  router.patch('/api/compounds/:id', requireLogin, async (req, res) => {
    const p = registrar(req);
    const { id } = parseInput(compoundIdParamSchema, req.params);
    const b = parseInput(editCompoundSchema, req.body, 'body');
    await db.withTransaction(async (tx) => {
      const before = await lockOwn(tx, p, id, b.version);
      const next: CompoundFields = { ...fieldsOf(before) };
      for (const key of ['name', 'households', 'buildings', 'yearBuilt'] as const) {
        if (b[key] !== undefined) (next as Record<string, unknown>)[key] = b[key];
      }
      if (b.geometry) {
        const community = (await findCommunity(tx, before.communityCode))!;
        next.geometry = b.geometry;
        next.gridCode = await checkFootprint(tx, b.geometry, community, id);
      }
      await updateCompound(tx, before, next, 'edit', p.username, b.reason ?? null);
    });
    res.json(await detail(db, id));
  });

  router.post('/api/compounds/:id/mode', requireLogin, async (req, res) => {
    const p = registrar(req);
    const { id } = parseInput(compoundIdParamSchema, req.params);
    const b = parseInput(modeChangeSchema, req.body, 'body');
    notInFuture('changedOn', b.changedOn, opts.today());
    await db.withTransaction(async (tx) => {
      const before = await lockOwn(tx, p, id, b.version);
      if (before.coverageMode === b.coverageMode && before.enterpriseId === b.enterpriseId) {
        throw badRequest(
          'coverageMode',
          `coverageMode: the compound is already ${b.coverageMode}${b.enterpriseId ? ` with enterprise ${b.enterpriseId}` : ''}`,
        );
      }
      await checkProvider(tx, b.coverageMode, b.enterpriseId);
      const next = {
        ...fieldsOf(before),
        coverageMode: b.coverageMode,
        enterpriseId: b.enterpriseId,
      };
      await updateCompound(tx, before, next, 'mode', p.username, b.reason);
      if (before.coverageMode !== b.coverageMode) {
        await recordModeChange(tx, {
          id,
          before: before.coverageMode,
          after: b.coverageMode,
          changedOn: b.changedOn,
          reason: b.reason,
        });
      }
    });
    res.json(await detail(db, id));
  });

  router.post('/api/compounds/:id/retire', requireLogin, async (req, res) => {
    const p = registrar(req);
    const { id } = parseInput(compoundIdParamSchema, req.params);
    const b = parseInput(retireSchema, req.body, 'body');
    notInFuture('retiredOn', b.retiredOn, opts.today());
    await db.withTransaction(async (tx) => {
      const before = await lockOwn(tx, p, id, b.version);
      await retireCompound(tx, before, b.retiredOn, b.reason, p.username);
    });
    res.status(204).end();
  });

  router.get('/api/compounds/:id/history', requireLogin, async (req, res) => {
    const p = registrar(req);
    const { id } = parseInput(compoundIdParamSchema, req.params);
    const units = await findRegisteredUnits(db, id);
    if (!units) throw notFound(`Unknown compound id: ${id}`);
    if (!inScope(p.scope, units)) throw forbidden(`Compound ${id} is outside your area`);
    res.json(await listRegisterChanges(db, 'compound', id));
  });

  return router;
}

async function detail(db: Db, id: number): Promise<CompoundDetail> {
  const found = await findCompoundDetail(db, id);
  if (!found) throw notFound(`Unknown compound id: ${id}`);
  return found;
}

const fieldsOf = ({ id: _id, version: _version, ...fields }: RegisterRow): CompoundFields => fields;

async function lockOwn(
  tx: Queryable,
  p: Extract<Principal, { kind: 'user' }>,
  id: number,
  seen: number,
): Promise<RegisterRow> {
  const row = await lockCompound(tx, id);
  if (!row) throw notFound(`Unknown compound id: ${id}`);
  if (!inScope(p.scope, row)) throw forbidden(`Compound ${id} is outside your area`);
  if (row.version !== seen) {
    throw new AppError(
      409,
      'conflict',
      `Stale version ${seen}: the compound is at version ${row.version}; reload and retry`,
    );
  }
  return row;
}

// a professional compound names its enterprise; no other mode has one
async function checkProvider(
  tx: Queryable,
  mode: string,
  enterpriseId: number | null,
): Promise<void> {
  if ((mode === 'professional') !== (enterpriseId !== null)) {
    throw badRequest(
      'enterpriseId',
      'enterpriseId: a professional compound names its enterprise; no other mode has one',
    );
  }
  if (enterpriseId !== null && !(await enterpriseExists(tx, enterpriseId))) {
    throw badRequest('enterpriseId', `enterpriseId: unknown enterprise ${enterpriseId}`);
  }
}

async function checkFootprint(
  tx: Queryable,
  geometry: CompoundFields['geometry'],
  community: { code: string; name: string },
  exceptId: number | null,
): Promise<string> {
  const figures = await measureFootprint(tx, geometry, community.code, exceptId);
  const problem = footprintProblem(figures, community.name);
  if (problem) {
    const refusal = footprintRefusal(figures, community.name)!;
    throw new AppError(400, 'bad_request', `geometry: ${problem}`, 'geometry', [refusal]);
  }
  return figures.gridCode!;
}

function notInFuture(field: string, value: string, today: string): void {
  if (value > today)
    throw badRequest(field, `${field}: ${value} is in the future (today is ${today})`);
}
