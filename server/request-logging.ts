import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/** The header carrying a request's id, both ways. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

// an incoming id is kept only if it is a short token that cannot forge log lines or headers
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

// health checks come every few seconds from a load balancer: logged at debug only
const QUIET_PATHS = new Set(['/api/health']);

/**
 * Gives every request an id and logs it when its answer is sent (pino-http, through the process's
 * logger): the caller's `X-Request-Id` if it is a safe short token (a proxy's or a client's), else
 * a new UUID. The id is echoed in the `X-Request-Id` answer header, carried by every log line of
 * the request (`req.log`) and put in error answers (errors.ts). A line holds the method, the URL,
 * the status and the time taken, never headers or bodies (tokens, personal data); 5xx log as
 * errors, 4xx as warnings, health checks at debug.
 */
export function requestLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const id = incomingRequestId(req) ?? crypto.randomUUID();
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    // on req.log's lines and on the request's own line
    customProps: (req) => ({ requestId: req.id }),
    customLogLevel: (req, res, err) => {
      if (err || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'warn';
      return QUIET_PATHS.has(pathOf(req)) ? 'debug' : 'info';
    },
    serializers: {
      req: (req: { method: string; url: string }) => ({
        method: req.method,
        url: req.url,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  }) as unknown as RequestHandler;
}

/** The request's id (set by requestLogging); a fresh one for a request that did not pass it. */
export function requestIdOf(req: IncomingMessage): string {
  return typeof req.id === 'string' ? req.id : crypto.randomUUID();
}

/** The caller's X-Request-Id when it is a safe short token, else undefined. */
export function incomingRequestId(req: IncomingMessage): string | undefined {
  const value = req.headers[REQUEST_ID_HEADER.toLowerCase()];
  return typeof value === 'string' && SAFE_REQUEST_ID.test(value) ? value : undefined;
}

const pathOf = (req: IncomingMessage) => (req.url ?? '').split('?')[0]!;
