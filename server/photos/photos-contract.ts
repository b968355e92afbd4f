import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { PHOTO_STAGES, PHOTO_TYPES, type EventPhoto } from '../../common/grievances.ts';
import { errorResponses, int, jsonResponse, timestamp, USER } from '../openapi/wire-schemas.ts';
import { idParamSchema } from '../grievances/grievances-schemas.ts';
import { photoIdParamSchema } from './photos-routes.ts';

export const eventPhotoSchema = z
  .object({
    id: int(),
    eventId: int(),
    stage: z.enum(PHOTO_STAGES),
    contentType: z.enum(PHOTO_TYPES),
    bytes: int(),
    uploadedBy: z.string(),
    uploadedAt: timestamp(),
    url: z.string().meta({ description: 'the photo’s bytes (GET, with a login)' }),
  })
  .meta({ id: 'EventPhoto' }) satisfies z.ZodType<EventPhoto>;

const uploadSchema = z.object({
  photo: z.string().meta({
    format: 'binary',
    description: 'one JPEG, PNG or WebP image (its type sniffed from its bytes)',
  }),
  stage: z.enum(PHOTO_STAGES).optional().meta({ description: 'default progress' }),
});

const imageContent = Object.fromEntries(
  PHOTO_TYPES.map((type) => [type, { schema: z.string().meta({ description: 'the image' }) }]),
);

export const photosPaths: ZodOpenApiPathsObject = {
  '/api/events/{id}/photos': {
    post: {
      tags: ['events'],
      summary: 'Attach a photo to an event (handlers who may read it)',
      description:
        'multipart/form-data with one file `photo` (at most PHOTO_MAX_BYTES: 413) and an optional `stage`. The type is sniffed from the bytes: anything but JPEG, PNG or WebP is a 415 naming `photo`. At most 20 photos per event (409).',
      security: USER,
      requestParams: { path: idParamSchema },
      requestBody: { content: { 'multipart/form-data': { schema: uploadSchema } } },
      responses: {
        ...jsonResponse('Stored', eventPhotoSchema, '201'),
        ...errorResponses(400, 401, 403, 404, 409, 413, 415),
      },
    },
    get: {
      tags: ['events'],
      summary: 'An event’s photos, oldest first',
      security: USER,
      requestParams: { path: idParamSchema },
      responses: {
        ...jsonResponse('The photos', z.array(eventPhotoSchema)),
        ...errorResponses(400, 401, 404),
      },
    },
  },
  '/api/events/{id}/photos/{photoId}': {
    get: {
      tags: ['events'],
      summary: 'A photo’s bytes, to those who may read the event (404 otherwise)',
      security: USER,
      requestParams: { path: photoIdParamSchema },
      responses: {
        '200': { description: 'The image', content: imageContent },
        ...errorResponses(400, 401, 404),
      },
    },
  },
};
