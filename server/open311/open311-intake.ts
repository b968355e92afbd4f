import crypto from 'node:crypto';
import type { Category, ReportEventInput } from '../../common/grievances.ts';
import type { Queryable } from '../db.ts';
import { badRequest } from '../errors.ts';
import { LIMITS, reportEventSchema } from '../grievances/grievances-schemas.ts';
import { parseInput } from '../validation.ts';
import {
  readAttributeAnswers,
  readLocation,
  reporterName,
  type Open311Form,
} from './open311-input.ts';
import { findCompoundsNamedIn } from './open311-queries.ts';
import { readAttributes, type ServiceRow } from './open311-services.ts';

/** An Open311 request's idempotency key is this prefix and its token (a digest of the form). */
export const TOKEN_PREFIX = 'open311:';

/**
 * A POST requests form as an intake: location resolved (lat/long, or the compound address_string
 * names), attributes checked and appended as lines, personal data kept apart, keyed by a digest
 * of the form. Then the intake's own rules, as for POST /api/events.
 */
export async function toIntakeInput(
  db: Queryable,
  service: ServiceRow,
  form: Open311Form,
  body: Record<string, unknown>,
): Promise<ReportEventInput> {
  const location = readLocation(form);
  const attributeLines = readAttributes(service.code, readAttributeAnswers(body));
  const point: ReportEventInput['location'] =
    location.kind === 'point'
      ? { lng: location.lng, lat: location.lat }
      : await compoundNamedIn(db, location.addressString);
  const lines = [
    form.description ?? service.nameZh,
    ...(location.kind === 'point' && location.addressString
      ? [`地址：${location.addressString}`]
      : []),
    ...attributeLines,
  ];
  const description = lines.join('\n');
  if ([...description].length > LIMITS.descriptionMax) {
    throw badRequest(
      'description',
      `description: at most ${LIMITS.descriptionMax} characters are stored, with the address and attribute lines appended`,
    );
  }
  const name = reporterName(form.first_name, form.last_name);
  if (name && [...name].length > LIMITS.nameMax) {
    throw badRequest('first_name', `first_name, last_name: at most ${LIMITS.nameMax} characters`);
  }
  const { phone, media_url: mediaUrl } = form;
  // email and device_id are not kept: the reporter model holds a name and a phone
  const input: ReportEventInput = {
    channel: 'open311',
    category: service.code as Category,
    description,
    location: point,
    ...(name || phone
      ? { reporter: { ...(name ? { name } : {}), ...(phone ? { phone } : {}) } }
      : {}),
    ...(mediaUrl ? { photos: [mediaUrl] } : {}),
    idempotencyKey: TOKEN_PREFIX + contentDigest(body),
  };
  return parseInput(reportEventSchema, input, 'body') as ReportEventInput;
}

/** The compound an address_string names: exactly one, the longest name found in it. */
async function compoundNamedIn(
  db: Queryable,
  addressString: string,
): Promise<{ compoundId: number }> {
  const found = await findCompoundsNamedIn(db, addressString);
  if (found.length === 0) {
    throw badRequest(
      'address_string',
      'address_string: names no residential compound of Licheng District; send lat and long (WGS84)',
    );
  }
  if (found.length > 1 && [...found[0]!.name].length === [...found[1]!.name].length) {
    throw badRequest(
      'address_string',
      `address_string: names more than one compound (${found[0]!.name}, ${found[1]!.name}); send lat and long`,
    );
  }
  return { compoundId: found[0]!.id };
}

/**
 * A resubmitted form (a client retrying after a lost answer) is the same request: the key is a
 * digest of every field but the api_key and jurisdiction_id, empty ones dropped.
 */
export function contentDigest(body: Record<string, unknown>): string {
  const fields = Object.entries(body)
    .filter(([k]) => k !== 'api_key' && k !== 'jurisdiction_id')
    .map(([k, v]): [string, string[]] => [
      k,
      (Array.isArray(v) ? v : [v]).map((x) => String(x).trim()).filter(Boolean),
    ])
    .filter(([, v]) => v.length > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return crypto.createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 32);
}
