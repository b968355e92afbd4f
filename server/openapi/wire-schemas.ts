import { z } from 'zod';
import { REGISTER_AUDIT_ACTIONS, type RegisterAuditEntry } from '../../common/register-audit.ts';
import { ERROR_CODES, type ApiError } from '../../common/errors.ts';
import type { Position } from '../../common/geo.ts';

// Zod schemas of the building blocks the answers share (GeoJSON, units, timestamps, the error
// body). The domains' contracts (server/*/*-contract.ts) compose them; each schema is checked
// against its common/ type with `satisfies`, so the published contract cannot drift from the code.

export const int = () => z.number().int();
export const count = () => z.number().int().min(0);
export const share = () => z.number().min(0).max(1);
/** an instant as the API writes it: ISO 8601 with a zone (toISOString gives Z) */
export const timestamp = () => z.iso.datetime({ offset: true });
export const isoDate = () => z.iso.date();
export const streetCode = () => z.string().regex(/^\d{12}$/);

export const lngLatSchema = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
  .meta({ id: 'LngLat', description: '[lng, lat] in WGS84 (EPSG:4326)' }) satisfies z.ZodType<
  [number, number]
>;

const position = z.tuple([z.number(), z.number()]) satisfies z.ZodType<Position>;
const ring = z.array(position).min(4);

export const pointSchema = z.object({ type: z.literal('Point'), coordinates: position });
export const polygonSchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(ring) });
export const multiPolygonSchema = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(ring)),
});

/** A GeoJSON FeatureCollection (RFC 7946) of one geometry type and one properties shape. */
export function featureCollectionSchema<G extends z.ZodType, P extends z.ZodType>(
  geometry: G,
  properties: P,
) {
  return z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.union([z.string(), z.number()]).optional(),
        geometry,
        properties,
      }),
    ),
  });
}

export const unitRefSchema = z.object({ code: z.string(), name: z.string() });

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      field: z.string().optional().meta({ description: 'the offending parameter or body field' }),
      checks: z
        .array(
          z.object({
            rule: z.string(),
            section: z.string().optional(),
            words: z.string().optional(),
            figures: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
          }),
        )
        .optional()
        .meta({
          description:
            'the rules behind a refusal (422, a compound footprint’s 400): rule id, the plan’s section and words, the figures, for a client to word in its own locale',
        }),
    }),
    requestId: z.string().meta({
      description: 'the request’s id, as in the `X-Request-Id` answer header and the server’s logs',
    }),
  })
  .meta({
    id: 'ApiError',
    description: 'The body of every 4xx and 5xx answer.',
  }) satisfies z.ZodType<ApiError>;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'A parameter or body field is malformed or out of range; `error.field` names it.',
  401: 'Not logged in (send `Authorization: Bearer <token>`), or bad credentials.',
  403: 'Logged in, but outside your role or scope.',
  404: 'No such resource (or not one you may read).',
  409: 'Not allowed in the resource’s current state, or a stale version.',
  413: 'The body exceeds the size limit.',
  415: 'An upload is not of an accepted type (sniffed from its bytes); the message names them.',
  422: 'The change breaks one of the plan’s rules; the message quotes the rule’s words and section.',
  429: 'Too many requests; retry after the `Retry-After` header.',
  503: 'The database is unavailable; retry shortly.',
};

/** The error answers an operation may give, each with the ApiError body. */
export function errorResponses(...statuses: (keyof typeof ERROR_DESCRIPTIONS)[]) {
  return Object.fromEntries(
    [...statuses, 503].map((status) => [
      String(status),
      {
        description: ERROR_DESCRIPTIONS[status]!,
        content: { 'application/json': { schema: apiErrorSchema } },
      },
    ]),
  );
}

/** A 200 (or other) answer with a JSON body. */
export function jsonResponse(description: string, schema: z.ZodType, status = '200') {
  return { [status]: { description, content: { 'application/json': { schema } } } };
}

/** Who may call an operation: anyone, a logged-in user, or a user or the integration key. */
type Security = Record<string, string[]>[];
export const ANYONE: Security = [];
export const USER: Security = [{ bearer: [] }];
export const USER_OR_KEY: Security = [{ bearer: [] }, { apiKey: [] }];

/** One change in a register's audit trail (GET …/{id}/history). */
export const auditEntrySchema = z
  .object({
    at: timestamp(),
    actor: z.string(),
    action: z.enum(REGISTER_AUDIT_ACTIONS),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()),
    reason: z.string().nullable(),
  })
  .meta({ id: 'RegisterAuditEntry' }) satisfies z.ZodType<RegisterAuditEntry>;
