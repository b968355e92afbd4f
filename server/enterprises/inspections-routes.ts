import crypto from 'node:crypto';
import { Router } from 'express';
import { requireLogin } from '../auth/auth-routes.ts';
import type { Db } from '../db.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { periodEnd, periodStart, rankRedBlack } from './credit-score.ts';
import { userOf, type EnterprisesOptions } from './enterprise-access.ts';
import { findEnterpriseSummaries, lockCurrent } from './enterprise-views.ts';
import { findServedCompounds, insertRecord, touchEnterprise } from './enterprises-queries.ts';
import { drawIdSchema, drawSchema, publishSchema, resultsSchema } from './enterprises-schemas.ts';
import { drawInspection } from './inspection-draw.ts';
import {
  findDraw,
  findDrawCandidates,
  findDraws,
  findLatestList,
  findLists,
  findRecordedItems,
  insertDraw,
  insertList,
  insertResult,
} from './inspections-queries.ts';

const BUREAU = ['district_admin'] as const;

/**
 * Inspections 双随机、一公开 and the red/black list: GET /api/inspections/draws (public, with the
 * seed, candidates and results), POST /api/inspections/draws, POST …/{drawId}/results (a failed
 * item becomes an inspection_failure record in the enterprise's credit file), GET
 * /api/red-black-lists (public history), GET /api/red-black-lists/latest, POST /api/red-black-lists
 * (publish a period's list from the scores, once per period).
 */
export function inspectionsRouter(db: Db, opts: EnterprisesOptions): Router {
  const router = Router();

  router.get('/api/inspections/draws', async (_req, res) => {
    res.json(await findDraws(db));
  });

  router.post('/api/inspections/draws', requireLogin, async (req, res) => {
    const p = userOf(req, BUREAU, 'An inspection draw');
    const b = parseInput(drawSchema, req.body, 'body');
    const candidates = await findDrawCandidates(db);
    if (b.enterpriseCount > candidates.length) {
      throw badRequest(
        'enterpriseCount',
        `enterpriseCount: ${b.enterpriseCount} is more than the ${candidates.length} enterprises serving compounds`,
      );
    }
    if (b.inspectorCount > b.inspectors.length) {
      throw badRequest(
        'inspectorCount',
        `inspectorCount: ${b.inspectorCount} is more than the ${b.inspectors.length} inspectors given`,
      );
    }
    const seed = b.seed ?? crypto.randomInt(0, 2_147_483_647);
    const draw = { ...b, seed, candidates };
    const drawn = drawInspection(draw);
    const id = await db.withTransaction((tx) => insertDraw(tx, { ...draw, drawn }, p.username));
    res.status(201).json(await findDraw(db, id));
  });

  router.post('/api/inspections/draws/:drawId/results', requireLogin, async (req, res) => {
    const p = userOf(req, BUREAU, 'Recording inspection results');
    const { drawId } = parseInput(drawIdSchema, req.params);
    const { inspectedOn = opts.today(), ...b } = parseInput(resultsSchema, req.body, 'body');
    if (inspectedOn > opts.today()) {
      throw badRequest(
        'inspectedOn',
        `inspectedOn: ${inspectedOn} is in the future (today is ${opts.today()})`,
      );
    }
    const draw = await findDraw(db, drawId);
    if (!draw) throw notFound(`Unknown draw id: ${drawId}`);
    if (!draw.drawn.some((d) => d.enterpriseId === b.enterpriseId)) {
      throw badRequest(
        'enterpriseId',
        `enterpriseId: enterprise ${b.enterpriseId} was not drawn in draw ${drawId}`,
      );
    }
    await db.withTransaction(async (tx) => {
      await lockCurrent(tx, b.enterpriseId, b.version);
      const recorded = await findRecordedItems(tx, drawId, b.enterpriseId);
      const served = new Set((await findServedCompounds(tx, b.enterpriseId)).map((c) => c.id));
      for (const [i, item] of b.items.entries()) {
        if (recorded.includes(item.item)) {
          throw new AppError(
            409,
            'conflict',
            `items.${i}.item: ${item.item} is already recorded for this draw`,
            `items.${i}.item`,
          );
        }
        if (item.compoundId !== null && !served.has(item.compoundId)) {
          throw badRequest(
            `items.${i}.compoundId`,
            `items.${i}.compoundId: enterprise ${b.enterpriseId} does not serve compound ${item.compoundId}`,
          );
        }
      }
      const failures: number[] = [];
      for (const item of b.items) {
        await insertResult(
          tx,
          { drawId, enterpriseId: b.enterpriseId, ...item, inspectedOn },
          p.username,
        );
        if (item.passed) continue;
        failures.push(
          await insertRecord(tx, b.enterpriseId, {
            kind: 'inspection_failure',
            onDate: inspectedOn,
            compoundId: item.compoundId,
            managerId: null,
            details: { drawId, period: draw.period, item: item.item, note: item.note },
            recordedBy: p.username,
          }),
        );
      }
      await touchEnterprise(tx, {
        id: b.enterpriseId,
        action: 'inspection',
        actor: p.username,
        after: { drawId, inspectedOn, items: b.items, recordIds: failures },
        reason: null,
      });
    });
    res.status(201).json(await findDraw(db, drawId));
  });

  router.get('/api/red-black-lists', async (_req, res) => {
    res.json(await findLists(db));
  });

  router.get('/api/red-black-lists/latest', async (_req, res) => {
    const list = await findLatestList(db);
    if (!list) throw notFound('No red/black list has been published yet');
    res.json(list);
  });

  router.post('/api/red-black-lists', requireLogin, async (req, res) => {
    const p = userOf(req, BUREAU, 'Publishing the red/black list');
    const { period } = parseInput(publishSchema, req.body, 'body');
    const today = opts.today();
    const end = periodEnd(period);
    const asOf = end < today ? end : today;
    if (today < periodStart(period)) {
      throw badRequest('period', `period: ${period} has not begun (today is ${today})`);
    }
    const scored = (await findEnterpriseSummaries(db, asOf, opts.rule))
      .filter((e) => e.compounds > 0)
      .map((e) => ({ id: e.id, name: e.name, score: e.score, compounds: e.compounds }));
    const { red, black } = rankRedBlack(scored, opts.rule);
    const id = await db.withTransaction((tx) =>
      insertList(tx, { period, asOf, publishedOn: today, rule: opts.rule, red, black }, p.username),
    );
    if (id === null)
      throw new AppError(
        409,
        'conflict',
        `period: the list of ${period} is already published`,
        'period',
      );
    res.status(201).json((await findLists(db)).find((l) => l.id === id));
  });

  return router;
}
