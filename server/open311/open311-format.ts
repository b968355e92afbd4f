import { XMLBuilder } from 'fast-xml-parser';
import type {
  Open311Discovery,
  Open311Error,
  Open311Format,
  Open311Receipt,
  Open311Service,
  Open311ServiceDefinition,
  Open311ServiceRequest,
  Open311TokenAnswer,
} from '../../common/open311.ts';

// Renders Open311 documents as XML or JSON from one typed tree. Pure: no I/O.

/** A document and its XML root element; the JSON form is the body itself (Spark convention). */
export type Open311Document =
  | { root: 'discovery'; body: Open311Discovery }
  | { root: 'services'; body: Open311Service[] }
  | { root: 'service_definition'; body: Open311ServiceDefinition }
  | {
      root: 'service_requests';
      body: Open311Receipt[] | Open311TokenAnswer[] | Open311ServiceRequest[];
    }
  | { root: 'errors'; body: Open311Error[] };

/** The element each item of a list gets in XML, by the list's name. */
export const OPEN311_ITEM_TAGS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

// the spec asks for these content types, with the charset
export const OPEN311_CONTENT_TYPES: Record<Open311Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

const builder = new XMLBuilder({
  ignoreAttributes: false, // only for the declaration's version and encoding
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true, // null and '' become <tag/>
});

// characters XML 1.0 cannot carry at all, even escaped
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Renders a document in the requested format, with its content type.
 *
 * @example
 * renderOpen311({ root: 'errors', body: [{ code: 404, description: 'Unknown service_code: x' }] }, 'json')
 * // => { contentType: 'application/json; charset=utf-8', body: '[{"code":404,"description":"Unknown service_code: x"}]' }
 */
export function renderOpen311(
  doc: Open311Document,
  format: Open311Format,
): { contentType: string; body: string } {
  const contentType = OPEN311_CONTENT_TYPES[format];
  if (format === 'json') return { contentType, body: JSON.stringify(doc.body) };
  const tree = {
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    [doc.root]: toXmlContent(doc.root, doc.body),
  };
  return { contentType, body: builder.build(tree) as string };
}

/**
 * A date in the spec's W3C profile of ISO 8601 with the timezone, in China time (+08:00), to the
 * second: 2024-05-01T08:30:00+08:00.
 */
export function toW3cDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new Error(`Invalid date: ${String(date)}`);
  const shifted = new Date(date.getTime() + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

function toXmlContent(name: string, value: unknown): unknown {
  if (Array.isArray(value)) {
    const tag = OPEN311_ITEM_TAGS[name];
    if (!tag) throw new Error(`No XML item element for the list ${name}`);
    return { [tag]: value.map((item) => toXmlContent(tag, item)) };
  }
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toXmlContent(k, v)]),
    );
  }
  if (typeof value === 'string') return value.replace(NOT_XML, '');
  return String(value as number | boolean);
}
