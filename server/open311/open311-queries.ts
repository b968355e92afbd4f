import { CATEGORIES } from '../../common/grievances.ts';
import type { Open311ServiceRequest } from '../../common/open311.ts';
import type { Queryable } from '../db.ts';
import { toOpen311Request, type RequestRow, type ServiceRow } from './open311-services.ts';

/** Every category with its default grade, in the order of CATEGORIES (then any added in the database). */
export async function listServiceRows(db: Queryable): Promise<ServiceRow[]> {
  return db.query<ServiceRow>(
    `SELECT c.code, c.name_zh AS "nameZh", c.name_en AS "nameEn", c.default_grade AS grade,
            g.name_zh AS "gradeName", g.level, g.deadline_hours AS "deadlineHours"
     FROM event_categories c JOIN event_grades g ON g.grade = c.default_grade
     ORDER BY array_position($1::text[], c.code) NULLS LAST, c.code`,
    [CATEGORIES],
  );
}

export type RequestFilter = {
  ids?: number[];
  serviceCodes?: string[];
  states?: string[];
  /** requested_datetime window, inclusive, to the second (the precision we answer with) */
  from?: Date;
  to?: Date;
  limit: number;
};

/** Events as Open311 service requests, newest first. */
export async function findOpen311Requests(
  db: Queryable,
  f: RequestFilter,
): Promise<Open311ServiceRequest[]> {
  const rows = await db.query<RequestRow>(
    `SELECT e.id::int AS id, e.state, e.level, e.grade, gr.name_zh AS "gradeName",
            e.category, c.name_zh AS "serviceName", e.description, e.photos[1] AS "mediaUrl",
            ST_Y(e.geom) AS lat, ST_X(e.geom) AS lng, e.reported_at AS "reportedAt",
            e.updated_at AS "updatedAt", e.deadline,
            -- a public reader may read Open311 requests only: a duplicate filed otherwise is not named
            (SELECT d.id::int FROM events d WHERE d.id = e.duplicate_of AND d.channel = 'open311')
              AS "duplicateOf",
            cp.name AS "compoundName", g.name AS "gridName", cm.name AS "communityName",
            s.name AS "streetName", (SELECT d.name FROM district d LIMIT 1) AS "districtName"
     FROM events e
     JOIN event_categories c ON c.code = e.category
     JOIN event_grades gr ON gr.grade = e.grade
     JOIN grids g ON g.code = e.grid_code
     JOIN communities cm ON cm.code = e.community_code
     JOIN streets s ON s.code = e.street_code
     LEFT JOIN compounds cp ON cp.id = e.compound_id
     -- public reads show what was filed publicly: a hotline caller or a grid patrol did not
     -- publish their report, and descriptions may name people
     WHERE e.channel = 'open311'
       AND ($1::bigint[] IS NULL OR e.id = ANY($1))
       AND ($2::text[] IS NULL OR e.category = ANY($2))
       AND ($3::text[] IS NULL OR e.state = ANY($3))
       AND ($4::timestamptz IS NULL OR e.reported_at >= $4)
       AND ($5::timestamptz IS NULL OR e.reported_at < $5::timestamptz + interval '1 second')
     ORDER BY e.reported_at DESC, e.id DESC
     LIMIT $6`,
    [
      f.ids ?? null,
      f.serviceCodes ?? null,
      f.states ?? null,
      f.from ?? null,
      f.to ?? null,
      f.limit,
    ],
  );
  return rows.map(toOpen311Request);
}

/** The event a caller stored under an idempotency key (an Open311 token), if any. */
export async function findEventIdByKey(
  db: Queryable,
  actor: string,
  key: string,
): Promise<number | null> {
  const [row] = await db.query<{ id: number }>(
    'SELECT id::int AS id FROM events WHERE idempotency_actor = $1 AND idempotency_key = $2',
    [actor, key],
  );
  return row?.id ?? null;
}

/**
 * The compounds whose name appears in a free-text address, longest name first (at most two, to
 * tell a clear match from an ambiguous one).
 */
export async function findCompoundsNamedIn(
  db: Queryable,
  address: string,
): Promise<{ id: number; name: string }[]> {
  return db.query<{ id: number; name: string }>(
    `SELECT id, name FROM compounds WHERE strpos($1, name) > 0
     ORDER BY char_length(name) DESC, id LIMIT 2`,
    [address],
  );
}
