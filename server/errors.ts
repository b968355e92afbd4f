import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ApiError, ErrorCode, RefusalCheck } from '../common/errors.ts';
import { requestIdOf } from './request-logging.ts';

/** A failure the client may see: status, a code from the fixed list, and a message naming the field. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** the rules behind a refusal, as figures a client words in its locale */
    readonly checks?: RefusalCheck[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (field: string, message: string) =>
  new AppError(400, 'bad_request', message, field);

export const notFound = (message: string) => new AppError(404, 'not_found', message);

/**
 * The single error middleware: known errors become ApiError, anything else a bare 500 (logged).
 * Every answer carries the request's id (request-logging.ts), as its X-Request-Id header does.
 */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const requestId = requestIdOf(req);
    const known = toAppError(err);
    if (!known) {
      logger.error({ err, requestId, method: req.method, url: req.originalUrl }, 'unhandled error');
    }
    const e = known ?? new AppError(500, 'internal', 'Internal server error');
    const body: ApiError = {
      error: {
        code: e.code,
        message: e.message,
        ...(e.field ? { field: e.field } : {}),
        ...(e.checks ? { checks: e.checks } : {}),
      },
      requestId,
    };
    res.status(e.status).json(body);
  };
}

// the connection failed rather than the statement: refused, reset, the server shutting down or
// not yet accepting (SQLSTATE class 08, 57P01–57P03), or the embedded engine restarting (db.ts
// reports those as 08006). The client should retry shortly; it gets no detail.
const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
const isConnectionFailure = (code: unknown) =>
  typeof code === 'string' &&
  (CONNECTION_ERRNOS.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code));

/**
 * Maps a thrown error onto the fixed codes: AppError as is, body-parser's failures (`type`),
 * PostgreSQL's (`code`); null for anything unexpected.
 */
export function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (typeof err !== 'object' || err === null) return null;
  const type = (err as { type?: unknown }).type;
  if (type === 'entity.too.large') {
    return new AppError(413, 'payload_too_large', 'Request body exceeds the size limit', 'body');
  }
  if (type === 'entity.parse.failed') {
    return new AppError(400, 'bad_request', 'Request body is not valid JSON', 'body');
  }
  // body-parser's other client errors (a charset or encoding it does not support, too many
  // parameters): each has a `type`, `expose` and a 4xx status
  const { status, expose, message } = err as {
    status?: unknown;
    expose?: unknown;
    message?: unknown;
  };
  if (
    typeof type === 'string' &&
    typeof status === 'number' &&
    status >= 400 &&
    status < 500 &&
    expose === true
  ) {
    return badRequest('body', `Request body: ${String(message)}`);
  }
  const stored = unstorableInput(err);
  if (stored) return stored;
  if (isConnectionFailure((err as { code?: unknown }).code)) {
    return new AppError(503, 'unavailable', 'The database is unavailable; retry shortly');
  }
  // a unique index caught a concurrent change that a check before it could not see
  if ((err as { code?: unknown }).code === '23505') {
    return new AppError(
      409,
      'conflict',
      'A concurrent change conflicts with this one; reload and retry',
    );
  }
  return null;
}

// SQLSTATEs for a value PostgreSQL cannot store: string too long, number out of range, a character
// the encoding cannot hold (NUL in text), an untranslatable one (NUL or a lone surrogate in jsonb)
const UNSTORABLE = new Set(['22001', '22003', '22021', '22P05']);

/**
 * A database error caused by a value in the request (validation normally refuses these first,
 * see server/validation.ts) as a 400; anything else: null.
 */
export function unstorableInput(err: unknown): AppError | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !UNSTORABLE.has(code)) return null;
  return badRequest('body', `A value in the request cannot be stored (SQLSTATE ${code})`);
}

/**
 * Whether an error came as PostgreSQL's answer to a statement, so the transaction it ended was
 * rolled back and nothing of it is stored. A lost connection (no SQLSTATE, class 08, or the server
 * going down: 57) leaves a COMMIT's outcome unknown.
 */
export function isRolledBack(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    /^[0-9A-Z]{5}$/.test(code) &&
    !code.startsWith('08') &&
    !code.startsWith('57')
  );
}
