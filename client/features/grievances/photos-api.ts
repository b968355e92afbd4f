import { useEffect, useState } from 'react';
import type { ApiResult } from '../../../common/errors.ts';
import type { EventPhoto, PhotoStage } from '../../../common/grievances.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { useApiQuery, type ApiState } from '../../lib/use-api-query.ts';

export const PHOTO_DEFAULTS = {
  maxEdge: 1600, // px on the longer side: legible evidence at ≈ 0.2–0.4 MB
  quality: 0.82, // JPEG quality after resizing
};

/** POST /api/events/{id}/photos: one photo (multipart field `photo`) taken at a stage. */
export function uploadEventPhoto(
  token: string,
  eventId: number,
  photo: Blob,
  stage: PhotoStage,
): Promise<ApiResult<EventPhoto>> {
  const form = new FormData();
  form.append('stage', stage);
  form.append('photo', photo, 'photo.jpg');
  return apiRequest<EventPhoto>(`/api/events/${eventId}/photos`, {
    method: 'POST',
    body: form,
    token,
  });
}

/** GET /api/events/{id}/photos, fetched again with each version of the event (`seq`). */
export function useEventPhotos(
  token: string,
  eventId: number,
  seq: number,
  uploads: number,
): ApiState<EventPhoto[]> {
  return useApiQuery({
    queryKey: ['events', eventId, 'photos', seq, uploads, token],
    fetch: (signal) => apiRequest<EventPhoto[]>(`/api/events/${eventId}/photos`, { token, signal }),
    keepPrevious: true,
  });
}

/**
 * An object URL for a photo the API serves only with a login (an <img src> sends no token);
 * revoked when the component lets it go. null while loading or when it failed.
 */
export function usePhotoObjectUrl(token: string, url: string): string | null {
  const [objectUrl, setObjectUrl] = useState<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    let created: string | null = null;
    fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal })
      .then((res) => (res.ok ? res.blob() : null))
      .then((blob) => {
        if (!blob) return;
        created = URL.createObjectURL(blob);
        setObjectUrl(created);
      })
      .catch(() => undefined); // aborted or offline: the thumbnail stays a placeholder
    return () => {
      abort.abort();
      if (created) URL.revokeObjectURL(created);
    };
  }, [token, url]);
  return objectUrl;
}

/**
 * A photo from the camera or gallery made small on the device: at most PHOTO_DEFAULTS.maxEdge px
 * on its longer side, re-encoded as JPEG (which also drops its EXIF, location included).
 */
export async function resizePhoto(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, PHOTO_DEFAULTS.maxEdge / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The photo could not be encoded'))),
      'image/jpeg',
      PHOTO_DEFAULTS.quality,
    ),
  );
}
