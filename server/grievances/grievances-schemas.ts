import { z } from 'zod';
import {
  CATEGORIES,
  CHANNELS,
  EVENT_ACTIONS,
  EVENT_STATES,
  GRADES,
} from '../../common/grievances.ts';

// Input limits, named in every 4xx message so a client knows the accepted range.
export const LIMITS = {
  descriptionMax: 2000,
  photosMax: 9,
  urlMax: 2048,
  nameMax: 50,
  keyMax: 128,
  noteMax: 1000,
};

/** A phone number as the reporter model keeps it: 5–20 digits, spaces or dashes, a leading +. */
export const phoneSchema = z
  .string({ error: 'expected a phone number of 5–20 digits' })
  .regex(/^\+?[0-9 -]{5,20}$/, { error: 'expected a phone number of 5–20 digits' });

const HTTP_URL_ERROR = `expected an http(s) URL of at most ${LIMITS.urlMax} characters`;

/** A photo or media link: an http(s) URL of at most LIMITS.urlMax characters. */
export const httpUrlSchema = z
  .url({ protocol: /^https?$/, error: HTTP_URL_ERROR })
  .max(LIMITS.urlMax, { error: HTTP_URL_ERROR });

const finite = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be a number in [${min}, ${max}]` })
    .min(min, { error: `${name} must be in [${min}, ${max}]` })
    .max(max, { error: `${name} must be in [${min}, ${max}]` });

export const reportEventSchema = z
  .object({
    channel: z.enum(CHANNELS, { error: `expected one of: ${CHANNELS.join(', ')}` }),
    category: z.enum(CATEGORIES, { error: `expected one of: ${CATEGORIES.join(', ')}` }),
    description: z
      .string({ error: 'expected text' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(LIMITS.descriptionMax, { error: `at most ${LIMITS.descriptionMax} characters` }),
    location: z.union(
      [
        z.object({ lng: finite('lng', -180, 180), lat: finite('lat', -90, 90) }).strict(),
        z.object({ compoundId: z.number().int().positive() }).strict(),
      ],
      { error: 'expected {lng, lat} (WGS84) or {compoundId}' },
    ),
    reporter: z
      .object({
        name: z
          .string()
          .trim()
          .max(LIMITS.nameMax, { error: `at most ${LIMITS.nameMax} characters` })
          .optional(),
        phone: phoneSchema.optional(),
      })
      .strict()
      .optional(),
    photos: z
      .array(httpUrlSchema)
      .max(LIMITS.photosMax, { error: `at most ${LIMITS.photosMax} photos` })
      .optional(),
    idempotencyKey: z
      .string()
      .min(1)
      .max(LIMITS.keyMax, { error: `at most ${LIMITS.keyMax} characters` })
      .optional(),
  })
  .strict();

export const transitionSchema = z
  .object({
    action: z.enum(EVENT_ACTIONS, { error: `expected one of: ${EVENT_ACTIONS.join(', ')}` }),
    note: z
      .string()
      .max(LIMITS.noteMax, { error: `at most ${LIMITS.noteMax} characters` })
      .optional(),
    assignee: z.string().trim().min(1).max(LIMITS.nameMax).optional(),
    /** reroute: the grid the event really belongs to */
    gridCode: z
      .string()
      .regex(/^\d{15}$/, { error: 'expected a 15-digit grid code' })
      .optional(),
  })
  .strict();

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(
      z.array(
        z.enum(values, { error: `expected a comma-separated subset of: ${values.join(', ')}` }),
      ),
    );

export const listEventsSchema = z
  .object({
    state: csv(EVENT_STATES).optional(),
    grade: csv(GRADES).optional(),
    category: csv(CATEGORIES).optional(),
    overdue: z.enum(['true', 'false'], { error: 'expected true or false' }).optional(),
    limit: z.coerce.number().int().min(1).max(1000, { error: 'expected 1..1000' }).default(200),
  })
  .strict();

export const idParamSchema = z.object({
  id: z.coerce
    .number({ error: 'expected a positive integer event id' })
    .int({ error: 'expected a positive integer event id' })
    .min(1, { error: 'expected a positive integer event id' })
    .max(2 ** 53, { error: 'expected a positive integer event id' }),
});

/** The Idempotency-Key header of a workflow action: 1–128 visible ASCII characters. */
export const idempotencyKeyHeaderSchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,128}$/, {
    error: `expected 1–${LIMITS.keyMax} visible ASCII characters`,
  })
  .optional();
