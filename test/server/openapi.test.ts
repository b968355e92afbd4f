import fs from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYER_FIELDS } from '../../common/api.ts';
import { COMMITTEE_ACTIONS } from '../../common/committees.ts';
import type { GrievanceEvent } from '../../common/grievances.ts';
import { LAYER_NAMES } from '../../common/domain.ts';
import { signedHeaders } from '../../server/command-feed/feed-signature.ts';
import { DEMO_COMMAND_FEED_SECRET, DEMO_INTEGRATION_API_KEY } from '../../server/config.ts';
import { TINY_PNG, uploadPhoto } from '../helpers/photos.ts';
import { loginAs, pointInGrid, startTestServer, type TestServer } from '../helpers/test-server.ts';

// The published contract (/api/openapi.json) against the real server: the document is valid
// OpenAPI 3.1, it names every route the server mounts, and every documented operation, called for
// real, answers a status it documents with a body of the documented shape (answers' objects
// allow no undocumented property).

type Operation = { responses: Record<string, { content?: Record<string, { schema: object }> }> };
type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, Operation>> };

let server: TestServer;
let doc: OpenApiDocument;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  for (const u of ['district', 'operator', 'planner', 'ent1']) tokens[u] = await loginAs(server, u);
  const res = await fetch(`${server.url}/api/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as OpenApiDocument;
});
afterAll(async () => {
  await server?.close();
});

async function call(
  method: string,
  url: string,
  opts: { as?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; type: string; body: unknown }> {
  const res = await fetch(server.url + url, {
    method,
    headers: {
      ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(opts.as === 'key'
        ? { 'x-api-key': DEMO_INTEGRATION_API_KEY }
        : opts.as
          ? { authorization: `Bearer ${tokens[opts.as]}` }
          : {}),
      ...opts.headers,
    },
    body: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
  });
  return answerOf(res);
}

async function answerOf(res: Response): Promise<{ status: number; type: string; body: unknown }> {
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!;
  // an image's bytes are checked as a string: the document says only which types it may be
  if (type.startsWith('image/')) return { status: res.status, type, body: await res.text() };
  const text = await res.text();
  return { status: res.status, type, body: text ? JSON.parse(text) : undefined };
}

/** an event with one photo, uploaded by the district admin */
async function photographedEvent(): Promise<{ eventId: number; photoId: number }> {
  const { id } = await reportedEvent();
  const res = await uploadPhoto(server, tokens.district!, id, TINY_PNG, { stage: 'report' });
  return { eventId: id, photoId: ((await res.json()) as { id: number }).id };
}

const firstCompoundId = async () =>
  (await server.db.query<{ id: number }>('SELECT min(id)::int AS id FROM compounds'))[0]!.id;

async function reportedEvent(): Promise<GrievanceEvent> {
  const compoundId = await firstCompoundId();
  const res = await call('POST', '/api/events', {
    as: 'key',
    body: {
      channel: 'hotline_12345',
      category: 'other',
      description: '合同测试',
      location: { compoundId },
    },
  });
  return res.body as GrievanceEvent;
}

/** the compounds of the n-th suggested bundle: a viable selection */
async function suggestedBundle(n = 0): Promise<number[]> {
  const res = await call('POST', '/api/bundles/suggest', { as: 'planner', body: {} });
  return (res.body as { bundles: { compoundIds: number[] }[] }).bundles[n]!.compoundIds;
}

// committee samples: each drives a compound without a committee record to the state its action needs
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);
const crew = (n: number, party: number, organisation: string | null = null) =>
  Array.from({ length: n }, (_, i) => ({
    name: `委员${i + 1}`,
    role: i === 0 ? 'chair' : 'member',
    owner: i < n - 2 || organisation === null,
    partyMember: i < party,
    organisation,
  }));
async function committeeIn(state: 'none' | 'preparing' | 'awaiting_approval' | 'temporary') {
  const [row] = await server.db.query<{ id: number }>(
    `SELECT min(c.id)::int AS id FROM compounds c
     WHERE NOT EXISTS (SELECT 1 FROM owners_committees oc WHERE oc.compound_id = c.id)`,
  );
  const id = row!.id;
  const post = async (action: string, body: object) =>
    (
      (await call('POST', `/api/committees/${id}/${action}`, { as: 'district', body })).body as {
        version: number;
      }
    ).version;
  let version = 0;
  if (state === 'preparing' || state === 'awaiting_approval') {
    version = await post('prepare', { version, formedOn: daysAgo(60) });
  }
  if (state === 'awaiting_approval') {
    const at = daysAgo(30);
    const end = `${Number(at.slice(0, 4)) + 5}${at.slice(4)}`;
    version = await post('elect', {
      version,
      electedOn: at,
      termStart: at,
      termEnd: end,
      members: crew(7, 4),
    });
  }
  if (state === 'temporary') {
    version = await post('temporary', {
      version,
      formedOn: daysAgo(200),
      termEnd: daysAgo(-200),
      members: crew(5, 1, 'owner_representative'),
    });
  }
  return { id, version };
}
const committeeSample =
  (state: Parameters<typeof committeeIn>[0], action: string, body: (version: number) => object) =>
  async () => {
    const { id, version } = await committeeIn(state);
    return call('POST', `/api/committees/${id}/${action}`, { as: 'district', body: body(version) });
  };
const lastQuarter = () => {
  const d = new Date();
  const q = Math.floor(d.getUTCMonth() / 3); // this quarter's index 0–3; the last one is q (1–4) or Q4 of last year
  return q === 0 ? `${d.getUTCFullYear() - 1}-Q4` : `${d.getUTCFullYear()}-Q${q}`;
};

// a new compound in a free spot of the n-th grid (a 13 m square at least 40 m from any other)
async function newCompound(n: number) {
  const [grid] = await server.db.query<{ code: string; community: string }>(
    'SELECT code, community_code AS community FROM grids ORDER BY code OFFSET $1 LIMIT 1',
    [n],
  );
  const { lng, lat } = await pointInGrid(server.db, grid!.code);
  const h = 0.00006;
  const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
  const ring = [
    [r6(lng - h), r6(lat - h)],
    [r6(lng + h), r6(lat - h)],
    [r6(lng + h), r6(lat + h)],
    [r6(lng - h), r6(lat + h)],
    [r6(lng - h), r6(lat - h)],
  ];
  return call('POST', '/api/compounds', {
    as: 'district',
    body: {
      name: `合同测试小区${n}`,
      communityCode: grid!.community,
      households: 30,
      buildings: 1,
      yearBuilt: 1990,
      coverageMode: 'none',
      geometry: { type: 'Polygon', coordinates: [ring] },
    },
  });
}

function newUser(n: number) {
  return call('POST', '/api/users', {
    as: 'district',
    body: {
      username: `contract_user${n}`,
      displayName: '合同测试用户',
      role: 'planner',
      scope: { streets: [], communities: [], grids: [] },
      password: 'contract-password-2026',
    },
  });
}

// a file the API serves (XLSX): its status and type; the body stands as an empty string
async function binary(url: string, as: string) {
  const res = await fetch(server.url + url, { headers: { authorization: `Bearer ${tokens[as]}` } });
  await res.arrayBuffer();
  return {
    status: res.status,
    type: (res.headers.get('content-type') ?? '').split(';')[0]!,
    body: '',
  };
}

// a ledger upload (multipart) of a LibreOffice-written fixture
async function uploadLedger(query: string) {
  const form = new FormData();
  const bytes = fs.readFileSync('test/fixtures/ledgers/compounds-good.xlsx');
  form.append('file', new Blob([new Uint8Array(bytes)]), 'compounds-good.xlsx');
  const res = await fetch(`${server.url}/api/imports/compounds${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.district}` },
    body: form,
  });
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!;
  return { status: res.status, type, body: (await res.json()) as unknown };
}

// a maintenance-fund account below 30% of its first deposit (opens a top-up task)
async function lowFund(offset: number) {
  const [c] = await server.db.query<{ id: number }>(
    'SELECT id FROM compounds ORDER BY id DESC OFFSET $1 LIMIT 1',
    [offset],
  );
  return call('PUT', `/api/funds/${c!.id}`, {
    as: 'district',
    body: { firstDeposit: 100000, balance: 1000, arrearsHouseholds: 0, asOf: daysAgo(1) },
  });
}

// one real call per documented operation; a new route without a sample fails the coverage test
// enterprise samples: enterprise 1 (ent1's) at its current version
const enterpriseVersion = async (id = 1) =>
  (
    await server.db.query<{ version: number }>('SELECT version FROM enterprises WHERE id = $1', [
      id,
    ])
  )[0]!.version;
const enterpriseWrite = async (path: string, body: object, as = 'district', method = 'POST') =>
  call(method, `/api/enterprises/1${path}`, {
    as,
    body: { version: await enterpriseVersion(), ...body },
  });
const openInterview = async () => {
  const res = await enterpriseWrite('/interviews', {
    reason: 'poor_service',
    subject: '合同测试',
    deadline: daysAgo(-10),
  });
  return (res.body as { interviews: { id: number }[] }).interviews.at(-1)!.id;
};
const thisQuarter = () => {
  const d = new Date(Date.now() + 8 * 3_600_000);
  return `${d.getUTCFullYear()}Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
};

const SAMPLES: Record<string, () => Promise<{ status: number; type: string; body: unknown }>> = {
  'get /api/enterprises/register': () =>
    call('GET', '/api/enterprises/register', { as: 'operator' }),
  'post /api/enterprises': () =>
    call('POST', '/api/enterprises', {
      as: 'district',
      body: {
        name: '合同测试物业',
        creditCode: '91110000802100433B',
        founded: 2010,
        address: '（示例地址）',
        partyOrg: 'none',
        charterPartyClause: false,
      },
    }),
  'patch /api/enterprises/{id}': () =>
    enterpriseWrite('', { address: '（示例地址）二' }, 'district', 'PATCH'),
  'get /api/enterprises/{id}/file': () => call('GET', '/api/enterprises/1/file', { as: 'ent1' }),
  'post /api/enterprises/{id}/managers': async () => {
    const [c] = await server.db.query<{ id: number }>(
      'SELECT min(id)::int AS id FROM compounds WHERE enterprise_id = 1',
    );
    return enterpriseWrite('/managers', {
      name: '合同测试经理',
      certificate: 'T-1',
      compoundIds: [c!.id],
    });
  },
  'put /api/enterprises/{id}/contracts/{compoundId}': async () => {
    const [c] = await server.db.query<{ id: number }>(
      'SELECT min(id)::int AS id FROM compounds WHERE enterprise_id = 1',
    );
    return enterpriseWrite(
      `/contracts/${c!.id}`,
      { startsOn: '2024-01-01', endsOn: '2027-01-01' },
      'district',
      'PUT',
    );
  },
  'post /api/enterprises/{id}/records': () =>
    enterpriseWrite('/records', {
      kind: 'bad_conduct',
      onDate: daysAgo(1),
      description: '合同测试',
    }),
  'post /api/enterprises/{id}/interviews': () =>
    enterpriseWrite('/interviews', {
      reason: 'large_dispute',
      subject: '合同测试',
      deadline: daysAgo(-5),
    }),
  'post /api/enterprises/{id}/interviews/{interviewId}/answer': async () => {
    const id = await openInterview();
    return enterpriseWrite(`/interviews/${id}/answer`, { answer: '合同测试答复' }, 'ent1');
  },
  'post /api/enterprises/{id}/interviews/{interviewId}/close': async () => {
    const id = await openInterview();
    return enterpriseWrite(`/interviews/${id}/close`, { outcome: 'escalated' });
  },
  'get /api/inspections/draws': () => call('GET', '/api/inspections/draws'),
  'post /api/inspections/draws': () =>
    call('POST', '/api/inspections/draws', {
      as: 'district',
      body: {
        period: thisQuarter(),
        seed: 1,
        enterpriseCount: 2,
        inspectorCount: 2,
        inspectors: ['甲', '乙'],
      },
    }),
  'post /api/inspections/draws/{drawId}/results': async () => {
    const draw = (
      await call('POST', '/api/inspections/draws', {
        as: 'district',
        body: { period: thisQuarter(), enterpriseCount: 1, inspectorCount: 1, inspectors: ['甲'] },
      })
    ).body as { id: number; drawn: { enterpriseId: number }[] };
    const enterpriseId = draw.drawn[0]!.enterpriseId;
    return call('POST', `/api/inspections/draws/${draw.id}/results`, {
      as: 'district',
      body: {
        enterpriseId,
        version: await enterpriseVersion(enterpriseId),
        inspectedOn: daysAgo(1),
        items: [{ item: '合同测试', passed: false, note: '不合格' }],
      },
    });
  },
  'get /api/red-black-lists': () => call('GET', '/api/red-black-lists'),
  'post /api/red-black-lists': () =>
    call('POST', '/api/red-black-lists', { as: 'district', body: { period: thisQuarter() } }),
  'get /api/red-black-lists/latest': () => call('GET', '/api/red-black-lists/latest'),
  'get /api/health': () => call('GET', '/api/health'),
  'post /api/auth/login': () =>
    call('POST', '/api/auth/login', { body: { username: 'planner', password: 'licheng2024' } }),
  'post /api/auth/logout': async () => {
    const token = await loginAs(server, 'grid1');
    return call('POST', '/api/auth/logout', { headers: { authorization: `Bearer ${token}` } });
  },
  'get /api/auth/me': () => call('GET', '/api/auth/me', { as: 'operator' }),
  'get /api/users': () => call('GET', '/api/users', { as: 'district' }),
  'post /api/users': () => newUser(1),
  'patch /api/users/{id}': async () => {
    const { id, version } = (await newUser(2)).body as { id: number; version: number };
    return call('PATCH', `/api/users/${id}`, {
      as: 'district',
      body: { version, displayName: '合同测试用户（改）' },
    });
  },
  'post /api/users/{id}/password': async () => {
    const { id, version } = (await newUser(3)).body as { id: number; version: number };
    return call('POST', `/api/users/${id}/password`, {
      as: 'district',
      body: { version, password: 'a-new-password-2026' },
    });
  },
  'get /api/users/{id}/history': async () => {
    const { id } = (await newUser(4)).body as { id: number };
    return call('GET', `/api/users/${id}/history`, { as: 'district' });
  },
  'post /api/auth/password': async () => {
    await newUser(5);
    const login = await call('POST', '/api/auth/login', {
      body: { username: 'contract_user5', password: 'contract-password-2026' },
    });
    return call('POST', '/api/auth/password', {
      headers: { authorization: `Bearer ${(login.body as { token: string }).token}` },
      body: { currentPassword: 'contract-password-2026', newPassword: 'contract-password-2027' },
    });
  },
  ...Object.fromEntries(
    LAYER_NAMES.map((layer) => [
      `get /api/layers/${layer}`,
      () =>
        call('GET', `/api/layers/${layer}?fields=${LAYER_FIELDS[layer].join(',')}`, {
          as: 'district',
        }),
    ]),
  ),
  'get /api/compounds/{id}': async () =>
    call('GET', `/api/compounds/${await firstCompoundId()}`, { as: 'planner' }),
  'post /api/compounds': () => newCompound(3),
  'patch /api/compounds/{id}': async () => {
    const { id, version } = (await newCompound(5)).body as { id: number; version: number };
    return call('PATCH', `/api/compounds/${id}`, {
      as: 'district',
      body: { version, buildings: 2 },
    });
  },
  'post /api/compounds/{id}/mode': async () => {
    const { id, version } = (await newCompound(7)).body as { id: number; version: number };
    return call('POST', `/api/compounds/${id}/mode`, {
      as: 'district',
      body: { version, coverageMode: 'self_managed', changedOn: daysAgo(1), reason: '业主自治' },
    });
  },
  'post /api/compounds/{id}/retire': async () => {
    const { id, version } = (await newCompound(9)).body as { id: number; version: number };
    return call('POST', `/api/compounds/${id}/retire`, {
      as: 'district',
      body: { version, retiredOn: daysAgo(1), reason: '拆迁' },
    });
  },
  'get /api/compounds/{id}/history': async () => {
    const { id } = (await newCompound(1)).body as { id: number };
    return call('GET', `/api/compounds/${id}/history`, { as: 'district' });
  },
  'get /api/stations/{id}': async () => {
    const [s] = await server.db.query<{ id: number }>(
      'SELECT id FROM stations ORDER BY id LIMIT 1',
    );
    return call('GET', `/api/stations/${s!.id}`, { as: 'district' });
  },
  'get /api/stations/{id}/history': async () => {
    const [s] = await server.db.query<{ id: number }>(
      'SELECT id FROM stations ORDER BY id LIMIT 1',
    );
    return call('GET', `/api/stations/${s!.id}/history`, { as: 'district' });
  },
  'post /api/stations': async () => {
    const [grid] = await server.db.query<{ code: string }>(
      'SELECT code FROM grids ORDER BY code LIMIT 1',
    );
    const { lng, lat } = await pointInGrid(server.db, grid!.code);
    return call('POST', '/api/stations', {
      as: 'district',
      body: {
        name: '合同测试站点',
        kind: 'community_station',
        services: ['mediation'],
        location: [lng, lat],
      },
    });
  },
  'patch /api/stations/{id}': async () => {
    const [s] = await server.db.query<{ id: number; version: number }>(
      'SELECT id, version FROM stations ORDER BY id LIMIT 1',
    );
    return call('PATCH', `/api/stations/${s!.id}`, {
      as: 'district',
      body: { version: s!.version, services: ['legal_advice'] },
    });
  },
  'post /api/stations/{id}/retire': async () => {
    const [s] = await server.db.query<{ id: number; version: number }>(
      'SELECT id, version FROM stations ORDER BY id DESC LIMIT 1',
    );
    return call('POST', `/api/stations/${s!.id}/retire`, {
      as: 'district',
      body: { version: s!.version, retiredOn: daysAgo(1), reason: '合同测试' },
    });
  },
  'get /api/imports/templates/{file}': () =>
    binary('/api/imports/templates/compounds.xlsx', 'district'),
  'get /api/imports': () => call('GET', '/api/imports', { as: 'district' }),
  'get /api/imports/to-draw': () => call('GET', '/api/imports/to-draw', { as: 'district' }),
  'get /api/imports/progress/{progressId}': async () => {
    await uploadLedger('?dryRun=1&crs=wgs84&progressId=contract-progress');
    return call('GET', '/api/imports/progress/contract-progress', { as: 'district' });
  },
  'post /api/imports/{register}': () => uploadLedger('?dryRun=1&crs=wgs84'),
  'post /api/imports/{id}/undo': async () => {
    const applied = (await uploadLedger('?crs=wgs84')).body as { importId: number };
    return call('POST', `/api/imports/${applied.importId}/undo`, { as: 'district' });
  },
  'get /api/funds': () => call('GET', '/api/funds', { as: 'operator' }),
  'get /api/funds/tasks': () => call('GET', '/api/funds/tasks', { as: 'operator' }),
  'put /api/funds/{compoundId}': () => lowFund(0),
  'post /api/funds/tasks/{id}/status': async () => {
    await lowFund(1);
    const tasks = (await call('GET', '/api/funds/tasks', { as: 'district' })).body as {
      id: number;
      version: number;
    }[];
    return call('POST', `/api/funds/tasks/${tasks[0]!.id}/status`, {
      as: 'district',
      body: { version: tasks[0]!.version, status: 'in_progress' },
    });
  },
  'get /api/funds/revenue': () => call('GET', '/api/funds/revenue', { as: 'operator' }),
  'put /api/funds/revenue/{compoundId}/{quarter}': async () => {
    const id = await firstCompoundId();
    return call('PUT', `/api/funds/revenue/${id}/${lastQuarter()}`, {
      as: 'district',
      body: { income: 12000.5, expense: 3000, publishedOn: daysAgo(1), place: '小区公告栏' },
    });
  },
  'get /api/reports': () => call('GET', '/api/reports', { as: 'operator' }),
  'get /api/reports/{unit}/{file}': () =>
    call('GET', `/api/reports/district/${lastQuarter()}`, { as: 'operator' }),
  'post /api/reports/{streetCode}/{period}/{action}': async () => {
    const [s] = await server.db.query<{ code: string }>('SELECT min(code) AS code FROM streets');
    return call('POST', `/api/reports/${s!.code}/${lastQuarter()}/draft`, {
      as: 'district',
      body: {},
    });
  },
  'get /api/enterprises': () => call('GET', '/api/enterprises', { as: 'planner' }),
  'get /api/coverage': () => call('GET', '/api/coverage'),
  'get /api/coverage/progress': () => call('GET', '/api/coverage/progress', { as: 'planner' }),
  'get /api/coverage/unmanaged': () => call('GET', '/api/coverage/unmanaged', { as: 'planner' }),
  'post /api/events': async () =>
    call('POST', '/api/events', {
      as: 'key',
      body: {
        channel: 'libianmin',
        category: 'parking',
        description: '合同测试',
        location: { compoundId: await firstCompoundId() },
        reporter: { name: '王先生', phone: '13800000000' },
      },
    }),
  'post /api/events:batch': async () =>
    call('POST', '/api/events:batch', {
      as: 'key',
      body: {
        events: [
          {
            channel: 'hotline_12345',
            category: 'parking',
            description: '批量合同测试',
            location: { compoundId: await firstCompoundId() },
          },
          {
            channel: 'hotline_12345',
            category: 'parking',
            description: '区外',
            location: { lng: 0, lat: 0 },
          },
        ],
      },
    }),
  'get /api/events': () => call('GET', '/api/events?limit=5', { as: 'district' }),
  'get /api/events/{id}': async () =>
    call('GET', `/api/events/${(await reportedEvent()).id}`, { as: 'district' }),
  'post /api/events/{id}/actions': async () =>
    call('POST', `/api/events/${(await reportedEvent()).id}/actions`, {
      as: 'district',
      body: { action: 'accept', note: '受理' },
      headers: { 'idempotency-key': 'contract-accept-1' },
    }),
  'post /api/events/{id}/photos': async () =>
    answerOf(
      await uploadPhoto(server, tokens.district!, (await reportedEvent()).id, TINY_PNG, {
        stage: 'accept',
      }),
    ),
  'get /api/events/{id}/photos': async () =>
    call('GET', `/api/events/${(await photographedEvent()).eventId}/photos`, { as: 'district' }),
  'get /api/events/{id}/photos/{photoId}': async () => {
    const { eventId, photoId } = await photographedEvent();
    return call('GET', `/api/events/${eventId}/photos/${photoId}`, { as: 'district' });
  },
  'get /api/wall/summary': () => call('GET', '/api/wall/summary', { as: 'operator' }),
  'get /api/wall/history': () => call('GET', '/api/wall/history?days=30', { as: 'operator' }),
  'post /api/bundles/suggest': () =>
    call('POST', '/api/bundles/suggest', { as: 'planner', body: {} }),
  'post /api/bundles/evaluate': async () =>
    call('POST', '/api/bundles/evaluate', {
      as: 'planner',
      body: { compoundIds: await suggestedBundle() },
    }),
  'get /api/bundles/proposals': () => call('GET', '/api/bundles/proposals', { as: 'operator' }),
  'post /api/bundles/proposals': async () => createProposal(),
  'get /api/bundles/proposals/{id}': async () =>
    call('GET', `/api/bundles/proposals/${await proposalId()}`, { as: 'planner' }),
  'patch /api/bundles/proposals/{id}': async () => {
    const p = await proposal();
    const res = await call('PATCH', `/api/bundles/proposals/${p.id}`, {
      as: 'planner',
      body: { version: p.version, name: `${p.name}（改）` },
    });
    lastProposal = res.body as typeof lastProposal;
    return res;
  },
  'post /api/bundles/proposals/{id}/approve': async () => proposalAction('approve'),
  'post /api/bundles/proposals/{id}/assign': async () =>
    proposalAction('assign', { provider: { mode: 'street_company' } }),
  'post /api/bundles/proposals/{id}/contract': async () => proposalAction('contract'),
  'post /api/bundles/proposals/{id}/withdraw': async () => {
    const p = (await createProposal(1)).body as { id: number; version: number };
    return call('POST', `/api/bundles/proposals/${p.id}/withdraw`, {
      as: 'planner',
      body: { version: p.version },
    });
  },
  'get /api/committees': () => call('GET', '/api/committees', { as: 'operator' }),
  'get /api/committees/due': () => call('GET', '/api/committees/due', { as: 'district' }),
  'post /api/committees/check': () =>
    call('POST', '/api/committees/check', {
      as: 'district',
      body: { kind: 'elected', members: crew(7, 2) },
    }),
  'get /api/committees/{compoundId}': async () =>
    call('GET', `/api/committees/${await firstCompoundId()}`, { as: 'district' }),
  'post /api/committees/{compoundId}/prepare': committeeSample('none', 'prepare', (version) => ({
    version,
    formedOn: daysAgo(1),
  })),
  'post /api/committees/{compoundId}/elect': committeeSample('preparing', 'elect', (version) => ({
    version,
    electedOn: daysAgo(1),
    termStart: daysAgo(1),
    termEnd: daysAgo(-365),
    members: crew(5, 3),
  })),
  'post /api/committees/{compoundId}/approve': committeeSample(
    'awaiting_approval',
    'approve',
    (version) => ({ version, approvedOn: daysAgo(1) }),
  ),
  'post /api/committees/{compoundId}/temporary': committeeSample(
    'none',
    'temporary',
    (version) => ({
      version,
      formedOn: daysAgo(1),
      termEnd: daysAgo(-365),
      members: crew(5, 0, 'street_office'),
    }),
  ),
  'post /api/committees/{compoundId}/party-group': committeeSample(
    'awaiting_approval',
    'party-group',
    (version) => ({ version, formedOn: daysAgo(1) }),
  ),
  'post /api/committees/{compoundId}/end-term': committeeSample(
    'temporary',
    'end-term',
    (version) => ({
      version,
      endedOn: daysAgo(1),
    }),
  ),
  'post /api/committees/{compoundId}/disclosures': async () => {
    const { id, version } = await committeeIn('temporary');
    return call('POST', `/api/committees/${id}/disclosures`, {
      as: 'district',
      body: {
        version,
        quarter: lastQuarter(),
        publishedOn: daysAgo(1),
        workFunds: true,
        commonRevenue: false,
      },
    });
  },
  'post /api/committees/{compoundId}/evaluations': async () => {
    const { id, version } = await committeeIn('temporary');
    return call('POST', `/api/committees/${id}/evaluations`, {
      as: 'district',
      body: {
        version,
        year: new Date().getUTCFullYear() - 1,
        score: 86,
        comments: '履职良好',
        publishedOn: daysAgo(1),
      },
    });
  },
  'post /api/committees/{compoundId}/meetings': committeeSample(
    'temporary',
    'meetings',
    (version) => ({
      version,
      kind: 'provider_renewal',
      meetingOn: daysAgo(1),
      reportedOn: daysAgo(3),
      attendance: { streetOffice: true, residentsCommittee: true },
      decision: '续聘物业服务人三年',
    }),
  ),
  'post /api/committees/{compoundId}/account-checks': committeeSample(
    'temporary',
    'account-checks',
    (version) => ({ version, checkedOn: daysAgo(1), findings: '收支相符', compliant: true }),
  ),
  'post /api/committees/{compoundId}/violations': committeeSample(
    'temporary',
    'violations',
    (version) => ({
      version,
      memberName: '委员2',
      description: '拒不履行委员职责',
      suspended: true,
      reportedOn: daysAgo(1),
    }),
  ),
  'post /api/committees/{compoundId}/orders': committeeSample('temporary', 'orders', (version) => ({
    version,
    orderedOn: daysAgo(2),
    deadline: daysAgo(-30),
    subject: '重新表决公共收益支出',
  })),
  'post /api/committees/{compoundId}/supervision-group': committeeSample(
    'temporary',
    'supervision-group',
    (version) => ({ version, name: '王书记', role: 'party_organisation', fromDate: daysAgo(1) }),
  ),
  'post /api/committees/{compoundId}/supervision-group/{memberId}/end': async () => {
    const { id, version } = await committeeIn('temporary');
    const joined = (
      await call('POST', `/api/committees/${id}/supervision-group`, {
        as: 'district',
        body: { version, name: '李代表', role: 'resident_representative', fromDate: daysAgo(5) },
      })
    ).body as { version: number; supervisionGroup: { id: number }[] };
    return call(
      'POST',
      `/api/committees/${id}/supervision-group/${joined.supervisionGroup[0]!.id}/end`,
      { as: 'district', body: { version: joined.version, toDate: daysAgo(1) } },
    );
  },
  'post /api/committees/{compoundId}/orders/{orderId}/close': async () => {
    const { id, version } = await committeeIn('temporary');
    const ordered = (
      await call('POST', `/api/committees/${id}/orders`, {
        as: 'district',
        body: { version, orderedOn: daysAgo(2), deadline: daysAgo(-30), subject: '补正会议记录' },
      })
    ).body as { version: number; orders: { id: number }[] };
    return call('POST', `/api/committees/${id}/orders/${ordered.orders[0]!.id}/close`, {
      as: 'district',
      body: { version: ordered.version, outcome: 'corrected', closedOn: daysAgo(1) },
    });
  },
  'get /api/command-feed/status': () => call('GET', '/api/command-feed/status', { as: 'operator' }),
  'post /api/command-feed/messages/{id}/retry': () =>
    call('POST', '/api/command-feed/messages/999999/retry', { as: 'district' }),
  'post /api/command-feed/callbacks': async () => {
    const e = await reportedEvent();
    for (let i = 0; i < 3; i++) {
      await call('POST', `/api/events/${e.id}/actions`, {
        as: 'district',
        body: { action: 'escalate' },
      });
    }
    const body = JSON.stringify({
      contract: 1,
      id: `cb-openapi-${e.id}`,
      eventId: e.id,
      type: 'accept',
    });
    return call('POST', '/api/command-feed/callbacks', {
      body,
      headers: {
        'content-type': 'application/json',
        ...signedHeaders(DEMO_COMMAND_FEED_SECRET, `cb-openapi-${e.id}`, body),
      },
    });
  },
};

let lastProposal: { id: number; version: number; name: string } | null = null;
async function createProposal(bundle = 0) {
  const res = await call('POST', '/api/bundles/proposals', {
    as: 'planner',
    body: { name: `合同测试 ${bundle}`, compoundIds: await suggestedBundle(bundle) },
  });
  if (res.status === 201 && bundle === 0) lastProposal = res.body as typeof lastProposal;
  return res;
}
async function proposal() {
  if (!lastProposal) await createProposal();
  return lastProposal!;
}
const proposalId = async () => (await proposal()).id;
async function proposalAction(action: string, extra: object = {}) {
  const p = await proposal();
  const res = await call('POST', `/api/bundles/proposals/${p.id}/${action}`, {
    as: 'planner',
    body: { version: p.version, ...extra },
  });
  if (res.status === 200) lastProposal = res.body as typeof lastProposal;
  return res;
}

const operations = () =>
  Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.entries(item).map(([method, op]) => ({ key: `${method} ${p}`, op })),
  );

describe('the OpenAPI document (/api/openapi.json)', () => {
  it('is valid OpenAPI 3.1', async () => {
    const result = await new Validator().validate(
      structuredClone(doc) as unknown as Parameters<Validator['validate']>[0],
    );
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('documents every /api route the server mounts, and nothing else', () => {
    const mounted = new Set<string>();
    const files = fs
      .readdirSync('server', { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'));
    for (const file of files) {
      const source = fs.readFileSync(path.join('server', file), 'utf8');
      for (const m of source.matchAll(/\.(get|post|patch|put|delete)\(\s*[`']([^`']+)[`']/g)) {
        const route = m[2]!;
        if (!route.startsWith('/api/')) continue;
        if (/^\/api\/docs/.test(route)) continue; // the reference page and its assets
        // `\\:` in a path is a literal colon (POST /api/events:batch), `:name` a parameter
        const literal = route.split('\\\\:');
        const params = literal.map((part) => part.replace(/:(\w+)/g, '{$1}')).join(':');
        mounted.add(`${m[1]} ${params}`);
      }
    }
    const expanded = [...mounted].flatMap((r) =>
      r === 'get /api/layers/{layer}'
        ? LAYER_NAMES.map((l) => `get /api/layers/${l}`)
        : r.includes('${action}')
          ? ['approve', 'assign', 'contract', 'withdraw'].map((a) => r.replace('${action}', a))
          : r.includes('${segment}')
            ? COMMITTEE_ACTIONS.map((a) => r.replace('${segment}', a.replace('_', '-')))
            : [r],
    );
    const documented = operations().map((o) => o.key);
    expect([...new Set(expanded)].sort()).toEqual([...documented, 'get /api/openapi.json'].sort());
  });

  it('has a sample call for every documented operation', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(
      operations()
        .map((o) => o.key)
        .sort(),
    );
  });

  it('matches what every documented operation answers', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ ...doc, $id: 'openapi' });
    const seen: string[] = [];
    for (const { key, op } of operations()) {
      const answer = await SAMPLES[key]!();
      const documented = op.responses[String(answer.status)];
      expect(documented, `${key} answered an undocumented ${answer.status}`).toBeDefined();
      seen.push(`${key} ${answer.status}`);
      if (!documented!.content) {
        expect(answer.body, `${key} ${answer.status} has no body`).toBeUndefined();
        continue;
      }
      expect(Object.keys(documented!.content), key).toContain(answer.type);
      const [method, route] = key.split(' ') as [string, string];
      const pointer = [
        'paths',
        route,
        method,
        'responses',
        String(answer.status),
        'content',
        answer.type,
        'schema',
      ]
        .map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1'))
        .join('/');
      const validate = ajv.compile({ $ref: `openapi#/${pointer}` });
      expect(
        validate(answer.body),
        `${key} ${answer.status}: ${JSON.stringify(validate.errors)}`,
      ).toBe(true);
    }
    // the samples reach the success answers, not only errors (the retry of an unknown letter is a 404)
    expect(seen.filter((s) => !/ 2\d\d$/.test(s))).toEqual([
      'post /api/command-feed/messages/{id}/retry 404',
    ]);
  });

  it('refuses an answer with a property it does not document', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    ajv.addSchema({ ...doc, $id: 'openapi' });
    const validate = ajv.compile({ $ref: 'openapi#/components/schemas/Health' });
    const health = {
      status: 'ok',
      engine: 'postgres',
      postgis: '3.3',
      migration: 20,
      dataOrigin: 'demonstration',
    };
    expect(validate(health)).toBe(true);
    expect(validate({ ...health, secret: 'x' })).toBe(false);
    expect(validate({ ...health, engine: 'mysql' })).toBe(false);
  });
});

describe('the reference page (/api/docs)', () => {
  it('is served from this origin with the Swagger UI bundle, and points at the document', async () => {
    const page = await fetch(`${server.url}/api/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script src="/api/docs/swagger-ui-bundle.js"></script>');
    const init = await (await fetch(`${server.url}/api/docs/docs-init.js`)).text();
    expect(init).toContain("url: '/api/openapi.json'");
    const bundle = await fetch(`${server.url}/api/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    // only the two assets the page needs; the package's demo page is not served
    expect((await fetch(`${server.url}/api/docs/index.html`)).status).toBe(404);
  });
});

describe('what an outsider may send to the contract routes', () => {
  it('serves no file outside the two assets, refuses other methods, and survives a flood', async () => {
    for (const probe of [
      '/api/docs/..%2f..%2fpackage.json',
      '/api/docs/swagger-ui-bundle.js.map',
      '/api/docs/swagger-initializer.js',
      '/api/docs/%00',
    ]) {
      const res = await fetch(server.url + probe);
      expect(res.status, probe).toBe(404);
      expect(await res.text(), probe).not.toContain('"dependencies"');
    }
    // (fetch normalises /api/docs/%2e%2e/… to /package.json before sending: outside /api that is
    // the client's page when it is built, or a 404, never the file)
    expect(await (await fetch(`${server.url}/package.json`)).text()).not.toContain(
      '"dependencies"',
    );
    expect((await fetch(`${server.url}/api/openapi.json`, { method: 'POST' })).status).toBe(404);
    const flood = await Promise.all(
      Array.from({ length: 200 }, () => fetch(`${server.url}/api/openapi.json?x=%00`)),
    );
    expect(new Set(flood.map((r) => r.status))).toEqual(new Set([200]));
    await Promise.all(flood.map((r) => r.arrayBuffer()));
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
