import type { EventPhoto, PhotoStage, PhotoType } from '../../common/grievances.ts';
import type { Queryable } from '../db.ts';

const PHOTO_FIELDS = `p.id::int AS id, p.event_id::int AS "eventId", p.stage,
  p.content_type AS "contentType", p.bytes, p.uploaded_by AS "uploadedBy",
  to_char(p.uploaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "uploadedAt"`;

type PhotoRow = Omit<EventPhoto, 'url'>;

const withUrl = (row: PhotoRow): EventPhoto => ({
  ...row,
  url: `/api/events/${row.eventId}/photos/${row.id}`,
});

/** Records a stored photo. */
export async function insertPhoto(
  db: Queryable,
  photo: {
    eventId: number;
    stage: PhotoStage;
    contentType: PhotoType;
    bytes: number;
    sha256: string;
    storageKey: string;
    uploadedBy: string;
  },
): Promise<EventPhoto> {
  const [row] = await db.query<PhotoRow>(
    `INSERT INTO event_photos (event_id, stage, content_type, bytes, sha256, storage_key, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING ${PHOTO_FIELDS.replaceAll('p.', '')}`,
    [
      photo.eventId,
      photo.stage,
      photo.contentType,
      photo.bytes,
      photo.sha256,
      photo.storageKey,
      photo.uploadedBy,
    ],
  );
  return withUrl(row!);
}

/** An event's photos, oldest first. */
export async function listPhotos(db: Queryable, eventId: number): Promise<EventPhoto[]> {
  const rows = await db.query<PhotoRow>(
    `SELECT ${PHOTO_FIELDS} FROM event_photos p WHERE p.event_id = $1 ORDER BY p.id`,
    [eventId],
  );
  return rows.map(withUrl);
}

/** One of an event's photos with where its bytes are; null if the event has no such photo. */
export async function findPhoto(
  db: Queryable,
  eventId: number,
  photoId: number,
): Promise<(EventPhoto & { storageKey: string }) | null> {
  const [row] = await db.query<PhotoRow & { storageKey: string }>(
    `SELECT ${PHOTO_FIELDS}, p.storage_key AS "storageKey" FROM event_photos p
     WHERE p.event_id = $1 AND p.id = $2`,
    [eventId, photoId],
  );
  return row ? { ...withUrl(row), storageKey: row.storageKey } : null;
}

/** How many photos an event holds. */
export async function countPhotos(db: Queryable, eventId: number): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM event_photos WHERE event_id = $1',
    [eventId],
  );
  return row!.n;
}
