// Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2) as served under /open311/v2/: the documents
// each method answers with, in their JSON shape. The XML shape is the same tree (Spark convention):
// a list is a wrapper element holding one element per item (services > service, and so on).
// Identifiers (service_code, service_request_id, token, value keys) are strings: the spec's JSON
// examples write "service_code":001 and "key":123, which is not valid JSON (001) and would lose the
// leading zeros; its text calls them identifiers, so we follow the text and quote them.

/** The spec's two statuses; our workflow states map onto them (server/open311/open311-services.ts). */
export const OPEN311_STATUSES = ['open', 'closed'] as const;
export type Open311Status = (typeof OPEN311_STATUSES)[number];

export const OPEN311_FORMATS = ['xml', 'json'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

/** discovery.{xml,json} (wiki.open311.org/Service_Discovery). */
export type Open311Discovery = {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: {
    specification: string;
    url: string;
    changeset: string;
    type: 'production' | 'test';
    formats: string[];
  }[];
};

/** One entry of services.{xml,json}. */
export type Open311Service = {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
};

export type Open311AttributeDatatype =
  'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

export type Open311Attribute = {
  variable: boolean;
  code: string;
  datatype: Open311AttributeDatatype;
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  /** the options of a singlevaluelist or multivaluelist; empty otherwise */
  values: { key: string; name: string }[];
};

/** services/{service_code}.{xml,json} */
export type Open311ServiceDefinition = {
  service_code: string;
  attributes: Open311Attribute[];
};

/** One entry of the POST requests answer. Our services are `batch`: a token, no id. */
export type Open311Receipt = {
  token: string;
  service_notice: string | null;
  account_id: string | null;
};

/** One entry of tokens/{token}.{xml,json} */
export type Open311TokenAnswer = { service_request_id: string; token: string };

/** One entry of GET requests and requests/{id}. Never carries the reporter's personal data. */
export type Open311ServiceRequest = {
  service_request_id: string;
  status: Open311Status;
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number;
  long: number;
  media_url: string | null;
};

/** One entry of an error answer; `code` is the HTTP status. */
export type Open311Error = { code: number; description: string };
