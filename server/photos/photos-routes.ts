import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import { Router } from 'express';
import { fileTypeFromBuffer } from 'file-type';
import multer from 'multer';
import { z } from 'zod';
import { PHOTO_STAGES, PHOTO_TYPES, type PhotoType } from '../../common/grievances.ts';
import { forbidden, requireLogin } from '../auth/auth-routes.ts';
import { canRead, canReport, type Principal } from '../auth/principal.ts';
import type { Db } from '../db.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import { findEvent } from '../grievances/grievances-read-queries.ts';
import { idParamSchema } from '../grievances/grievances-schemas.ts';
import { parseInput } from '../validation.ts';
import type { PhotoStore } from './photo-store.ts';
import { countPhotos, findPhoto, insertPhoto, listPhotos } from './photos-queries.ts';

export const PHOTO_DEFAULTS = {
  perEventMax: 20, // a handler documents a case in a few shots; more is a runaway client
  fieldMaxBytes: 100, // the only text field is the stage
};

export const photoFieldsSchema = z
  .object({
    stage: z
      .enum(PHOTO_STAGES, { error: `expected one of: ${PHOTO_STAGES.join(', ')}` })
      .default('progress'),
  })
  .strict();

export const photoIdParamSchema = idParamSchema.extend({ photoId: idParamSchema.shape.id });

const EXTENSIONS: Record<PhotoType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

const actorOf = (p: Principal) => (p.kind === 'user' ? p.username : `api:${p.name}`);

/**
 * POST /api/events/{id}/photos (multipart field `photo`, and `stage`), GET /api/events/{id}/photos,
 * GET /api/events/{id}/photos/{photoId}: photo evidence, for those who may read the event.
 */
export function photosRouter(db: Db, store: PhotoStore, maxBytes: number): Router {
  const router = Router();
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 1, fieldSize: PHOTO_DEFAULTS.fieldMaxBytes },
  }).single('photo');

  router.post('/api/events/:id/photos', requireLogin, async (req, res) => {
    const p = req.principal!;
    const event = await readableEvent(p, parseInput(idParamSchema, req.params).id);
    if (!canReport(p)) throw forbidden(`Role ${roleOf(p)} may not attach photos`);
    // the caller is checked before a byte of the upload is read
    await receive(upload, req, res, maxBytes);
    if (!req.file) {
      throw badRequest('photo', 'photo: expected one image file in the multipart field "photo"');
    }
    const { stage } = parseInput(photoFieldsSchema, req.body ?? {}, 'body');
    const contentType = await sniffPhotoType(req.file.buffer);
    const n = await countPhotos(db, event.id);
    if (n >= PHOTO_DEFAULTS.perEventMax) {
      throw new AppError(
        409,
        'conflict',
        `photo: event ${event.id} already holds ${n} photos; at most ${PHOTO_DEFAULTS.perEventMax}`,
        'photo',
      );
    }
    const storageKey = await store.put(req.file.buffer, EXTENSIONS[contentType]);
    const photo = await insertPhoto(db, {
      eventId: event.id,
      stage,
      contentType,
      bytes: req.file.size,
      sha256: crypto.createHash('sha256').update(req.file.buffer).digest('hex'),
      storageKey,
      uploadedBy: actorOf(p),
    });
    res.status(201).json(photo);
  });

  router.get('/api/events/:id/photos', requireLogin, async (req, res) => {
    const event = await readableEvent(req.principal!, parseInput(idParamSchema, req.params).id);
    res.json(await listPhotos(db, event.id));
  });

  router.get('/api/events/:id/photos/:photoId', requireLogin, async (req, res) => {
    const { id, photoId } = parseInput(photoIdParamSchema, req.params);
    await readableEvent(req.principal!, id);
    const photo = await findPhoto(db, id, photoId);
    const bytes = photo && (await store.get(photo.storageKey));
    if (!photo || !bytes) throw notFound(`Unknown photo id: ${photoId} of event ${id}`);
    res
      .type(photo.contentType)
      .set('Cache-Control', 'private, max-age=86400, immutable')
      .set('Content-Disposition', 'inline')
      .send(bytes);
  });

  async function readableEvent(p: Principal, id: number) {
    const event = await findEvent(db, id);
    // outside scope reads as absent, so ids do not leak across areas
    if (!event || !canRead(p, event)) throw notFound(`Unknown event id: ${id}`);
    return event;
  }

  return router;
}

const roleOf = (p: Principal) => (p.kind === 'user' ? p.role : p.kind);

/** The photo's type from its first bytes (file-type), never from its name or Content-Type. */
async function sniffPhotoType(bytes: Buffer): Promise<PhotoType> {
  const found = await fileTypeFromBuffer(bytes);
  const mime = found?.mime as PhotoType | undefined;
  if (mime && PHOTO_TYPES.includes(mime)) return mime;
  throw new AppError(
    415,
    'unsupported_media_type',
    `photo: expected a JPEG, PNG or WebP image; the file is ${found?.mime ?? 'of no known type'}`,
    'photo',
  );
}

/** Runs multer's parser; its failures become 413 (too large) or 400 naming the field. */
function receive(
  upload: ReturnType<ReturnType<typeof multer>['single']>,
  req: Request,
  res: Response,
  maxBytes: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    upload(req, res, (err: unknown) => {
      if (!err) resolve();
      else if (!(err instanceof multer.MulterError)) {
        reject(badRequest('body', `body: not a readable multipart form (${String(err)})`));
      } else if (err.code === 'LIMIT_FILE_SIZE') {
        reject(
          new AppError(
            413,
            'payload_too_large',
            `photo: at most ${maxBytes} bytes (resize it on the device first)`,
            'photo',
          ),
        );
      } else {
        const field = err.field ?? 'body';
        reject(
          badRequest(field, `${field}: ${err.message}; expected one file "photo" and "stage"`),
        );
      }
    });
  });
}
