import { Router } from 'express';
import { forbidden, requireLogin } from '../auth/auth-routes.ts';
import type { Db, Queryable } from '../db.ts';
import { AppError, badRequest } from '../errors.ts';
import { parseInput } from '../validation.ts';
import {
  FILE_READERS,
  mayReadFile,
  mayRecordIn,
  RECORD_WRITERS,
  userOf,
  type EnterprisesOptions,
  type User,
} from './enterprise-access.ts';
import { findEnterpriseSummaries, lockCurrent, readEnterpriseFile } from './enterprise-views.ts';
import {
  findClash,
  findEnterprise,
  findManagers,
  findServedCompounds,
  insertEnterprise,
  insertManager,
  insertRecord,
  touchEnterprise,
  updateEnterprise,
  upsertContract,
} from './enterprises-queries.ts';
import {
  contractIdSchema,
  contractSchema,
  createEnterpriseSchema,
  editEnterpriseSchema,
  enterpriseIdSchema,
  managerSchema,
  recordSchema,
} from './enterprises-schemas.ts';
import { interviewRoutes } from './interviews-routes.ts';

const BUREAU = ['district_admin'] as const;

/**
 * The enterprise register and file (三(四), 三(五)): GET /api/enterprises/register (with scores),
 * POST /api/enterprises, PATCH /api/enterprises/{id}, GET /api/enterprises/{id}/file, POST
 * …/managers, PUT …/contracts/{compoundId}, POST …/records, and the interviews
 * (interviews-routes.ts). Every write names the enterprise's version (409 when stale), is scoped
 * (403) and audited (enterprise_audit).
 */
export function enterprisesRouter(db: Db, opts: EnterprisesOptions): Router {
  const router = Router();
  const file = (id: number) => readEnterpriseFile(db, id, opts.today(), opts.rule);

  router.get('/api/enterprises/register', requireLogin, async (req, res) => {
    userOf(req, FILE_READERS, 'The enterprise register');
    res.json(await findEnterpriseSummaries(db, opts.today(), opts.rule));
  });

  router.post('/api/enterprises', requireLogin, async (req, res) => {
    const p = userOf(req, BUREAU, 'Registering an enterprise');
    const b = parseInput(createEnterpriseSchema, req.body, 'body');
    const id = await db.withTransaction(async (tx) => {
      await refuseClash(tx, b, null);
      return insertEnterprise(tx, b, p.username);
    });
    res.status(201).json(await findEnterprise(db, id));
  });

  router.patch('/api/enterprises/:id', requireLogin, async (req, res) => {
    const p = userOf(req, BUREAU, 'Correcting an enterprise');
    const { id } = parseInput(enterpriseIdSchema, req.params);
    const { version, ...change } = parseInput(editEnterpriseSchema, req.body, 'body');
    await db.withTransaction(async (tx) => {
      const before = await lockCurrent(tx, id, version);
      const { id: _id, version: _v, ...was } = before;
      const next = { ...was, ...definedOf(change) };
      await refuseClash(tx, next, id);
      await updateEnterprise(tx, before, next, p.username);
    });
    res.json(await findEnterprise(db, id));
  });

  router.get('/api/enterprises/:id/file', requireLogin, async (req, res) => {
    const p = userOf(req, [...FILE_READERS, 'enterprise'], "An enterprise's file");
    const { id } = parseInput(enterpriseIdSchema, req.params);
    if (!mayReadFile(p, id)) throw forbidden(`Enterprise ${id}'s file is not yours to read`);
    res.json(await file(id));
  });

  router.post('/api/enterprises/:id/managers', requireLogin, async (req, res) => {
    const p = userOf(req, BUREAU, 'Registering a project manager');
    const { id } = parseInput(enterpriseIdSchema, req.params);
    const { version, ...m } = parseInput(managerSchema, req.body, 'body');
    await db.withTransaction(async (tx) => {
      await lockCurrent(tx, id, version);
      await checkServed(tx, id, m.compoundIds, 'compoundIds');
      const managerId = await insertManager(tx, id, m);
      await touchEnterprise(tx, {
        id,
        action: 'manager',
        actor: p.username,
        after: { managerId, ...m },
        reason: null,
      });
    });
    res.status(201).json(await file(id));
  });

  router.put('/api/enterprises/:id/contracts/:compoundId', requireLogin, async (req, res) => {
    const p = userOf(req, BUREAU, 'Registering a service contract');
    const { id, compoundId } = parseInput(contractIdSchema, req.params);
    const { version, startsOn, endsOn } = parseInput(contractSchema, req.body, 'body');
    if (endsOn <= startsOn) {
      throw badRequest('endsOn', `endsOn: ${endsOn} is not after startsOn ${startsOn}`);
    }
    await db.withTransaction(async (tx) => {
      await lockCurrent(tx, id, version);
      await checkServed(tx, id, [compoundId], 'compoundId');
      await upsertContract(tx, { enterpriseId: id, compoundId, startsOn, endsOn });
      await touchEnterprise(tx, {
        id,
        action: 'contract',
        actor: p.username,
        after: { compoundId, startsOn, endsOn },
        reason: null,
      });
    });
    res.json(await file(id));
  });

  router.post('/api/enterprises/:id/records', requireLogin, async (req, res) => {
    const { id } = parseInput(enterpriseIdSchema, req.params);
    const b = parseInput(recordSchema, req.body, 'body');
    const p = userOf(req, RECORD_WRITERS[b.kind], `A ${b.kind} record`);
    if (b.onDate > opts.today()) {
      throw badRequest('onDate', `onDate: ${b.onDate} is in the future (today is ${opts.today()})`);
    }
    const { version, kind, onDate, compoundId, managerId, ...details } = b;
    await db.withTransaction(async (tx) => {
      await lockCurrent(tx, id, version);
      await checkRecordPlace(tx, p, id, b);
      const recordId = await insertRecord(tx, id, {
        kind,
        onDate,
        compoundId,
        managerId,
        details,
        recordedBy: p.username,
      });
      await touchEnterprise(tx, {
        id,
        action: 'record',
        actor: p.username,
        after: { recordId, kind, onDate, compoundId, managerId, details },
        reason: null,
      });
    });
    res.status(201).json(await file(id));
  });

  interviewRoutes(router, db, opts, file);
  return router;
}

async function refuseClash(
  tx: Queryable,
  f: { name: string; creditCode: string },
  except: number | null,
): Promise<void> {
  const clash = await findClash(tx, f, except);
  if (clash) {
    throw new AppError(
      409,
      'conflict',
      `${clash.field}: enterprise ${clash.id} is registered with this ${clash.field === 'name' ? 'name' : 'credit code'}`,
      clash.field,
    );
  }
}

// every compound named is one the enterprise serves, else a 400 naming the field
async function checkServed(tx: Queryable, id: number, compoundIds: number[], field: string) {
  const served = new Set((await findServedCompounds(tx, id)).map((c) => c.id));
  const i = compoundIds.findIndex((c) => !served.has(c));
  if (i >= 0) {
    const name = field === 'compoundId' ? field : `${field}.${i}`;
    throw badRequest(name, `${name}: enterprise ${id} does not serve compound ${compoundIds[i]}`);
  }
}

// the record's compound and manager are the enterprise's; the writer's area covers it
async function checkRecordPlace(
  tx: Queryable,
  p: User,
  id: number,
  b: { kind: string; compoundId: number | null; managerId: number | null; unitCode?: string },
) {
  const compounds = await findServedCompounds(tx, id);
  if (b.compoundId !== null && !compounds.some((c) => c.id === b.compoundId)) {
    throw badRequest(
      'compoundId',
      `compoundId: enterprise ${id} does not serve compound ${b.compoundId}`,
    );
  }
  if (b.managerId !== null && !(await findManagers(tx, id)).some((m) => m.id === b.managerId)) {
    throw badRequest(
      'managerId',
      `managerId: ${b.managerId} is not a project manager of enterprise ${id}`,
    );
  }
  const served = {
    streets: compounds.map((c) => c.streetCode),
    communities: compounds.map((c) => c.communityCode),
  };
  if (!mayRecordIn(p, served, b.unitCode ?? null)) {
    throw forbidden(
      b.unitCode
        ? `You may evaluate only as your own unit, an enterprise serving a compound there (not ${b.unitCode})`
        : `Enterprise ${id} serves no compound in your area`,
    );
  }
  if (b.unitCode && p.scope.district) {
    const [unit] = await tx.query(
      'SELECT 1 FROM streets WHERE code = $1 UNION ALL SELECT 1 FROM communities WHERE code = $1',
      [b.unitCode],
    );
    if (!unit) throw badRequest('unitCode', `unitCode: unknown street or community ${b.unitCode}`);
  }
}

function definedOf<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
