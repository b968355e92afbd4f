import type { Scope } from '../../common/auth.ts';
import type {
  AuditEntry,
  EventAction,
  GrievanceEvent,
  ReportEventInput,
} from '../../common/grievances.ts';
import type { Queryable } from '../db.ts';
import { badRequest, notFound, AppError } from '../errors.ts';
import { ROUTING, routePoints } from './routing-queries.ts';
import { applyAction } from './workflow.ts';

const EVENT_COLUMNS = `
  e.id::int AS id, (SELECT max(seq) FROM event_changes c WHERE c.event_id = e.id)::int AS seq,
  e.channel, e.category, e.grade, e.level, e.state, e.description,
  e.reporter_name, e.reporter_phone, e.photos,
  ST_X(e.geom) AS lng, ST_Y(e.geom) AS lat,
  e.grid_code, e.community_code, e.street_code, e.compound_id, e.outside_grid,
  e.duplicate_of::int AS duplicate_of, e.assignee, e.deadline, e.overdue, e.reported_at, e.updated_at`;

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
  assignee: string | null;
  deadline: Date;
  overdue: boolean;
  reported_at: Date;
  updated_at: Date;
};

export type ReportResult = { event: GrievanceEvent; created: boolean };

/**
 * Stores a reported event, routed in PostGIS to its grid, community, street and compound, with its
 * audit record and stream entry, all in the caller's transaction. The same idempotency key again
 * returns the first event (created: false).
 * Routing: routePoints (routing-queries.ts) states the rule.
 */
export async function reportEvent(
  tx: Queryable,
  input: ReportEventInput,
  actor: string,
): Promise<ReportResult> {
  if (input.idempotencyKey) {
    const existing = await findEventByKey(tx, input.idempotencyKey);
    if (existing) return { event: existing, created: false };
  }
  const point = await resolvePoint(tx, input.location);
  const [routed] = await routePoints(tx, [point]);
  if (!routed?.insideDistrict) {
    throw badRequest(
      'location',
      `location: the point ${point.lng},${point.lat} is outside Licheng District`,
    );
  }
  const [inserted] = await tx.query<{ id: number }>(
    `INSERT INTO events (idempotency_key, channel, category, grade, level, state, description,
                         reporter_name, reporter_phone, photos, geom, grid_code, community_code,
                         street_code, compound_id, outside_grid, duplicate_of, deadline)
     SELECT $1, $2, c.code, c.default_grade, gr.level, 'reported', $3, $4, $5, $6,
            ST_SetSRID(ST_MakePoint($7, $8), 4326), $9, $10, $11, $12, $13,
            (SELECT e.id FROM events e
             WHERE e.category = c.code AND e.state NOT IN ('resolved', 'closed')
               AND e.reported_at > now() - make_interval(hours => $14)
               AND ST_DWithin(e.geom_m, ST_Transform(ST_SetSRID(ST_MakePoint($7, $8), 4326), 4549), $15)
             ORDER BY e.reported_at DESC, e.id DESC LIMIT 1),
            now() + make_interval(hours => gr.deadline_hours)
     FROM event_categories c JOIN event_grades gr ON gr.grade = c.default_grade
     WHERE c.code = $16
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING id::int AS id`,
    [
      input.idempotencyKey ?? null,
      input.channel,
      input.description,
      input.reporter?.name ?? null,
      input.reporter?.phone ?? null,
      input.photos ?? [],
      point.lng,
      point.lat,
      routed.gridCode,
      routed.communityCode,
      routed.streetCode,
      routed.compoundId,
      routed.outsideGrid,
      ROUTING.duplicateWindowHours,
      ROUTING.duplicateRadiusM,
      input.category,
    ],
  );
  if (!inserted) {
    // a concurrent request with the same key won the race: answer with its event
    const existing = input.idempotencyKey ? await findEventByKey(tx, input.idempotencyKey) : null;
    if (existing) return { event: existing, created: false };
    throw badRequest('category', `category: unknown category ${input.category}`);
  }
  await tx.query(
    `INSERT INTO event_audit (event_id, actor, action, to_state, to_level, note)
     SELECT id, $2, 'report', state, level, channel FROM events WHERE id = $1`,
    [inserted.id, actor],
  );
  await tx.query(`INSERT INTO event_changes (event_id, kind) VALUES ($1, 'reported')`, [
    inserted.id,
  ]);
  return { event: (await findEvent(tx, inserted.id))!, created: true };
}

export type TransitionInput = { action: EventAction; note?: string; assignee?: string };

/** Applies a workflow action with its audit record and stream entry, in the caller's transaction. */
export async function transitionEvent(
  tx: Queryable,
  id: number,
  input: TransitionInput,
  actor: string,
): Promise<GrievanceEvent> {
  const [row] = await tx.query<{ state: GrievanceEvent['state']; level: GrievanceEvent['level'] }>(
    'SELECT state, level FROM events WHERE id = $1 FOR UPDATE',
    [id],
  );
  if (!row) throw notFound(`Unknown event id: ${id}`);
  const result = applyAction(row.state, row.level, input.action);
  if (!result.ok) throw new AppError(409, 'conflict', result.reason, 'action');
  if (input.action === 'dispatch' && !input.assignee) {
    throw badRequest(
      'assignee',
      'assignee: required to dispatch (a grid member, enterprise or department)',
    );
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
    `INSERT INTO event_audit (event_id, actor, action, from_state, to_state, from_level, to_level, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, actor, input.action, row.state, result.to, row.level, result.level, input.note ?? null],
  );
  await tx.query(`INSERT INTO event_changes (event_id, kind) VALUES ($1, 'changed')`, [id]);
  return (await findEvent(tx, id))!;
}

export async function findEvent(db: Queryable, id: number): Promise<GrievanceEvent | null> {
  const [row] = await db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = $1`, [
    id,
  ]);
  return row ? toEvent(row) : null;
}

async function findEventByKey(db: Queryable, key: string): Promise<GrievanceEvent | null> {
  const [row] = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.idempotency_key = $1`,
    [key],
  );
  return row ? toEvent(row) : null;
}

export async function findAudit(db: Queryable, id: number): Promise<AuditEntry[]> {
  return db.query<AuditEntry>(
    `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor, action,
            from_state AS "fromState", to_state AS "toState", from_level AS "fromLevel",
            to_level AS "toLevel", note
     FROM event_audit WHERE event_id = $1 ORDER BY id`,
    [id],
  );
}

async function resolvePoint(
  db: Queryable,
  location: ReportEventInput['location'],
): Promise<{ lng: number; lat: number }> {
  if ('lng' in location) return location;
  const [row] = await db.query<{ lng: number; lat: number }>(
    `SELECT ST_X(p) AS lng, ST_Y(p) AS lat
     FROM (SELECT ST_PointOnSurface(geom) AS p FROM compounds WHERE id = $1) x`,
    [location.compoundId],
  );
  if (!row)
    throw badRequest(
      'location.compoundId',
      `location.compoundId: unknown compound ${location.compoundId}`,
    );
  return row;
}

function toEvent(r: EventRow): GrievanceEvent {
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
): Promise<{ events: GrievanceEvent[]; head: number }> {
  const rows = await db.query<EventRow>(
    `SELECT * FROM (SELECT ${EVENT_COLUMNS} FROM events e
                    WHERE ${SCOPE_SQL}
                      AND EXISTS (SELECT 1 FROM event_changes c WHERE c.event_id = e.id AND c.seq > $5)) x
     ORDER BY seq`,
    [...scopeParams(scope), since],
  );
  const [head] = await db.query<{ head: number }>(
    'SELECT coalesce(max(seq), 0)::int AS head FROM event_changes',
  );
  return { events: rows.map(toEvent), head: head!.head };
}
