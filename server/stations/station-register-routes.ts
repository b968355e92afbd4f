import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Scope } from '../../common/auth.ts';
import { STATION_KINDS, STATION_SERVICES, type StationKind } from '../../common/domain.ts';
import { forbidden, requireLogin } from '../auth/auth-routes.ts';
import type { Principal } from '../auth/principal.ts';
import type { Db, Queryable } from '../db.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import { listRegisterChanges } from '../register-audit.ts';
import { parseInput } from '../validation.ts';
import {
  findRegisteredStation,
  findStation,
  findStationPlace,
  insertStation,
  lockStation,
  retireStation,
  updateStation,
  type StationFields,
  type StationRow,
} from './station-register-queries.ts';
import { stationUnits } from './station-rules.ts';

const LOCATION_ERROR = 'expected [lng, lat] in the district (lng 118.4–118.7, lat 24.8–25.0)';
const location = z.tuple(
  [
    z
      .number({ error: LOCATION_ERROR })
      .min(118.4, { error: LOCATION_ERROR })
      .max(118.7, { error: LOCATION_ERROR }),
    z
      .number({ error: LOCATION_ERROR })
      .min(24.8, { error: LOCATION_ERROR })
      .max(25.0, { error: LOCATION_ERROR }),
  ],
  { error: LOCATION_ERROR },
);
const name = z
  .string({ error: 'expected a name of 1–100 characters' })
  .trim()
  .min(1, { error: 'expected a name of 1–100 characters' })
  .max(100, { error: 'expected a name of 1–100 characters' });
const services = z
  .array(z.enum(STATION_SERVICES, { error: `expected any of ${STATION_SERVICES.join(', ')}` }), {
    error: 'expected a list of services',
  })
  .max(STATION_SERVICES.length, { error: `expected at most ${STATION_SERVICES.length} services` })
  .refine((list) => new Set(list).size === list.length, { error: 'expected each service once' });
const version = z
  .number({ error: 'expected the version you last saw (a positive integer)' })
  .int({ error: 'expected the version you last saw (a positive integer)' })
  .min(1, { error: 'expected the version you last saw (a positive integer)' })
  .max(2_147_483_647, { error: 'expected the version you last saw (a positive integer)' });
const reason = z
  .string({ error: 'expected a reason of 1–500 characters' })
  .trim()
  .min(1, { error: 'expected a reason of 1–500 characters' })
  .max(500, { error: 'expected a reason of 1–500 characters' });

export const createStationSchema = z
  .object({
    name,
    kind: z.enum(STATION_KINDS, { error: `expected one of ${STATION_KINDS.join(', ')}` }),
    services,
    location,
    reason: reason.optional(),
  })
  .strict();
export const editStationSchema = z
  .object({
    version,
    name: name.optional(),
    services: services.optional(),
    location: location.optional(),
    reason: reason.optional(),
  })
  .strict();
export const retireStationSchema = z
  .object({ version, retiredOn: z.iso.date({ error: 'expected a date YYYY-MM-DD' }), reason })
  .strict();
export const stationIdSchema = z.object({
  id: z.coerce
    .number({ error: 'expected a station id 1–2147483647' })
    .int({ error: 'expected a station id 1–2147483647' })
    .min(1, { error: 'expected a station id 1–2147483647' })
    .max(2_147_483_647, { error: 'expected a station id 1–2147483647' }),
});

type User = Extract<Principal, { kind: 'user' }>;

// district admins keep every station; a street admin their street's (not the district centre);
// a community admin their community's community and compound stations
export function mayKeep(
  scope: Scope,
  kind: StationKind,
  units: Pick<StationRow, 'streetCode' | 'communityCode'>,
): boolean {
  if (scope.district) return true;
  if (kind === 'district_centre') return false;
  if (units.streetCode !== null && scope.streets.includes(units.streetCode)) return true;
  const local = kind === 'community_station' || kind === 'compound_station';
  return local && units.communityCode !== null && scope.communities.includes(units.communityCode);
}

function keeper(req: Request): User {
  const p = req.principal!;
  const roles = ['district_admin', 'street_admin', 'community_admin'];
  if (p.kind !== 'user' || !roles.includes(p.role)) {
    throw forbidden(`The station register is kept by ${roles.join(', ')}`);
  }
  return p;
}

/**
 * The station register: POST /api/stations, PATCH /api/stations/{id}, POST
 * /api/stations/{id}/retire, GET /api/stations/{id} and its /history. The location decides the street, community and (for a compound
 * station) compound; versioned (409), scoped (403), audited.
 */
export function stationRegisterRouter(db: Db, opts: { today: () => string }): Router {
  const router = Router();

  router.post('/api/stations', requireLogin, async (req, res) => {
    const p = keeper(req);
    const b = parseInput(createStationSchema, req.body, 'body');
    const id = await db.withTransaction(async (tx) => {
      const fields = await placed(tx, {
        name: b.name,
        kind: b.kind,
        services: b.services,
        location: b.location,
      });
      if (!mayKeep(p.scope, b.kind, fields))
        throw forbidden(`A ${b.kind} there is outside your area`);
      return insertStation(tx, fields, p.username, b.reason ?? null);
    });
    res.status(201).json(await findStation(db, id));
  });

  router.patch('/api/stations/:id', requireLogin, async (req, res) => {
    const p = keeper(req);
    const { id } = parseInput(stationIdSchema, req.params);
    const b = parseInput(editStationSchema, req.body, 'body');
    await db.withTransaction(async (tx) => {
      const before = await lockOwn(tx, p, id, b.version);
      const { id: _id, version: _v, ...was } = before;
      const next = await placed(tx, {
        ...was,
        name: b.name ?? was.name,
        services: b.services ?? was.services,
        location: b.location ?? was.location,
      });
      if (!mayKeep(p.scope, next.kind, next))
        throw forbidden('The new location is outside your area');
      await updateStation(tx, before, next, p.username, b.reason ?? null);
    });
    res.json(await findStation(db, id));
  });

  router.post('/api/stations/:id/retire', requireLogin, async (req, res) => {
    const p = keeper(req);
    const { id } = parseInput(stationIdSchema, req.params);
    const b = parseInput(retireStationSchema, req.body, 'body');
    if (b.retiredOn > opts.today()) {
      throw badRequest(
        'retiredOn',
        `retiredOn: ${b.retiredOn} is in the future (today is ${opts.today()})`,
      );
    }
    await db.withTransaction(async (tx) => {
      const before = await lockOwn(tx, p, id, b.version);
      await retireStation(tx, before, b.retiredOn, b.reason, p.username);
    });
    res.status(204).end();
  });

  router.get('/api/stations/:id', requireLogin, async (req, res) => {
    const p = keeper(req);
    const { id } = parseInput(stationIdSchema, req.params);
    const row = await findStation(db, id);
    if (!row) throw notFound(`Unknown station id: ${id}`);
    if (!mayKeep(p.scope, row.kind, row)) throw forbidden(`Station ${id} is outside your area`);
    res.json(row);
  });

  router.get('/api/stations/:id/history', requireLogin, async (req, res) => {
    const p = keeper(req);
    const { id } = parseInput(stationIdSchema, req.params);
    const row = await findRegisteredStation(db, id);
    if (!row) throw notFound(`Unknown station id: ${id}`);
    if (!mayKeep(p.scope, row.kind, row)) throw forbidden(`Station ${id} is outside your area`);
    res.json(await listRegisterChanges(db, 'station', id));
  });

  return router;
}

// the station's units from its location, or a 400 naming the location
async function placed(
  tx: Queryable,
  f: Pick<StationFields, 'name' | 'kind' | 'services' | 'location'>,
): Promise<StationFields> {
  const units = stationUnits(f.kind, await findStationPlace(tx, f.location));
  if (typeof units === 'string') throw badRequest('location', `location: ${units}`);
  return { ...f, ...units };
}

async function lockOwn(tx: Queryable, p: User, id: number, seen: number): Promise<StationRow> {
  const row = await lockStation(tx, id);
  if (!row) throw notFound(`Unknown station id: ${id}`);
  if (!mayKeep(p.scope, row.kind, row)) throw forbidden(`Station ${id} is outside your area`);
  if (row.version !== seen) {
    throw new AppError(
      409,
      'conflict',
      `Stale version ${seen}: the station is at version ${row.version}; reload and retry`,
    );
  }
  return row;
}
