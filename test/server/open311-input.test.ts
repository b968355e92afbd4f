import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.ts';
import {
  parseW3cDate,
  readForm,
  readLocation,
  readRequestsQuery,
  reporterName,
} from '../../server/open311/open311-input.ts';

const NOW = new Date('2026-12-05T00:00:00Z');
const DAY = 86_400_000;

/** The 400 a call throws, as [field, message]. */
function refusal(call: () => unknown): [string | undefined, string] {
  try {
    call();
  } catch (err) {
    if (err instanceof AppError && err.status === 400) return [err.field, err.message];
    throw err;
  }
  throw new Error('expected a 400');
}

describe('readForm', () => {
  it('reads numbers, a phone and a media URL, blanks as absent, text trimmed', () => {
    expect(
      readForm({
        api_key: ' k ',
        service_code: 'parking',
        lat: '24.9',
        long: '+118.58',
        address_string: '',
        description: '  消防通道被占 ',
        phone: '138 0000-1234',
        media_url: 'https://example.org/p.jpg',
        email: 'ignored@example.org',
      }),
    ).toEqual({
      api_key: 'k',
      service_code: 'parking',
      lat: 24.9,
      long: 118.58,
      description: '消防通道被占',
      phone: '138 0000-1234',
      media_url: 'https://example.org/p.jpg',
    });
  });

  it.each([
    [{ lat: '95' }, 'lat', 'lat: expected a decimal number in [-90, 90] (WGS84)'],
    [{ long: '1e2' }, 'long', 'long: expected a decimal number in [-180, 180] (WGS84)'],
    [{ phone: 'call me' }, 'phone', 'phone: expected a phone number of 5–20 digits'],
    [
      { media_url: 'ftp://x/y.jpg' },
      'media_url',
      'media_url: expected an http(s) URL of at most 2048 characters',
    ],
    [{ service_code: ['a', 'b'] }, 'service_code', 'service_code: expected a single value'],
    [{ description: '长'.repeat(4001) }, 'description', 'description: at most 4000 characters'],
  ])('refuses %j naming the field', (form, field, message) => {
    expect(refusal(() => readForm(form))).toEqual([field, message]);
  });

  it('counts the description in characters, not UTF-16 units', () => {
    expect(readForm({ description: '𠀀'.repeat(4000) }).description).toHaveLength(8000);
  });
});

describe('readLocation', () => {
  it('takes lat and long, with an address kept beside them, or an address alone', () => {
    expect(readLocation({ lat: 24.9, long: 118.58, address_string: '东门' })).toEqual({
      kind: 'point',
      lat: 24.9,
      lng: 118.58,
      addressString: '东门',
    });
    expect(readLocation({ address_string: '东门' })).toEqual({
      kind: 'address',
      addressString: '东门',
    });
  });

  it('asks for the missing half of a point, and refuses an address_id alone', () => {
    expect(refusal(() => readLocation({ lat: 24.9 }))).toEqual([
      'long',
      'long: lat and long must both be sent',
    ]);
    expect(refusal(() => readLocation({ address_id: '545483' }))[0]).toBe('address_id');
    expect(refusal(() => readLocation({}))).toEqual([
      'lat',
      'A full location parameter must be submitted: lat and long (WGS84), or address_string',
    ]);
  });
});

describe('readRequestsQuery', () => {
  it('defaults to the last 90 days', () => {
    expect(readRequestsQuery({}, NOW)).toEqual({
      serviceCodes: undefined,
      statuses: undefined,
      from: new Date(NOW.getTime() - 90 * DAY),
      to: NOW,
    });
  });

  it('reads lists comma delimited and repeated, and a window from its start', () => {
    expect(
      readRequestsQuery(
        {
          service_code: ['parking, sanitation', 'parking'],
          status: 'open',
          start_date: '2026-01-01',
        },
        NOW,
      ),
    ).toEqual({
      serviceCodes: ['parking', 'sanitation'],
      statuses: ['open'],
      from: new Date('2025-12-31T16:00:00Z'),
      to: new Date(new Date('2025-12-31T16:00:00Z').getTime() + 90 * DAY),
    });
  });

  it('lets service_request_id override every other argument', () => {
    expect(readRequestsQuery({ service_request_id: '12, 7,12', status: 'bogus' }, NOW)).toEqual({
      ids: [12, 7],
    });
  });

  it.each([
    [
      { service_request_id: '12,abc' },
      'service_request_id',
      'service_request_id: abc is not a request id (positive integers, comma delimited)',
    ],
    [{ status: 'pending' }, 'status', 'status: unknown status pending; expected open, closed'],
    [
      { start_date: '2024-01-01T10:00:00' },
      'start_date',
      'start_date: expected a W3C date-time with a timezone, e.g. 2010-01-01T00:00:00Z',
    ],
    [
      { start_date: '2024-02-01T00:00:00Z', end_date: '2024-01-01T00:00:00Z' },
      'end_date',
      'end_date: before start_date',
    ],
    [
      { start_date: '2024-01-01T00:00:00Z', end_date: '2024-06-01T00:00:00Z' },
      'end_date',
      'end_date: start_date..end_date may not span more than 90 days',
    ],
  ])('refuses %j naming the parameter', (query, field, message) => {
    expect(refusal(() => readRequestsQuery(query, NOW))).toEqual([field, message]);
  });
});

describe('parseW3cDate and reporterName', () => {
  it('reads a bare date as midnight China time and refuses a rolled-over day', () => {
    expect(parseW3cDate('2024-03-01')).toEqual(new Date('2024-02-29T16:00:00Z'));
    expect(parseW3cDate('2024-02-30')).toBeNull();
  });

  it('writes a Chinese name family name first', () => {
    expect([reporterName('三', '张'), reporterName('John', 'Smith'), reporterName()]).toEqual([
      '张三',
      'John Smith',
      undefined,
    ]);
  });
});
