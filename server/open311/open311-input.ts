import { OPEN311_STATUSES, type Open311Status } from '../../common/open311.ts';
import { badRequest } from '../errors.ts';

// Reads Open311 form fields and query parameters. The spec's rule for optional arguments: an empty
// parameter is the same as an absent one. Pure: no I/O.

/** How GET requests is bounded (the spec's "Response Volume"). */
export const OPEN311_LIMITS = {
  windowDays: 90, // default and widest start_date..end_date span
  maxResults: 1000, // first 1000 requests, newest first
  descriptionMax: 4000, // the spec's limit on description; our store is tighter (LIMITS.descriptionMax)
};

type Params = Record<string, unknown>;

/** One parameter: trimmed, '' = absent; repeated = 400 (only lists and attributes may repeat). */
export function single(params: Params, name: string): string | undefined {
  const v = params[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badRequest(name, `${name}: expected a single value`);
  const t = v.trim();
  return t === '' ? undefined : t;
}

/** A list parameter, repeated and/or comma delimited; undefined when nothing is left. */
export function list(params: Params, name: string): string[] | undefined {
  const v = params[name];
  if (v === undefined || v === null) return undefined;
  const raw = Array.isArray(v) ? v : [v];
  if (raw.some((x) => typeof x !== 'string')) throw badRequest(name, `${name}: expected text`);
  const items = (raw as string[]).flatMap((s) => s.split(',')).map((s) => s.trim());
  const kept = items.filter(Boolean);
  return kept.length ? [...new Set(kept)] : undefined;
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

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * The location parameter: lat & long, or address_string. address_id names an address in a
 * master address repository, which we do not have: alone it is refused with 400.
 */
export function readLocation(body: Params): Open311Location {
  const lat = single(body, 'lat');
  const long = single(body, 'long');
  const addressString = single(body, 'address_string');
  if (lat !== undefined || long !== undefined) {
    if (lat === undefined || long === undefined) {
      const missing = lat === undefined ? 'lat' : 'long';
      throw badRequest(missing, `${missing}: lat and long must both be sent`);
    }
    return {
      kind: 'point',
      lat: coordinate('lat', lat, 90),
      lng: coordinate('long', long, 180),
      ...(addressString ? { addressString } : {}),
    };
  }
  if (addressString) return { kind: 'address', addressString };
  if (single(body, 'address_id') !== undefined) {
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

function coordinate(name: string, text: string, bound: number): number {
  const n = Number(text);
  if (!DECIMAL.test(text) || !Number.isFinite(n) || n < -bound || n > bound) {
    throw badRequest(name, `${name}: expected a decimal number in [-${bound}, ${bound}] (WGS84)`);
  }
  return n;
}

/** The reporter's name from first_name and last_name: 张 + 三 → 张三; John + Smith → John Smith. */
export function reporterName(first?: string, last?: string): string | undefined {
  if (!first && !last) return undefined;
  if (first && last && /^\p{Script=Han}+$/u.test(first + last)) return last + first;
  return [first, last].filter(Boolean).join(' ');
}

export type RequestsQuery =
  { ids: number[] } | { serviceCodes?: string[]; statuses?: Open311Status[]; from: Date; to: Date };

/**
 * GET requests parameters. service_request_id overrides all other arguments; otherwise the window
 * is start_date..end_date, at most 90 days, defaulting to the most recent 90 days.
 */
export function readRequestsQuery(query: Params, now: Date): RequestsQuery {
  const ids = list(query, 'service_request_id');
  if (ids) {
    const bad = ids.find((id) => !/^[1-9]\d{0,14}$/.test(id));
    if (bad !== undefined) {
      throw badRequest(
        'service_request_id',
        `service_request_id: ${bad} is not a request id (positive integers, comma delimited)`,
      );
    }
    if (ids.length > OPEN311_LIMITS.maxResults) {
      throw badRequest(
        'service_request_id',
        `service_request_id: at most ${OPEN311_LIMITS.maxResults} ids`,
      );
    }
    return { ids: ids.map(Number) };
  }
  const statuses = list(query, 'status');
  const unknown = statuses?.find((s) => !(OPEN311_STATUSES as readonly string[]).includes(s));
  if (unknown !== undefined) {
    throw badRequest('status', `status: unknown status ${unknown}; expected open, closed`);
  }
  const start = date(query, 'start_date');
  const end = date(query, 'end_date');
  const span = OPEN311_LIMITS.windowDays * 86400_000;
  const to = end ?? (start ? new Date(start.getTime() + span) : now);
  const from = start ?? new Date(to.getTime() - span);
  if (to < from) throw badRequest('end_date', 'end_date: before start_date');
  if (to.getTime() - from.getTime() > span) {
    throw badRequest(
      'end_date',
      `end_date: start_date..end_date may not span more than ${OPEN311_LIMITS.windowDays} days`,
    );
  }
  return {
    serviceCodes: list(query, 'service_code'),
    statuses: statuses as Open311Status[] | undefined,
    from,
    to,
  };
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

function date(query: Params, name: string): Date | undefined {
  const text = single(query, name);
  if (text === undefined) return undefined;
  const d = parseW3cDate(text);
  if (!d) {
    throw badRequest(
      name,
      `${name}: expected a W3C date-time with a timezone, e.g. 2010-01-01T00:00:00Z`,
    );
  }
  return d;
}
