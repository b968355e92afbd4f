import {
  FEED_CONTRACT_VERSION,
  type FeedChange,
  type FeedDeadLetter,
  type FeedEvent,
  type FeedMessageKind,
  type FeedStatus,
  type PropertySnapshot,
} from '../../common/command-feed.ts';
import type { GrievanceEvent } from '../../common/grievances.ts';
import type { Queryable } from '../db.ts';

// The transactional outbox: a message per event change, written by the change's own transaction
// (grievances-intake-queries.ts and grievances-workflow-queries.ts call enqueueEventMessages), claimed and delivered by feed-worker.ts.

/** An event as the contract carries it (reporter kept here; the worker strips it unless allowed). */
export function toFeedEvent(e: GrievanceEvent): FeedEvent {
  return {
    id: e.id,
    channel: e.channel,
    category: e.category,
    grade: e.grade,
    level: e.level,
    state: e.state,
    description: e.description,
    location: e.location,
    gridCode: e.gridCode,
    communityCode: e.communityCode,
    streetCode: e.streetCode,
    compoundId: e.compoundId,
    assignee: e.assignee,
    deadline: e.deadline,
    overdue: e.overdue,
    reportedAt: e.reportedAt,
    updatedAt: e.updatedAt,
    ...(e.reporter ? { reporter: e.reporter } : {}),
  };
}

export type EventMessage = { event: GrievanceEvent; change: FeedChange | null };

/**
 * Writes one outbox message per item, in the caller's transaction: `event.reported` without a
 * change, `event.takeover` for a change that brings the event to the district level, else
 * `event.changed`. Sequences continue each event's own (the event row is locked by the change).
 */
export async function enqueueEventMessages(tx: Queryable, items: EventMessage[]): Promise<void> {
  if (items.length === 0) return;
  const createdAt = new Date().toISOString();
  const kinds = items.map(({ change }): FeedMessageKind =>
    !change
      ? 'event.reported'
      : change.toLevel === 'district' && change.fromLevel !== 'district'
        ? 'event.takeover'
        : 'event.changed',
  );
  const bodies = items.map(({ event, change }, i) =>
    JSON.stringify({
      contract: FEED_CONTRACT_VERSION,
      kind: kinds[i],
      createdAt,
      event: toFeedEvent(event),
      ...(change ? { change } : {}),
    }),
  );
  await tx.query(
    `WITH u AS (
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::jsonb[]) WITH ORDINALITY
         AS u(event_id, kind, body, ord)
     ), s AS (
       SELECT u.*, coalesce((SELECT max(o.sequence) FROM feed_outbox o WHERE o.event_id = u.event_id), 0)
                   + row_number() OVER (PARTITION BY u.event_id ORDER BY u.ord) AS sequence
       FROM u
     )
     INSERT INTO feed_outbox (message_id, kind, event_id, sequence, body)
     SELECT 'event-' || event_id || '-' || sequence, kind, event_id, sequence,
            body || jsonb_build_object('id', 'event-' || event_id || '-' || sequence,
                                       'sequence', sequence)
     FROM s ORDER BY ord`,
    [items.map((it) => it.event.id), kinds, bodies],
  );
}

export type ClaimedMessage = {
  id: number;
  messageId: string;
  kind: FeedMessageKind;
  eventId: number | null;
  body: Record<string, unknown>;
  attempts: number;
};

/**
 * Claims up to `limit` due messages for `leaseS` seconds: safe with several workers (SKIP LOCKED,
 * and a live lease keeps others off), and never a message whose event has an earlier message not
 * yet delivered, so one event's messages go out in order. A claim counts as an attempt, so a
 * worker that dies mid-delivery still brings the message nearer its dead letter.
 */
export async function claimMessages(
  db: Queryable,
  limit: number,
  leaseS: number,
): Promise<ClaimedMessage[]> {
  return db.query<ClaimedMessage>(
    `UPDATE feed_outbox o
     SET lease_until = now() + make_interval(secs => $2), attempts = o.attempts + 1,
         last_attempt_at = now()
     WHERE o.id IN (
       SELECT c.id FROM feed_outbox c
       WHERE c.state = 'pending' AND c.next_attempt_at <= now()
         AND (c.lease_until IS NULL OR c.lease_until < now())
         AND NOT EXISTS (SELECT 1 FROM feed_outbox p
                         WHERE p.event_id = c.event_id AND p.id < c.id AND p.state <> 'delivered')
       ORDER BY c.id LIMIT $1
       FOR UPDATE SKIP LOCKED)
     RETURNING o.id::int AS id, o.message_id AS "messageId", o.kind, o.event_id::int AS "eventId",
               o.body, o.attempts`,
    [limit, leaseS],
  );
}

export async function markDelivered(db: Queryable, id: number): Promise<void> {
  await db.query(
    `UPDATE feed_outbox SET state = 'delivered', delivered_at = now(), lease_until = NULL,
       last_error = NULL
     WHERE id = $1`,
    [id],
  );
}

/** A failed attempt: retry after `retryInMs`, or a dead letter when `dead`; the error is kept. */
export async function markFailed(
  db: Queryable,
  id: number,
  error: string,
  outcome: { dead: boolean; retryInMs: number },
): Promise<void> {
  await db.query(
    `UPDATE feed_outbox SET lease_until = NULL, last_error = $2,
       state = CASE WHEN $3 THEN 'dead' ELSE 'pending' END,
       next_attempt_at = now() + make_interval(secs => $4::float8 / 1000)
     WHERE id = $1`,
    [id, error.slice(0, 500), outcome.dead, outcome.retryInMs],
  );
}

/** A dead letter back to pending, attempts reset; null when it is not a dead letter. */
export async function retryDeadLetter(
  db: Queryable,
  id: number,
): Promise<{ id: number; state: 'pending' } | null> {
  const [row] = await db.query<{ id: number; state: 'pending' }>(
    `UPDATE feed_outbox SET state = 'pending', attempts = 0, next_attempt_at = now(), lease_until = NULL
     WHERE id = $1 AND state = 'dead' RETURNING id::int AS id, state`,
    [id],
  );
  return row ?? null;
}

/** The operator's view of the queue. */
export async function findFeedStatus(db: Queryable, enabled: boolean): Promise<FeedStatus> {
  const [counts] = (await db.query<{
    deliveredLastHour: number;
    pending: number;
    dead: number;
    oldestPendingAgeS: number | null;
    asOf: Date;
  }>(
    `SELECT
       (SELECT count(*)::int FROM feed_outbox
        WHERE state = 'delivered' AND delivered_at > now() - interval '1 hour') AS "deliveredLastHour",
       (SELECT count(*)::int FROM feed_outbox WHERE state = 'pending') AS pending,
       (SELECT count(*)::int FROM feed_outbox WHERE state = 'dead') AS dead,
       (SELECT floor(extract(epoch FROM now() - min(created_at)))::int FROM feed_outbox
        WHERE state = 'pending') AS "oldestPendingAgeS",
       now() AS "asOf"`,
  )) as [
    {
      deliveredLastHour: number;
      pending: number;
      dead: number;
      oldestPendingAgeS: number | null;
      asOf: Date;
    },
  ];
  const dead = await db.query<
    Omit<FeedDeadLetter, 'createdAt' | 'lastAttemptAt'> & {
      createdAt: Date;
      lastAttemptAt: Date | null;
    }
  >(
    `SELECT id::int AS id, message_id AS "messageId", kind, event_id::int AS "eventId", attempts,
            last_error AS "lastError", created_at AS "createdAt", last_attempt_at AS "lastAttemptAt"
     FROM feed_outbox WHERE state = 'dead' ORDER BY id DESC LIMIT 50`,
  );
  return {
    enabled,
    deliveredLastHour: counts.deliveredLastHour,
    pending: counts.pending,
    oldestPendingAgeS: counts.oldestPendingAgeS,
    dead: counts.dead,
    deadLetters: dead.map((d) => ({
      ...d,
      createdAt: d.createdAt.toISOString(),
      lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    })),
    asOf: counts.asOf.toISOString(),
  };
}

/**
 * Writes the day's property snapshot to the outbox unless that day's is there already (several
 * processes may try: the message id is unique). `date` is the district's local date.
 * @returns whether this call wrote it
 */
export async function enqueueSnapshotIfDue(db: Queryable, date: string): Promise<boolean> {
  const [exists] = await db.query('SELECT 1 FROM feed_outbox WHERE message_id = $1', [
    `snapshot-${date}`,
  ]);
  if (exists) return false;
  const snapshot = await buildSnapshot(db, date);
  const body = {
    contract: FEED_CONTRACT_VERSION,
    id: `snapshot-${date}`,
    kind: 'property.snapshot',
    createdAt: new Date().toISOString(),
    snapshot,
  };
  const written = await db.query(
    `INSERT INTO feed_outbox (message_id, kind, body) VALUES ($1, 'property.snapshot', $2)
     ON CONFLICT (message_id) DO NOTHING RETURNING id`,
    [body.id, JSON.stringify(body)],
  );
  return written.length === 1;
}

async function buildSnapshot(db: Queryable, date: string): Promise<PropertySnapshot> {
  const point = (alias: string) =>
    `json_build_array(round(ST_X(${alias})::numeric, 6), round(ST_Y(${alias})::numeric, 6))`;
  const compounds = await db.query<PropertySnapshot['compounds'][number]>(
    `SELECT c.id, c.name, c.street_code AS "streetCode", c.community_code AS "communityCode",
            c.grid_code AS "gridCode", c.households, c.coverage_mode AS "coverageMode",
            CASE WHEN e.id IS NULL THEN NULL
                 ELSE json_build_object('id', e.id, 'name', e.name, 'creditCode', e.credit_code) END
              AS enterprise,
            ${point('ST_PointOnSurface(c.geom)')} AS point
     FROM compounds c LEFT JOIN enterprises e ON e.id = c.enterprise_id ORDER BY c.id`,
  );
  const stations = await db.query<PropertySnapshot['stations'][number]>(
    `SELECT id, name, kind, ${point('geom')} AS point FROM stations ORDER BY id`,
  );
  const cameras = await db.query<PropertySnapshot['cameras'][number]>(
    `SELECT id, compound_id AS "compoundId", name, platform_camera_id AS "platformCameraId",
            stream_url AS "streamUrl", ${point('geom')} AS point
     FROM cameras ORDER BY id`,
  );
  const coverageByStreet = await db.query<PropertySnapshot['coverageByStreet'][number]>(
    `SELECT street_code AS "streetCode", count(*)::int AS compounds,
            count(*) FILTER (WHERE coverage_mode <> 'none')::int AS covered,
            round(count(*) FILTER (WHERE coverage_mode <> 'none')::numeric / count(*), 4)::float8 AS share
     FROM compounds GROUP BY street_code ORDER BY street_code`,
  );
  return { date, compounds, stations, cameras, coverageByStreet };
}

/**
 * Registers the demo's video monitoring points in an empty registry: one at every compound with
 * professional service (their gates have cameras under the property contract) and at every third
 * other compound, deterministic, inside each compound.
 * @returns the cameras written
 */
export async function seedCamerasIfEmpty(db: Queryable): Promise<number> {
  const rows = await db.query(
    `INSERT INTO cameras (compound_id, name, platform_camera_id, stream_url, geom)
     SELECT c.id, c.name || '出入口', 'LC-CAM-' || lpad(c.id::text, 6, '0'),
            'rtsp://video.licheng.example/live/' || lpad(c.id::text, 6, '0'),
            ST_PointOnSurface(c.geom)
     FROM compounds c
     WHERE NOT EXISTS (SELECT 1 FROM cameras)
       AND (c.coverage_mode = 'professional' OR c.id % 3 = 0)
     ORDER BY c.id
     RETURNING id`,
  );
  return rows.length;
}
