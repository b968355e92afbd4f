// The fixed list of error codes a client can ever see. The body of every 4xx/5xx is ApiError.

export const ERROR_CODES = [
  'bad_request', // a query parameter or body field is malformed or out of range (message names it)
  'unauthorized', // no or bad credentials: log in, or send a valid X-API-Key
  'forbidden', // logged in, but outside the role or scope
  'not_found', // no such resource
  'payload_too_large',
  'unsupported_media_type', // an upload's content is not of an accepted type (the message names them)
  'rate_limited', // too many requests from one client in a minute; retry after the Retry-After header
  'conflict', // the action is not allowed in the resource's current state
  'rule_violation', // the change breaks one of the plan's rules (the message quotes it and its section)
  'unavailable', // a dependency (the database) is down; retry later
  'internal', // anything unexpected; details are logged, never sent
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * One rule behind a refusal, as values a client words in its own locale (the message is English):
 * the rule's id, the plan's section and words where it is one of the plan's rules, the figures.
 */
export type RefusalCheck = {
  rule: string;
  section?: string;
  words?: string;
  figures: Record<string, string | number | boolean>;
};

export type ApiError = {
  error: {
    code: ErrorCode;
    message: string;
    /** the offending query parameter or body field, when there is one */
    field?: string;
    /** the rules that refused the change (a 422 rule_violation, a compound's footprint) */
    checks?: RefusalCheck[];
  };
  /** the request's id, as in the X-Request-Id answer header and the server's logs */
  requestId: string;
};

/**
 * What every request and every socket ack resolves to: the resource, or the error (an HTTP
 * answer's body also carries its requestId; an ack has none).
 * @example const result: ApiResult<Health> = { data: { status: 'ok' } };
 */
export type ApiResult<T> = { data: T } | { error: ApiError['error'] };
