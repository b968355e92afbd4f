import type { Scope } from '../../common/auth.ts';
import type {
  AuditEntry,
  EventAction,
  GrievanceEvent,
  ReportEventInput,
} from '../../common/grievances.ts';
import { enqueueEventMessages } from '../command-feed/outbox-queries.ts';
import type { SyncResult } from '../../common/events.ts';
import type { Queryable } from '../db.ts';
import { badRequest, notFound, AppError } from '../errors.ts';
import { ROUTING, routePoints } from './routing-queries.ts';
import { applyAction } from './workflow.ts';

// an event's columns but its stream position (seq), which each query gets its cheapest way
const EVENT_FIELDS = `
  e.channel, e.category, e.grade, e.level, e.state, e.description,
  e.reporter_name, e.reporter_phone, e.photos,
  ST_X(e.geom) AS lng, ST_Y(e.geom) AS lat,
  e.grid_code, e.community_code, e.street_code, e.compound_id, e.outside_grid,
  e.duplicate_of::int AS duplicate_of, e.assignee, e.deadline, e.overdue, e.reported_at, e.updated_at,
  (SELECT ARRAY[d.grid_code, d.community_code, d.street_code] FROM events d
   WHERE d.id = e.duplicate_of) AS duplicate_place`;
const EVENT_COLUMNS = `
  e.id::int AS id, (SELECT max(seq) FROM event_changes c WHERE c.event_id = e.id)::int AS seq,
  ${EVENT_FIELDS}`;

type EventRow = {
  id: number;
  seq: number;
  channel: GrievanceEvent['channel'];
  category: GrievanceEvent['category'];
  grade: GrievanceEvent['grade'];
  level: GrievanceEvent['level'];
  state: GrievanceEvent['state'];
  description: string;
  reporter_name: string | null;
  reporter_phone: string | null;
  photos: string[];
  lng: number;
  lat: number;
  grid_code: string;
  community_code: string;
  street_code: string;
  compound_id: number | null;
  outside_grid: boolean;
  duplicate_of: number | null;
  duplicate_place: [string, string, string] | null;
  assignee: string | null;
  deadline: Date;
  overdue: boolean;
  reported_at: Date;
  updated_at: Date;
};

export type ReportResult = { event: GrievanceEvent; created: boolean };
export type ReportItem = { input: ReportEventInput; actor: string };

/**
 * Stores one reported event in the caller's transaction (see reportEvents); throws its 4xx.
 */
export async function reportEvent(
  tx: Queryable,
  input: ReportEventInput,
  actor: string,
): Promise<ReportResult> {
  const [result] = await reportEvents(tx, [{ input, actor }]);
  if (result instanceof AppError) throw result;
  return result!;
}

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

/** The advisory lock that orders the change stream (appendChanges). */
const CHANGE_STREAM_LOCK = 7_350_503;

/**
 * Appends events' changes to the stream (event_changes), in the caller's transaction. Their seq
 * numbers must become visible in number order: a transaction that took seq 100 but committed after
 * another's 101 would be skipped by a client resyncing from 101 (grievance:sync's head). So one
 * writer at a time takes numbers and commits: the lock is taken here and held to the transaction's
 * end. Callers lock the events' rows first and take no other event's row after this.
 */
export async function appendChanges(
  tx: Queryable,
  eventIds: number[],
  kind: 'reported' | 'changed',
): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [CHANGE_STREAM_LOCK]);
  await tx.query(
    `INSERT INTO event_changes (event_id, kind)
     SELECT id, $2 FROM unnest($1::bigint[]) AS id ORDER BY id`,
    [eventIds, kind],
  );
}

type Point = { lng: number; lat: number };

export type TransitionInput = {
  action: EventAction;
  note?: string;
  assignee?: string;
  /** reroute only: the grid the event really belongs to (its community and street follow) */
  gridCode?: string;
};

/** Applies a workflow action with its audit record and stream entry, in the caller's transaction. */
export async function transitionEvent(
  tx: Queryable,
  id: number,
  input: TransitionInput,
  actor: string,
): Promise<GrievanceEvent> {
  const [row] = await tx.query<{
    state: GrievanceEvent['state'];
    level: GrievanceEvent['level'];
    gridCode: string;
  }>('SELECT state, level, grid_code AS "gridCode" FROM events WHERE id = $1 FOR UPDATE', [id]);
  if (!row) throw notFound(`Unknown event id: ${id}`);
  const result = applyAction(row.state, row.level, input.action);
  if (!result.ok) throw new AppError(409, 'conflict', result.reason, 'action');
  if (input.action === 'dispatch' && !input.assignee) {
    throw badRequest(
      'assignee',
      'assignee: required to dispatch (a grid member, enterprise or department)',
    );
  }
  let note = input.note ?? null;
  if (input.action === 'reroute') {
    await moveToGrid(tx, id, input.gridCode);
    note = `${row.gridCode} → ${input.gridCode}${note ? `: ${note}` : ''}`;
  }
  // escalation to a higher level restarts the clock with that level's deadline; overdue stays set
  await tx.query(
    `UPDATE events SET state = $2, level = $3, updated_at = now(),
       assignee = CASE WHEN $4::text IS NOT NULL THEN $4 WHEN $5 THEN NULL ELSE assignee END,
       deadline = CASE WHEN $5 THEN now() + make_interval(hours => (
                    SELECT deadline_hours FROM event_grades WHERE level = $3 ORDER BY grade LIMIT 1))
                  ELSE deadline END
     WHERE id = $1`,
    [id, result.to, result.level, input.assignee ?? null, result.level !== row.level],
  );
  await tx.query(
    `INSERT INTO event_audit (event_id, actor, action, from_state, to_state, from_level, to_level,
                              assignee, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      id,
      actor,
      input.action,
      row.state,
      result.to,
      row.level,
      result.level,
      input.action === 'dispatch' ? input.assignee : null,
      note,
    ],
  );
  await appendChanges(tx, [id], 'changed');
  const event = (await findEvent(tx, id))!;
  await enqueueEventMessages(tx, [
    {
      event,
      change: {
        action: input.action,
        actor,
        fromState: row.state,
        toState: result.to,
        fromLevel: row.level,
        toLevel: result.level,
        note,
        at: event.updatedAt,
      },
    },
  ]);
  return event;
}

/**
 * The platform's decisions that are not steps of our own workflow (区联合指挥平台 callbacks):
 * a new deadline, or the event sent back down to the community to handle (level community,
 * state reported, the community's deadline). Each is audited, streamed and fed back like any step.
 */
export async function applyPlatformDecision(
  tx: Queryable,
  id: number,
  decision: { type: 'set_deadline'; deadline: string } | { type: 'send_down' },
  actor: string,
  note: string | null,
): Promise<GrievanceEvent> {
  const [row] = await tx.query<{ state: GrievanceEvent['state']; level: GrievanceEvent['level'] }>(
    'SELECT state, level FROM events WHERE id = $1 FOR UPDATE',
    [id],
  );
  if (!row) throw notFound(`Unknown event id: ${id}`);
  if (row.state === 'closed') {
    throw new AppError(409, 'conflict', `Event ${id} is closed`, 'type');
  }
  let toState = row.state;
  let toLevel = row.level;
  if (decision.type === 'set_deadline') {
    await tx.query('UPDATE events SET deadline = $2, updated_at = now() WHERE id = $1', [
      id,
      decision.deadline,
    ]);
  } else {
    if (row.level !== 'district' || row.state === 'resolved') {
      throw new AppError(
        409,
        'conflict',
        `Only an open event at the district level can be sent down (this one: ${row.state} at ${row.level})`,
        'type',
      );
    }
    toState = 'reported';
    toLevel = 'community';
    await tx.query(
      `UPDATE events SET state = 'reported', level = 'community', assignee = NULL, updated_at = now(),
         deadline = now() + make_interval(hours => (
           SELECT deadline_hours FROM event_grades WHERE level = 'community' ORDER BY grade LIMIT 1))
       WHERE id = $1`,
      [id],
    );
  }
  await tx.query(
    `INSERT INTO event_audit (event_id, actor, action, from_state, to_state, from_level, to_level, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, actor, decision.type, row.state, toState, row.level, toLevel, note],
  );
  await appendChanges(tx, [id], 'changed');
  const event = (await findEvent(tx, id))!;
  await enqueueEventMessages(tx, [
    {
      event,
      change: {
        action: decision.type,
        actor,
        fromState: row.state,
        toState,
        fromLevel: row.level,
        toLevel,
        note,
        at: event.updatedAt,
      },
    },
  ]);
  return event;
}

// a rerouted event moves to the grid it really belongs to; its community and street follow
async function moveToGrid(tx: Queryable, id: number, gridCode: string | undefined): Promise<void> {
  if (!gridCode) {
    throw badRequest('gridCode', 'gridCode: required to reroute (the grid the event belongs to)');
  }
  const moved = await tx.query(
    `UPDATE events e SET grid_code = g.code, community_code = g.community_code,
       street_code = c.street_code, outside_grid = NOT ST_Intersects(g.geom, e.geom)
     FROM grids g JOIN communities c ON c.code = g.community_code
     WHERE e.id = $1 AND g.code = $2 RETURNING e.id`,
    [id, gridCode],
  );
  if (moved.length === 0) throw badRequest('gridCode', `gridCode: unknown grid ${gridCode}`);
}

export async function findEvent(db: Queryable, id: number): Promise<GrievanceEvent | null> {
  const [row] = await db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = $1`, [
    id,
  ]);
  return row ? toEvent(row) : null;
}

async function findEvents(db: Queryable, ids: number[]): Promise<Map<number, GrievanceEvent>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = ANY($1)`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, toEvent(r)]));
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

export async function findAudit(db: Queryable, id: number): Promise<AuditEntry[]> {
  return db.query<AuditEntry>(
    `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor, action,
            from_state AS "fromState", to_state AS "toState", from_level AS "fromLevel",
            to_level AS "toLevel", assignee, note
     FROM event_audit WHERE event_id = $1 ORDER BY id`,
    [id],
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

type Place = Pick<GrievanceEvent, 'gridCode' | 'communityCode' | 'streetCode'>;

// where each loaded event's likely duplicate lies, kept beside the event object and never on the
// wire: answers and broadcasts show the link only to readers who may read the duplicate too
const duplicatePlaces = new WeakMap<GrievanceEvent, Place>();

/** The place of an event's duplicate (`duplicateOf`), for an event loaded here; else undefined. */
export const duplicatePlaceOf = (event: GrievanceEvent): Place | undefined =>
  duplicatePlaces.get(event);

function toEvent(r: EventRow): GrievanceEvent {
  const event = toWireEvent(r);
  if (r.duplicate_place) {
    const [gridCode, communityCode, streetCode] = r.duplicate_place;
    duplicatePlaces.set(event, { gridCode, communityCode, streetCode });
  }
  return event;
}

function toWireEvent(r: EventRow): GrievanceEvent {
  return {
    id: r.id,
    seq: r.seq,
    channel: r.channel,
    category: r.category,
    grade: r.grade,
    level: r.level,
    state: r.state,
    description: r.description,
    reporter:
      r.reporter_name === null && r.reporter_phone === null
        ? null
        : { name: r.reporter_name, phone: r.reporter_phone },
    photos: r.photos,
    location: [r.lng, r.lat],
    gridCode: r.grid_code,
    communityCode: r.community_code,
    streetCode: r.street_code,
    compoundId: r.compound_id,
    outsideGrid: r.outside_grid,
    duplicateOf: r.duplicate_of,
    assignee: r.assignee,
    deadline: r.deadline.toISOString(),
    overdue: r.overdue,
    reportedAt: r.reported_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** events per `grievance:sync` answer; the client asks again from `head` while `more` */
export const SYNC_PAGE_SIZE = 500;

export type EventFilter = {
  scope: Scope;
  state?: string[];
  grade?: string[];
  category?: string[];
  overdue?: boolean;
  limit: number;
};

const SCOPE_SQL = `($1 OR e.street_code = ANY($2) OR e.community_code = ANY($3) OR e.grid_code = ANY($4))`;
const scopeParams = (s: EventFilter['scope']) => [s.district, s.streets, s.communities, s.grids];

/** Events in scope, soonest deadline first. */
export async function listEvents(db: Queryable, f: EventFilter): Promise<GrievanceEvent[]> {
  const rows = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events e
     WHERE ${SCOPE_SQL}
       AND ($5::text[] IS NULL OR e.state = ANY($5))
       AND ($6::text[] IS NULL OR e.grade = ANY($6))
       AND ($7::text[] IS NULL OR e.category = ANY($7))
       AND ($8::boolean IS NULL OR e.overdue = $8)
     ORDER BY e.deadline, e.id LIMIT $9`,
    [
      ...scopeParams(f.scope),
      f.state ?? null,
      f.grade ?? null,
      f.category ?? null,
      f.overdue ?? null,
      f.limit,
    ],
  );
  return rows.map(toEvent);
}

/** Events in scope changed after a stream position, in stream order, and the stream's head. */
export async function findChangesSince(
  db: Queryable,
  scope: EventFilter['scope'],
  since: number,
  limit = SYNC_PAGE_SIZE,
): Promise<SyncResult> {
  const rows = await db.query<EventRow>(
    // an event changed after `since` has its latest seq there too: one grouping of the changes
    // instead of a max() and an EXISTS per event (sync(0) of 3,100 events on PGlite: 1.7 s → 14 ms)
    `SELECT e.id::int AS id, ch.seq::int AS seq, ${EVENT_FIELDS}
     FROM (SELECT event_id, max(seq) AS seq FROM event_changes WHERE seq > $5 GROUP BY event_id) ch
     JOIN events e ON e.id = ch.event_id
     WHERE ${SCOPE_SQL}
     ORDER BY ch.seq LIMIT $6`,
    [...scopeParams(scope), since, limit + 1],
  );
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  // a full page ends at its last event's version: every event changed up to there is in it
  if (more) return { events: page.map(toEvent), head: page.at(-1)!.seq, more };
  const [head] = await db.query<{ head: number }>(
    'SELECT coalesce(max(seq), 0)::int AS head FROM event_changes',
  );
  return { events: page.map(toEvent), head: head!.head, more };
}
