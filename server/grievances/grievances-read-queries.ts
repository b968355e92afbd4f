import type { Scope } from '../../common/auth.ts';
import type { AuditEntry, GrievanceEvent } from '../../common/grievances.ts';
import type { SyncResult } from '../../common/events.ts';
import type { Queryable } from '../db.ts';

// Reading events: one event, several, a scope's list, the change stream since a position, the
// audit trail; and the row → wire mapping the intake and workflow queries share.

// an event's columns but its stream position (seq), which each query gets its cheapest way
const EVENT_FIELDS = `
  e.channel, e.category, e.grade, e.level, e.state, e.description,
  e.reporter_name, e.reporter_phone, e.photos,
  ST_X(e.geom) AS lng, ST_Y(e.geom) AS lat,
  e.grid_code, e.community_code, e.street_code, e.compound_id, e.outside_grid,
  e.duplicate_of::int AS duplicate_of, e.assignee, e.deadline, e.overdue, e.reported_at, e.updated_at,
  (SELECT ARRAY[d.grid_code, d.community_code, d.street_code] FROM events d
   WHERE d.id = e.duplicate_of) AS duplicate_place`;
export const EVENT_COLUMNS = `
  e.id::int AS id, (SELECT max(seq) FROM event_changes c WHERE c.event_id = e.id)::int AS seq,
  ${EVENT_FIELDS}`;

export type EventRow = {
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

/** One event by id, or null. */
export async function findEvent(db: Queryable, id: number): Promise<GrievanceEvent | null> {
  const [row] = await db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = $1`, [
    id,
  ]);
  return row ? toEvent(row) : null;
}

/** Events by id (those that exist), by id. */
export async function findEvents(
  db: Queryable,
  ids: number[],
): Promise<Map<number, GrievanceEvent>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = ANY($1)`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, toEvent(r)]));
}

/** An event's audit trail, oldest first. */
export async function findAudit(db: Queryable, id: number): Promise<AuditEntry[]> {
  return db.query<AuditEntry>(
    `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor, action,
            from_state AS "fromState", to_state AS "toState", from_level AS "fromLevel",
            to_level AS "toLevel", assignee, note
     FROM event_audit WHERE event_id = $1 ORDER BY id`,
    [id],
  );
}

type Place = Pick<GrievanceEvent, 'gridCode' | 'communityCode' | 'streetCode'>;

// where each loaded event's likely duplicate lies, kept beside the event object and never on the
// wire: answers and broadcasts show the link only to readers who may read the duplicate too
const duplicatePlaces = new WeakMap<GrievanceEvent, Place>();

/** The place of an event's duplicate (`duplicateOf`), for an event loaded here; else undefined. */
export const duplicatePlaceOf = (event: GrievanceEvent): Place | undefined =>
  duplicatePlaces.get(event);

/** The wire event of a row; remembers its duplicate's place (duplicatePlaceOf). */
export function toEvent(r: EventRow): GrievanceEvent {
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
