import type { GrievanceEvent, ReportEventInput } from '../../common/grievances.ts';
import { enqueueEventMessages } from '../command-feed/outbox-queries.ts';
import type { Queryable } from '../db.ts';
import { badRequest, AppError } from '../errors.ts';
import { appendChanges } from './append-changes.ts';
import { EVENT_COLUMNS, findEvents, toEvent, type EventRow } from './grievances-read-queries.ts';
import { ROUTING, routePoints } from './routing-queries.ts';

export type ReportResult = { event: GrievanceEvent; created: boolean };
export type ReportItem = { input: ReportEventInput; actor: string };

type Point = { lng: number; lat: number };

/**
 * Stores reported events, routed in PostGIS to grid, community, street and compound (routePoints
 * states the rule), each with its audit record and stream entry, all in the caller's transaction
 * and in a fixed number of statements whatever the count (group commit, see intake-queue.ts).
 * An idempotency key the same caller (actor) used before returns its first event (created: false). An item that cannot be
 * stored (outside the district, unknown compound) gets its 4xx in its slot; the others go on.
 */
export async function reportEvents(
  tx: Queryable,
  items: ReportItem[],
): Promise<(ReportResult | AppError)[]> {
  const results: (ReportResult | AppError | undefined)[] = new Array(items.length);
  const keyed = items.filter((it) => it.input.idempotencyKey);
  const existing = await findEventsByKeys(tx, keyed);
  items.forEach((it, i) => {
    const found = existing.get(callerKey(it));
    if (found) results[i] = { event: found, created: false };
  });

  const points = await resolvePoints(
    tx,
    items.map((it) => it.input.location),
  );
  const todo: number[] = [];
  items.forEach((_, i) => {
    if (results[i]) return;
    const p = points[i];
    if (p instanceof AppError) results[i] = p;
    else todo.push(i);
  });
  const routed = await routePoints(
    tx,
    todo.map((i) => points[i] as Point),
  );
  const insert: number[] = [];
  todo.forEach((i, k) => {
    const p = points[i] as Point;
    if (!routed[k]!.insideDistrict) {
      results[i] = badRequest(
        'location',
        `location: the point ${p.lng},${p.lat} is outside Licheng District`,
      );
    } else insert.push(k);
  });

  if (insert.length > 0) {
    const ids = (
      await tx.query<{ id: number }>(
        `SELECT nextval(pg_get_serial_sequence('events', 'id'))::int AS id FROM generate_series(1, $1)`,
        [insert.length],
      )
    ).map((r) => r.id);
    const rows = insert.map((k, n) => ({ k, i: todo[k]!, id: ids[n]! }));
    const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
    const inputOf = (r: (typeof rows)[number]) => items[r.i]!.input;
    const inserted = await tx.query<{ id: number }>(
      `INSERT INTO events (id, idempotency_key, idempotency_actor, channel, category, grade, level,
                           state, description, reporter_name, reporter_phone, photos, geom,
                           grid_code, community_code, street_code, compound_id, outside_grid,
                           duplicate_of, deadline)
       OVERRIDING SYSTEM VALUE
       SELECT u.id, u.key, CASE WHEN u.key IS NOT NULL THEN u.actor END, u.channel, c.code,
              c.default_grade, gr.level, 'reported', u.description,
              u.reporter_name, u.reporter_phone,
              ARRAY(SELECT jsonb_array_elements_text(u.photos)),
              ST_SetSRID(ST_MakePoint(u.lng, u.lat), 4326), u.grid_code, u.community_code,
              u.street_code, u.compound_id, u.outside_grid,
              (SELECT e.id FROM events e
               WHERE e.category = c.code AND e.state NOT IN ('resolved', 'closed')
                 AND e.reported_at > now() - make_interval(hours => $17)
                 AND ST_DWithin(e.geom_m, ST_Transform(ST_SetSRID(ST_MakePoint(u.lng, u.lat), 4326), 4549), $18)
               ORDER BY e.reported_at DESC, e.id DESC LIMIT 1),
              now() + make_interval(hours => gr.deadline_hours)
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                   $8::jsonb[], $9::float8[], $10::float8[], $11::text[], $12::text[], $13::text[],
                   $14::int[], $15::boolean[], $16::int[], $19::text[])
            AS u(id, key, channel, category, description, reporter_name, reporter_phone, photos, lng,
                 lat, grid_code, community_code, street_code, compound_id, outside_grid, i, actor)
       JOIN event_categories c ON c.code = u.category
       JOIN event_grades gr ON gr.grade = c.default_grade
       ORDER BY u.i
       ON CONFLICT (idempotency_actor, idempotency_key) DO NOTHING
       RETURNING id::int AS id`,
      [
        col((r) => r.id),
        col((r) => inputOf(r).idempotencyKey ?? null),
        col((r) => inputOf(r).channel),
        col((r) => inputOf(r).category),
        col((r) => inputOf(r).description),
        col((r) => inputOf(r).reporter?.name ?? null),
        col((r) => inputOf(r).reporter?.phone ?? null),
        col((r) => JSON.stringify(inputOf(r).photos ?? [])),
        col((r) => (points[r.i] as Point).lng),
        col((r) => (points[r.i] as Point).lat),
        col((r) => routed[r.k]!.gridCode),
        col((r) => routed[r.k]!.communityCode),
        col((r) => routed[r.k]!.streetCode),
        col((r) => routed[r.k]!.compoundId),
        col((r) => routed[r.k]!.outsideGrid),
        col((r) => r.i),
        ROUTING.duplicateWindowHours,
        ROUTING.duplicateRadiusM,
        col((r) => items[r.i]!.actor),
      ],
    );
    const stored = new Set(inserted.map((r) => r.id));
    const storedIds = ids.filter((id) => stored.has(id));
    await tx.query(
      `INSERT INTO event_audit (event_id, actor, action, to_state, to_level, note)
       SELECT e.id, a.actor, 'report', e.state, e.level, e.channel
       FROM unnest($1::bigint[], $2::text[]) AS a(id, actor) JOIN events e ON e.id = a.id ORDER BY e.id`,
      [col((r) => r.id), col((r) => items[r.i]!.actor)],
    );
    await appendChanges(tx, storedIds, 'reported');
    const events = await findEvents(tx, storedIds);
    await enqueueEventMessages(
      tx,
      storedIds.map((id) => ({ event: events.get(id)!, change: null })),
    );
    // a key repeated inside this batch, or raced by another transaction: answer with its event
    const late = await findEventsByKeys(
      tx,
      rows.filter((r) => !stored.has(r.id) && inputOf(r).idempotencyKey).map((r) => items[r.i]!),
    );
    for (const r of rows) {
      const lateEvent = late.get(callerKey(items[r.i]!));
      results[r.i] = stored.has(r.id)
        ? { event: events.get(r.id)!, created: true }
        : lateEvent
          ? { event: lateEvent, created: false }
          : badRequest('category', `category: unknown category ${inputOf(r).category}`);
    }
  }
  return results as (ReportResult | AppError)[];
}

// an idempotency key is the caller's own: the same key from another caller is another request
const callerKey = (it: ReportItem) => JSON.stringify([it.actor, it.input.idempotencyKey ?? null]);

/** The events stored under the items' idempotency keys, each by its caller, by callerKey. */
async function findEventsByKeys(
  db: Queryable,
  items: ReportItem[],
): Promise<Map<string, GrievanceEvent>> {
  if (items.length === 0) return new Map();
  const rows = await db.query<EventRow & { idempotency_key: string; idempotency_actor: string }>(
    `SELECT ${EVENT_COLUMNS}, e.idempotency_key, e.idempotency_actor FROM events e
     JOIN unnest($1::text[], $2::text[]) AS k(actor, key)
       ON e.idempotency_actor = k.actor AND e.idempotency_key = k.key`,
    [items.map((it) => it.actor), items.map((it) => it.input.idempotencyKey ?? null)],
  );
  return new Map(
    rows.map((r) => [JSON.stringify([r.idempotency_actor, r.idempotency_key]), toEvent(r)]),
  );
}

/** Each location as a point: given, or the interior point of the named compound. */
async function resolvePoints(
  db: Queryable,
  locations: ReportEventInput['location'][],
): Promise<(Point | AppError)[]> {
  const ids = locations.flatMap((l) => ('compoundId' in l ? [l.compoundId] : []));
  const rows = ids.length
    ? await db.query<{ id: number; lng: number; lat: number }>(
        `SELECT id, ST_X(p) AS lng, ST_Y(p) AS lat
         FROM (SELECT id, ST_PointOnSurface(geom) AS p FROM compounds WHERE id = ANY($1)) x`,
        [ids],
      )
    : [];
  const byId = new Map(rows.map((r) => [r.id, { lng: r.lng, lat: r.lat }]));
  return locations.map((l) =>
    'lng' in l
      ? l
      : (byId.get(l.compoundId) ??
        badRequest('location.compoundId', `location.compoundId: unknown compound ${l.compoundId}`)),
  );
}
