import crypto from 'node:crypto';
import express, { Router, type ErrorRequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import type { Category, ReportEventInput } from '../../common/grievances.ts';
import type { Open311Format, Open311Receipt } from '../../common/open311.ts';
import { forbidden, isIntegrationApiKey, type AuthOptions } from '../auth/auth-routes.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import { LIMITS, reportEventSchema } from '../grievances/grievances-schemas.ts';
import { broadcastEvent, type GrievanceIo } from '../grievances/grievances-socket.ts';
import type { IntakeQueue } from '../grievances/intake-queue.ts';
import type { Store } from 'express-rate-limit';
import { open311IntakeRateLimit } from '../rate-limits.ts';
import { parseInput, rejectUnstorableRequest } from '../validation.ts';
import { renderOpen311, type Open311Document } from './open311-format.ts';
import {
  OPEN311_LIMITS,
  readAttributeAnswers,
  readLocation,
  readRequestsQuery,
  reporterName,
  single,
} from './open311-input.ts';
import {
  findCompoundsNamedIn,
  findEventIdByKey,
  findOpen311Requests,
  listServiceRows,
} from './open311-queries.ts';
import {
  readAttributes,
  statesForStatuses,
  toOpen311Service,
  toServiceDefinition,
  type ServiceRow,
} from './open311-services.ts';

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
const TOKEN_PREFIX = 'open311:';
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
      return send(res, format, {
        root: 'discovery',
        body: {
          changeset: OPEN311_CHANGESET,
          contact: '鲤城区红色物业指挥平台（区联合指挥平台的物业节点）；接口问题请联系平台运维',
          key_service:
            'POST requests 需要 api_key：即本平台的集成密钥（INTEGRATION_API_KEY），由区指挥中心发放',
          endpoints: [
            {
              specification: OPEN311_SPECIFICATION,
              url: `${req.protocol}://${req.get('host')}${req.baseUrl}`,
              changeset: OPEN311_CHANGESET,
              type: config.nodeEnv === 'production' ? 'production' : 'test',
              formats: ['text/xml', 'application/json'],
            },
          ],
        },
      });
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
      const code = single(body, 'service_code');
      if (!code) throw badRequest('service_code', 'service_code: not provided');
      const service = (await listServiceRows(db)).find((s) => s.code === code);
      if (!service) throw notFound(`service_code: ${code} not found`);
      const input = await toIntakeInput(service, body);
      const result = await intake.submit({ input, actor: ACTOR });
      if (result instanceof AppError) throw result;
      const { event, created } = result;
      if (created) broadcastEvent(io, event, true);
      const [request] = await findOpen311Requests(db, { ids: [event.id], limit: 1 });
      const receipt: Open311Receipt = {
        token: input.idempotencyKey!.slice(TOKEN_PREFIX.length),
        service_notice: request?.service_notice ?? null,
        account_id: single(body, 'account_id') ?? null,
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

  /** A POST's form as an intake: location resolved, attributes checked, personal data kept apart. */
  async function toIntakeInput(
    service: ServiceRow,
    body: Record<string, unknown>,
  ): Promise<ReportEventInput> {
    const code = service.code;
    const location = readLocation(body);
    const attributeLines = readAttributes(code, readAttributeAnswers(body));
    let point: ReportEventInput['location'];
    if (location.kind === 'point') point = { lng: location.lng, lat: location.lat };
    else {
      const found = await findCompoundsNamedIn(db, location.addressString);
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
      point = { compoundId: found[0]!.id };
    }
    const text = single(body, 'description');
    if (text !== undefined && [...text].length > OPEN311_LIMITS.descriptionMax) {
      throw badRequest(
        'description',
        `description: at most ${OPEN311_LIMITS.descriptionMax} characters`,
      );
    }
    const lines = [
      text ?? service.nameZh,
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
    const name = reporterName(single(body, 'first_name'), single(body, 'last_name'));
    if (name && [...name].length > LIMITS.nameMax) {
      throw badRequest('first_name', `first_name, last_name: at most ${LIMITS.nameMax} characters`);
    }
    const phone = single(body, 'phone');
    if (phone && !/^\+?[0-9 -]{5,20}$/.test(phone)) {
      throw badRequest('phone', 'phone: expected a phone number of 5–20 digits');
    }
    const mediaUrl = single(body, 'media_url');
    if (mediaUrl && (!/^https?:\/\/\S+$/.test(mediaUrl) || mediaUrl.length > LIMITS.urlMax)) {
      throw badRequest(
        'media_url',
        `media_url: expected an http(s) URL of at most ${LIMITS.urlMax}`,
      );
    }
    // email and device_id are not kept: the reporter model holds a name and a phone
    const input: ReportEventInput = {
      channel: 'open311',
      category: code as Category,
      description,
      location: point,
      ...(name || phone
        ? { reporter: { ...(name ? { name } : {}), ...(phone ? { phone } : {}) } }
        : {}),
      ...(mediaUrl ? { photos: [mediaUrl] } : {}),
      idempotencyKey: TOKEN_PREFIX + contentDigest(body),
    };
    // the intake's own rules, as for POST /api/events
    return parseInput(reportEventSchema, input, 'body') as ReportEventInput;
  }

  return router;
}

/**
 * A resubmitted form (a client retrying after a lost answer) is the same request: the key is a
 * digest of every field but the api_key and jurisdiction_id, empty ones dropped.
 */
function contentDigest(body: Record<string, unknown>): string {
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
 * other request that cannot be fulfilled; 429 (rate limit) and 500 (our fault, retry) keep theirs.
 */
function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const known = toAppError(err);
    if (!known) logger.error({ err, method: req.method, url: req.originalUrl }, 'unhandled error');
    const status = !known ? 500 : [403, 404, 429].includes(known.status) ? known.status : 400;
    const description = known?.message ?? 'Internal server error; retry later';
    send(
      res,
      formatOf(req.path),
      { root: 'errors', body: [{ code: status, description }] },
      status,
    );
  };
}

// body-parser marks its own client errors with `expose` and a 4xx status
function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  const e = err as { status?: unknown; expose?: unknown; message?: unknown } | null;
  if (e && typeof e.status === 'number' && e.status < 500 && e.expose === true) {
    return new AppError(400, 'bad_request', `Request body: ${String(e.message)}`, 'body');
  }
  return null;
}
