import type { GrievanceEvent, ReportEventInput } from '../../common/grievances.ts';
import { enqueueEventMessages } from '../command-feed/outbox-queries.ts';
import type { Queryable } from '../db.ts';
import { badRequest, AppError } from '../errors.ts';
import { appendChanges } from './append-changes.ts';
import { EVENT_COLUMNS, findEvents, toEvent, type EventRow } from './grievances-read-queries.ts';
import { ROUTING, routePoints, type RoutedPoint } from './routing-queries.ts';

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
  const results: Slot[] = new Array(items.length);
  const keyed = items.filter((it) => it.input.idempotencyKey);
  const existing = await findEventsByKeys(tx, keyed);
  items.forEach((it, i) => {
    const found = existing.get(callerKey(it));
    if (found) results[i] = { event: found, created: false };
  });
  const routed = await routeItems(tx, items, results);
  if (routed.length > 0) await storeEvents(tx, items, routed, results);
  return results as (ReportResult | AppError)[];
}

// each item's answer, filled in step by step
type Slot = ReportResult | AppError | undefined;

/** An item inside the district: its index in the batch, its point and where it was routed. */
type Routed = { i: number; point: Point; place: RoutedPoint };

/**
 * The unanswered items' points (given, or their compound's), routed; an unknown compound or a
 * point outside the district gets its 400 in its slot.
 */
async function routeItems(tx: Queryable, items: ReportItem[], results: Slot[]): Promise<Routed[]> {
  const points = await resolvePoints(
    tx,
    items.map((it) => it.input.location),
  );
  const todo: { i: number; point: Point }[] = [];
  items.forEach((_, i) => {
    if (results[i]) return;
    const p = points[i]!;
    if (p instanceof AppError) results[i] = p;
    else todo.push({ i, point: p });
  });
  const places = await routePoints(
    tx,
    todo.map((t) => t.point),
  );
  const routed: Routed[] = [];
  todo.forEach(({ i, point }, k) => {
    const place = places[k]!;
    if (!place.insideDistrict) {
      results[i] = badRequest(
        'location',
        `location: the point ${point.lng},${point.lat} is outside Licheng District`,
      );
    } else routed.push({ i, point, place });
  });
  return routed;
}

/**
 * Inserts the routed items (graded, with their deadline and likely duplicate), their audit
 * records, stream entries and feed messages, and answers each slot: its new event, or the event
 * a key repeated in this batch (or raced by another transaction) already has, or a 400 for an
 * unknown category.
 */
async function storeEvents(
  tx: Queryable,
  items: ReportItem[],
  routed: Routed[],
  results: Slot[],
): Promise<void> {
  const ids = (
    await tx.query<{ id: number }>(
      `SELECT nextval(pg_get_serial_sequence('events', 'id'))::int AS id FROM generate_series(1, $1)`,
      [routed.length],
    )
  ).map((r) => r.id);
  const rows = routed.map((r, n) => ({ ...r, id: ids[n]! }));
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
      col((r) => r.point.lng),
      col((r) => r.point.lat),
      col((r) => r.place.gridCode),
      col((r) => r.place.communityCode),
      col((r) => r.place.streetCode),
      col((r) => r.place.compoundId),
      col((r) => r.place.outsideGrid),
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
