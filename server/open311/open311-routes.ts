import express, { Router, type ErrorRequestHandler, type Response } from 'express';
import type { Store } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { Open311Discovery, Open311Format, Open311Receipt } from '../../common/open311.ts';
import { forbidden, isIntegrationApiKey, type AuthOptions } from '../auth/auth-routes.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db.ts';
import { AppError, badRequest, notFound, toAppError } from '../errors.ts';
import { broadcastEvent, type GrievanceIo } from '../grievances/grievances-socket.ts';
import type { IntakeQueue } from '../grievances/intake-queue.ts';
import { open311IntakeRateLimit } from '../rate-limits.ts';
import { rejectUnstorableRequest } from '../validation.ts';
import { renderOpen311, type Open311Document } from './open311-format.ts';
import { OPEN311_LIMITS, readForm, readRequestsQuery, single } from './open311-input.ts';
import { TOKEN_PREFIX, toIntakeInput } from './open311-intake.ts';
import { findEventIdByKey, findOpen311Requests, listServiceRows } from './open311-queries.ts';
import { statesForStatuses, toOpen311Service, toServiceDefinition } from './open311-services.ts';

export type Open311Deps = {
  db: Db;
  io: GrievanceIo;
  auth: AuthOptions;
  config: Config;
  logger: Logger;
  /** the intake's group commit, shared with POST /api/events */
  intake: IntakeQueue;
  /** shared rate-limit counters (Redis), or undefined to count in memory */
  rateLimitStore?: Store;
};

/** When the discovery document and this endpoint last changed (sortable). */
export const OPEN311_CHANGESET = '2026-11-28T00:00:00Z';
export const OPEN311_SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** Open311 requests report as this integration (the audit trail's actor is api:open311). */
const ACTOR = 'api:open311';
// a token is the hex digest inside the request's idempotency key
const TOKEN = /^[0-9a-f]{32}$/;
const REQUEST_ID = /^[1-9]\d{0,14}$/;

/**
 * Open311 GeoReport v2 under /open311/v2: discovery, services, service definitions, POST requests
 * (form-encoded, api_key = the integration key), tokens, GET requests and requests/{id}, each in
 * XML and JSON. A POST is a normal intake: routed, graded, committed, then broadcast.
 */
export function open311Router({
  db,
  io,
  auth,
  config,
  logger,
  intake,
  rateLimitStore,
}: Open311Deps): Router {
  const router = Router();
  // the spec's POST is application/x-www-form-urlencoded; flat keys keep attribute[code][] literal
  router.use(express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 500 }));
  // no schema parses a whole form or query here: refuse a NUL before any field reaches a query
  router.use(rejectUnstorableRequest);

  router.get('/:file', async (req, res, next) => {
    const { name, format } = resource(req.params.file);
    if (name === 'discovery') {
      const url = `${req.protocol}://${req.get('host')}${req.baseUrl}`;
      return send(res, format, { root: 'discovery', body: discovery(url, config.nodeEnv) });
    }
    if (name === 'services') {
      const rows = await listServiceRows(db);
      return send(res, format, { root: 'services', body: rows.map(toOpen311Service) });
    }
    if (name === 'requests') {
      const q = readRequestsQuery(req.query, auth.now());
      if ('ids' in q) {
        const body = await findOpen311Requests(db, {
          ids: q.ids,
          limit: OPEN311_LIMITS.maxResults,
        });
        return send(res, format, { root: 'service_requests', body });
      }
      if (q.serviceCodes) await requireServiceCodes(q.serviceCodes, 'service_code', 400);
      const body = await findOpen311Requests(db, {
        serviceCodes: q.serviceCodes,
        states: q.statuses && statesForStatuses(q.statuses),
        from: q.from,
        to: q.to,
        limit: OPEN311_LIMITS.maxResults,
      });
      return send(res, format, { root: 'service_requests', body });
    }
    next();
  });

  router.get('/services/:file', async (req, res) => {
    const { name, format } = resource(req.params.file);
    await requireServiceCodes([name], 'service_code', 404);
    send(res, format, { root: 'service_definition', body: toServiceDefinition(name) });
  });

  router.get('/tokens/:file', async (req, res) => {
    const { name: token, format } = resource(req.params.file);
    const id = TOKEN.test(token) ? await findEventIdByKey(db, ACTOR, TOKEN_PREFIX + token) : null;
    if (id === null) throw notFound(`token ${token} not found`);
    send(res, format, {
      root: 'service_requests',
      body: [{ service_request_id: String(id), token }],
    });
  });

  router.get('/requests/:file', async (req, res) => {
    const { name: id, format } = resource(req.params.file);
    const [request] = REQUEST_ID.test(id)
      ? await findOpen311Requests(db, { ids: [Number(id)], limit: 1 })
      : [];
    if (!request) throw notFound(`service_request_id ${id} not found`);
    send(res, format, { root: 'service_requests', body: [request] });
  });

  router.post(
    '/:file',
    (req, _res, next) => {
      // only requests.{xml,json} takes a POST; anything else is unknown before it is counted
      if (resource(String(req.params.file)).name !== 'requests') return next('route');
      next();
    },
    open311IntakeRateLimit(config.rateLimits.intakePerMinute, rateLimitStore),
    async (req, res) => {
      const { format } = resource(String(req.params.file));
      const body = (req.body ?? {}) as Record<string, unknown>;
      const apiKey = single(body, 'api_key');
      if (!apiKey) throw forbidden('api_key: missing; POST requests needs an API key');
      if (!isIntegrationApiKey(apiKey, auth)) throw forbidden('api_key: invalid API key');
      const form = readForm(body);
      const code = form.service_code;
      if (!code) throw badRequest('service_code', 'service_code: not provided');
      const service = (await listServiceRows(db)).find((s) => s.code === code);
      if (!service) throw notFound(`service_code: ${code} not found`);
      const input = await toIntakeInput(db, service, form, body);
      const result = await intake.submit({ input, actor: ACTOR });
      if (result instanceof AppError) throw result;
      const { event, created } = result;
      if (created) broadcastEvent(io, event, true);
      const [request] = await findOpen311Requests(db, { ids: [event.id], limit: 1 });
      const receipt: Open311Receipt = {
        token: input.idempotencyKey!.slice(TOKEN_PREFIX.length),
        service_notice: request?.service_notice ?? null,
        account_id: form.account_id ?? null,
      };
      send(res, format, { root: 'service_requests', body: [receipt] });
    },
  );

  router.use((req) => {
    throw notFound(`Unknown Open311 resource: ${req.method} ${req.baseUrl}${req.path}`);
  });
  router.use(errorHandler(logger));

  /** Throws `status` naming the first code that is not a service. */
  async function requireServiceCodes(codes: string[], field: string, status: 400 | 404) {
    const known = new Set((await listServiceRows(db)).map((s) => s.code));
    const unknown = codes.find((c) => !known.has(c));
    if (unknown === undefined) return;
    if (status === 404) throw notFound(`${field}: ${unknown} not found`);
    throw badRequest(field, `${field}: unknown service_code ${unknown}; see services.xml`);
  }

  return router;
}

/** `services.json` → {name: 'services', format: 'json'}; no or another extension is not found. */
function resource(file: string): { name: string; format: Open311Format } {
  const m = /^(.+)\.(xml|json)$/.exec(file);
  if (!m) throw notFound(`Unknown Open311 resource: ${file} (append .xml or .json)`);
  return { name: m[1]!, format: m[2] as Open311Format };
}

function formatOf(path: string): Open311Format {
  return path.endsWith('.json') ? 'json' : 'xml'; // XML is the spec's required format
}

function send(res: Response, format: Open311Format, doc: Open311Document, status = 200) {
  const { contentType, body } = renderOpen311(doc, format);
  res.status(status).type(contentType).send(body);
}

/**
 * Failures as the spec's error list: 403 for the api_key, 404 for what does not exist, 400 for any
 * other request that cannot be fulfilled; 429 (rate limit) and 5xx (our fault, retry) keep theirs.
 * The mapping of thrown errors is errors.ts's (toAppError), as for the rest of the API.
 */
const KEPT_STATUSES = new Set([403, 404, 429]);

function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const known = toAppError(err);
    if (!known) logger.error({ err, method: req.method, url: req.originalUrl }, 'unhandled error');
    // the spec's list knows 403, 404 and 400: any other 4xx is a 400; 429 and 5xx keep theirs
    const status = !known
      ? 500
      : KEPT_STATUSES.has(known.status) || known.status >= 500
        ? known.status
        : 400;
    const description = known?.message ?? 'Internal server error; retry later';
    send(
      res,
      formatOf(req.path),
      { root: 'errors', body: [{ code: status, description }] },
      status,
    );
  };
}

/** The discovery document: this endpoint, its formats, and how to get an api_key. */
function discovery(url: string, nodeEnv: Config['nodeEnv']): Open311Discovery {
  return {
    changeset: OPEN311_CHANGESET,
    contact: '鲤城区红色物业指挥平台（区联合指挥平台的物业节点）；接口问题请联系平台运维',
    key_service:
      'POST requests 需要 api_key：即本平台的集成密钥（INTEGRATION_API_KEY），由区指挥中心发放',
    endpoints: [
      {
        specification: OPEN311_SPECIFICATION,
        url,
        changeset: OPEN311_CHANGESET,
        type: nodeEnv === 'production' ? 'production' : 'test',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}
