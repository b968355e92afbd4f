import { z } from 'zod';
import { OPEN311_STATUSES, type Open311Status } from '../../common/open311.ts';
import { badRequest } from '../errors.ts';
import { httpUrlSchema, phoneSchema } from '../grievances/grievances-schemas.ts';

// Reads Open311 form fields and query parameters with zod. The spec's rule for optional arguments:
// an empty parameter is the same as an absent one. Pure: no I/O.

/** How GET requests is bounded (the spec's "Response Volume"). */
export const OPEN311_LIMITS = {
  windowDays: 90, // default and widest start_date..end_date span
  maxResults: 1000, // first 1000 requests, newest first
  descriptionMax: 4000, // the spec's limit on description; our store is tighter (LIMITS.descriptionMax)
};

type Params = Record<string, unknown>;

// '' (after trimming) is absent, as is null
const blankToAbsent = (v: unknown) =>
  v === null ? undefined : typeof v === 'string' ? v.trim() || undefined : v;

/** One text parameter: trimmed, '' = absent; repeated = 400 (only lists and attributes may repeat). */
const text = z.string({ error: 'expected a single value' });

/** An optional parameter read with `schema` once blank values are taken as absent. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToAbsent, schema.optional());

/** A list parameter, repeated and/or comma delimited, trimmed, blanks and repeats dropped. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => {
      if (v === undefined || v === null) return undefined;
      const raw = Array.isArray(v) ? v : [v];
      if (raw.some((x) => typeof x !== 'string')) return v; // refused below
      const kept = (raw as string[]).flatMap((s) => s.split(',')).map((s) => s.trim());
      const items = [...new Set(kept.filter(Boolean))];
      return items.length ? items : undefined;
    },
    z.array(item, { error: 'expected text' }).optional(),
  );

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

/** A WGS84 coordinate in [-bound, bound], written as a plain decimal number. */
const coordinate = (bound: number) => {
  const error = `expected a decimal number in [-${bound}, ${bound}] (WGS84)`;
  return text
    .regex(DECIMAL, { error })
    .transform(Number)
    .pipe(z.number().min(-bound, { error }).max(bound, { error }));
};

/** A W3C date or date-time with its timezone (parseW3cDate), as a Date. */
const w3cDate = text.transform((t, ctx) => {
  const d = parseW3cDate(t);
  if (d) return d;
  ctx.issues.push({
    code: 'custom',
    input: t,
    message: 'expected a W3C date-time with a timezone, e.g. 2010-01-01T00:00:00Z',
  });
  return z.NEVER;
});

const REQUEST_ID = /^[1-9]\d{0,14}$/;

/** The fields of a POST requests form this platform reads (the others are ignored). */
export const open311FormSchema = z.object({
  api_key: optional(text),
  service_code: optional(text),
  lat: optional(coordinate(90)),
  long: optional(coordinate(180)),
  address_string: optional(text),
  address_id: optional(text),
  description: optional(
    text.refine((t) => [...t].length <= OPEN311_LIMITS.descriptionMax, {
      error: `at most ${OPEN311_LIMITS.descriptionMax} characters`,
    }),
  ),
  first_name: optional(text),
  last_name: optional(text),
  phone: optional(phoneSchema),
  media_url: optional(httpUrlSchema),
  account_id: optional(text),
});

export type Open311Form = z.infer<typeof open311FormSchema>;

/**
 * Parameters read with a schema, or a 400 naming the first bad parameter (by its name: a list's
 * item is its parameter's fault) and what it accepts. What PostgreSQL cannot store was refused
 * before (rejectUnstorableRequest).
 */
function parseParams<S extends z.ZodType>(schema: S, params: Params, where: string): z.infer<S> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length ? String(issue.path[0]) : where;
  throw badRequest(field, `${field}: ${issue.message}`);
}

/** A POST requests form's fields, or a 400 naming the first bad one. */
export function readForm(body: Params): Open311Form {
  return parseParams(open311FormSchema, body, 'body');
}

/** One parameter: trimmed, '' = absent; repeated = 400 (only lists and attributes may repeat). */
export function single(params: Params, name: string): string | undefined {
  return parseParams(z.object({ [name]: optional(text) }), params, 'body')[name] as
    string | undefined;
}

/** attribute[code]=v and attribute[code][]=v1&attribute[code][]=v2, by code. */
export function readAttributeAnswers(body: Params): Map<string, string[]> {
  const answers = new Map<string, string[]>();
  for (const [key, value] of Object.entries(body)) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (!m) continue;
    const values = (Array.isArray(value) ? value : [value])
      .filter((v): v is string => typeof v === 'string')
      .map((v) => v.trim())
      .filter(Boolean);
    answers.set(m[1]!, [...(answers.get(m[1]!) ?? []), ...values]);
  }
  return answers;
}

export type Open311Location =
  | { kind: 'point'; lng: number; lat: number; addressString?: string }
  | { kind: 'address'; addressString: string };

/**
 * The location parameter: lat & long, or address_string. address_id names an address in a
 * master address repository, which we do not have: alone it is refused with 400.
 */
export function readLocation(form: Open311Form): Open311Location {
  const { lat, long, address_string: addressString } = form;
  if (lat !== undefined || long !== undefined) {
    if (lat === undefined || long === undefined) {
      const missing = lat === undefined ? 'lat' : 'long';
      throw badRequest(missing, `${missing}: lat and long must both be sent`);
    }
    return { kind: 'point', lat, lng: long, ...(addressString ? { addressString } : {}) };
  }
  if (addressString) return { kind: 'address', addressString };
  if (form.address_id !== undefined) {
    throw badRequest(
      'address_id',
      'address_id: not supported (no master address repository); send lat and long (WGS84) or address_string',
    );
  }
  throw badRequest(
    'lat',
    'A full location parameter must be submitted: lat and long (WGS84), or address_string',
  );
}

/** The reporter's name from first_name and last_name: 张 + 三 → 张三; John + Smith → John Smith. */
export function reporterName(first?: string, last?: string): string | undefined {
  if (!first && !last) return undefined;
  if (first && last && /^\p{Script=Han}+$/u.test(first + last)) return last + first;
  return [first, last].filter(Boolean).join(' ');
}

export type RequestsQuery =
  { ids: number[] } | { serviceCodes?: string[]; statuses?: Open311Status[]; from: Date; to: Date };

const idsQuerySchema = z.object({
  service_request_id: listOf(
    text.regex(REQUEST_ID, {
      error: (issue) =>
        `${String(issue.input)} is not a request id (positive integers, comma delimited)`,
    }),
  ).refine((ids) => (ids?.length ?? 0) <= OPEN311_LIMITS.maxResults, {
    error: `at most ${OPEN311_LIMITS.maxResults} ids`,
  }),
});

const filterQuerySchema = z.object({
  service_code: listOf(text),
  status: listOf(
    z.enum(OPEN311_STATUSES, {
      error: (issue) =>
        `unknown status ${String(issue.input)}; expected ${OPEN311_STATUSES.join(', ')}`,
    }),
  ),
  start_date: optional(w3cDate),
  end_date: optional(w3cDate),
});

/**
 * GET requests parameters. service_request_id overrides all other arguments; otherwise the window
 * is start_date..end_date, at most 90 days, defaulting to the most recent 90 days.
 */
export function readRequestsQuery(query: Params, now: Date): RequestsQuery {
  const { service_request_id: ids } = parseParams(idsQuerySchema, query, 'query');
  if (ids) return { ids: ids.map(Number) };
  const q = parseParams(filterQuerySchema, query, 'query');
  const span = OPEN311_LIMITS.windowDays * 86400_000;
  const to = q.end_date ?? (q.start_date ? new Date(q.start_date.getTime() + span) : now);
  const from = q.start_date ?? new Date(to.getTime() - span);
  if (to < from) throw badRequest('end_date', 'end_date: before start_date');
  if (to.getTime() - from.getTime() > span) {
    throw badRequest(
      'end_date',
      `end_date: start_date..end_date may not span more than ${OPEN311_LIMITS.windowDays} days`,
    );
  }
  return { serviceCodes: q.service_code, statuses: q.status, from, to };
}

// the W3C profile of ISO 8601: a date, or a date-time with its timezone (Z or ±hh:mm)
const W3C_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** A W3C date or date-time; a bare date is midnight China time (+08:00). */
export function parseW3cDate(text: string): Date | null {
  const m = W3C_DATE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  // reject what Date would roll over (2024-02-30 → March 1)
  const check = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s));
  if (
    check.getUTCMonth() !== +mo! - 1 ||
    check.getUTCDate() !== +d! ||
    check.getUTCHours() !== +h ||
    check.getUTCMinutes() !== +mi ||
    check.getUTCSeconds() !== +s
  ) {
    return null;
  }
  const parsed = new Date(m[4] === undefined ? `${text}T00:00:00+08:00` : text);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}
