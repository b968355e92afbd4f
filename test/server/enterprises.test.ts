import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  EnterpriseFile,
  EnterpriseRecord,
  EnterpriseSummary,
  InspectionDraw,
  RedBlackList,
} from '../../common/enterprises.ts';
import type { WallSummary } from '../../common/wall.ts';
import { DEFAULT_SCORE_RULE, rankRedBlack } from '../../server/enterprises/credit-score.ts';
import { drawInspection } from '../../server/enterprises/inspection-draw.ts';
import { loginAs, reportEvent, startTestServer, type TestServer } from '../helpers/test-server.ts';

// The enterprises' supervision on a real PostGIS (三(四), 三(五)): the register's write paths, the
// 双随机 draw reproducible from its published seed, results whose failures enter the credit file and
// move the score with the record named, interviews answered by the enterprise's own user by the
// deadline and closed with an outcome, the period's red/black list on the wall; scopes and bad input.

let clock = new Date('2026-12-04T08:00:00Z');
let server: TestServer;
const tokens: Record<string, string> = {};

type Reply<T> = {
  status: number;
  body: T & { error?: { code: string; message: string; field?: string } };
};

async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  as: string | null = 'district',
): Promise<Reply<T>> {
  const res = await fetch(server.url + path, {
    method,
    headers: {
      ...(as ? { authorization: `Bearer ${tokens[as]}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Reply<T>['body'] };
}

const fileOf = async (id: number) =>
  (await call<EnterpriseFile>('GET', `/api/enterprises/${id}/file`)).body;
const count = async (sql: string) => Number((await server.db.query<{ n: string }>(sql))[0]!.n);

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  for (const u of ['district', 'ent1', 'kaiyuan', 'community', 'operator', 'planner', 'grid1']) {
    tokens[u] = await loginAs(server, u);
  }
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('the enterprise register', () => {
  const valid = {
    name: '示例物业测试号',
    creditCode: '9144030071526726XG',
    founded: 2015,
    address: '鲤城区示例路 99 号（示例地址）',
    partyOrg: 'branch',
    charterPartyClause: true,
  };

  it('refuses a credit code with a wrong check character, naming the field and the standard', async () => {
    const r = await call('POST', '/api/enterprises', {
      ...valid,
      creditCode: '9144030071526726XH',
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toEqual({
      code: 'bad_request',
      field: 'creditCode',
      message:
        'creditCode: expected an 18-character unified social credit code (GB 32100-2015) with both check characters right',
    });
  });

  it('registers, corrects with the version seen (409 when stale) and audits both', async () => {
    const created = await call<EnterpriseRecord>('POST', '/api/enterprises', valid);
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toEqual({ id, ...valid, version: 1 });
    const edited = await call<EnterpriseRecord>('PATCH', `/api/enterprises/${id}`, {
      version: 1,
      partyOrg: 'joint_branch',
    });
    expect(edited.body).toEqual({ id, ...valid, partyOrg: 'joint_branch', version: 2 });
    const stale = await call('PATCH', `/api/enterprises/${id}`, { version: 1, address: 'x' });
    expect(stale.status).toBe(409);
    const audit = await server.db.query<{ action: string; actor: string; before: unknown }>(
      'SELECT action, actor, before FROM enterprise_audit WHERE enterprise_id = $1 ORDER BY id',
      [id],
    );
    expect(audit).toEqual([
      { action: 'create', actor: 'district', before: null },
      {
        action: 'edit',
        actor: 'district',
        before: {
          name: valid.name,
          creditCode: valid.creditCode,
          founded: 2015,
          address: valid.address,
          partyOrg: 'branch',
          charterPartyClause: true,
        },
      },
    ]);
  });

  it('refuses a second enterprise with the same credit code (409 naming the field)', async () => {
    const r = await call('POST', '/api/enterprises', { ...valid, name: '示例物业另一号' });
    expect(r.status).toBe(409);
    expect(r.body.error?.field).toBe('creditCode');
  });

  it('is kept by the housing bureau only (district admin)', async () => {
    const other = { ...valid, name: '示例物业街道号', creditCode: '91330100716105852F' };
    expect((await call('POST', '/api/enterprises', other, 'kaiyuan')).status).toBe(403);
    expect((await call('POST', '/api/enterprises', other, 'ent1')).status).toBe(403);
    expect((await call('POST', '/api/enterprises', other, null)).status).toBe(401);
  });
});

describe('the enterprise role', () => {
  it('reads its own file and no other (403), nor the register', async () => {
    const own = await call<EnterpriseFile>('GET', '/api/enterprises/1/file', undefined, 'ent1');
    expect(own.status).toBe(200);
    expect(own.body.enterprise.name).toBe('示例物业一号');
    expect(own.body.compounds.length).toBe(
      await count('SELECT count(*) AS n FROM compounds WHERE enterprise_id = 1'),
    );
    expect((await call('GET', '/api/enterprises/2/file', undefined, 'ent1')).status).toBe(403);
    expect((await call('GET', '/api/enterprises/register', undefined, 'ent1')).status).toBe(403);
    expect((await call('GET', '/api/enterprises/1/file', undefined, 'planner')).status).toBe(403);
    expect((await call('GET', '/api/enterprises/1/file', undefined, 'grid1')).status).toBe(403);
  });

  it('is granted by the district admin only, with exactly one existing enterprise', async () => {
    const user = (scope: object, role = 'enterprise') => ({
      username: 'ent2',
      displayName: '示例物业二号（企业用户）',
      role,
      password: 'licheng-test-2026',
      scope: { streets: [], communities: [], grids: [], ...scope },
    });
    const none = await call('POST', '/api/users', user({}));
    expect([none.status, none.body.error?.message]).toEqual([
      400,
      'scope.enterpriseId: an enterprise user has exactly 1 enterprise, got none',
    ]);
    const grid = await call('POST', '/api/users', user({ enterpriseId: 2 }, 'grid_manager'));
    expect([grid.status, grid.body.error?.field]).toEqual([400, 'scope.enterpriseId']);
    const unknown = await call('POST', '/api/users', user({ enterpriseId: 9999 }));
    expect([unknown.status, unknown.body.error?.message]).toEqual([
      400,
      'scope.enterpriseId: unknown enterprise 9999',
    ]);
    expect((await call('POST', '/api/users', user({ enterpriseId: 2 }), 'kaiyuan')).status).toBe(
      403,
    );
    const created = await call<{ id: number; role: string; scope: object }>(
      'POST',
      '/api/users',
      user({ enterpriseId: 2 }),
    );
    expect(created.status).toBe(201);
    expect([created.body.role, created.body.scope]).toEqual([
      'enterprise',
      { streets: [], communities: [], grids: [], enterpriseId: 2 },
    ]);
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ent2', password: 'licheng-test-2026' }),
    });
    tokens.ent2 = ((await login.json()) as { token: string }).token;
    expect((await call('GET', '/api/enterprises/2/file', undefined, 'ent2')).status).toBe(200);
    expect((await call('GET', '/api/enterprises/1/file', undefined, 'ent2')).status).toBe(403);
  });

  it('knows its enterprise from its session', async () => {
    const me = await call<{ role: string; scope: { enterpriseId?: number } }>(
      'GET',
      '/api/auth/me',
      undefined,
      'ent1',
    );
    expect([me.body.role, me.body.scope.enterpriseId]).toEqual(['enterprise', 1]);
  });
});

describe('inspections 双随机、一公开', () => {
  const INSPECTORS = ['陈一', '林二', '黄三', '吴四'];

  it('draws from the published seed: the same candidates and seed give the same draw', async () => {
    const r = await call<InspectionDraw>('POST', '/api/inspections/draws', {
      period: '2026Q4',
      seed: 20261204,
      enterpriseCount: 4,
      inspectorCount: 3,
      inspectors: INSPECTORS,
      stratified: true,
    });
    expect(r.status).toBe(201);
    const d = r.body;
    expect([d.seed, d.stratified, d.enterpriseCount, d.inspectorCount]).toEqual([
      20261204,
      true,
      4,
      3,
    ]);
    expect(d.candidates.length).toBe(
      await count('SELECT count(DISTINCT enterprise_id) AS n FROM compounds'),
    );
    expect(d.drawn).toEqual(drawInspection({ ...d, stratified: true }));
    expect(d.drawn).toHaveLength(4);
    // published without a login
    const published = await call<InspectionDraw[]>(
      'GET',
      '/api/inspections/draws',
      undefined,
      null,
    );
    expect(published.body.map((x) => [x.id, x.seed, x.drawn])).toEqual([[d.id, 20261204, d.drawn]]);
  });

  it('refuses more enterprises than serve compounds, or more inspectors than given', async () => {
    const base = {
      period: '2026Q4',
      enterpriseCount: 1,
      inspectorCount: 1,
      inspectors: INSPECTORS,
    };
    const many = await call('POST', '/api/inspections/draws', { ...base, enterpriseCount: 1000 });
    expect([many.status, many.body.error?.field]).toEqual([400, 'enterpriseCount']);
    const five = await call('POST', '/api/inspections/draws', { ...base, inspectorCount: 5 });
    expect([five.status, five.body.error?.field]).toEqual([400, 'inspectorCount']);
    const period = await call('POST', '/api/inspections/draws', { ...base, period: '2026Q5' });
    expect([period.status, period.body.error?.message]).toEqual([
      400,
      'period: expected a period YYYY or YYYYQ1–YYYYQ4, e.g. 2026Q4',
    ]);
    expect((await call('POST', '/api/inspections/draws', base, 'kaiyuan')).status).toBe(403);
  });

  it('records results; a failed item enters the credit file and the score names it', async () => {
    const [draw] = (await call<InspectionDraw[]>('GET', '/api/inspections/draws')).body;
    const id = draw!.drawn[0]!.enterpriseId;
    const before = await fileOf(id);
    const compoundId = before.compounds[0]!.id;
    const r = await call<InspectionDraw>('POST', `/api/inspections/draws/${draw!.id}/results`, {
      enterpriseId: id,
      version: before.enterprise.version,
      inspectedOn: '2026-12-03',
      items: [
        { item: '消防通道', passed: false, note: '堵塞', compoundId },
        { item: '电梯维保', passed: true },
      ],
    });
    expect(r.status).toBe(201);
    expect(r.body.results).toEqual([
      {
        enterpriseId: id,
        item: '消防通道',
        passed: false,
        note: '堵塞',
        inspectedOn: '2026-12-03',
      },
      { enterpriseId: id, item: '电梯维保', passed: true, note: '', inspectedOn: '2026-12-03' },
    ]);
    const after = await fileOf(id);
    const failure = after.records.find((x) => x.kind === 'inspection_failure')!;
    expect(failure).toMatchObject({ onDate: '2026-12-03', compoundId, recordedBy: 'district' });
    expect(failure.details).toEqual({
      drawId: draw!.id,
      period: '2026Q4',
      item: '消防通道',
      note: '堵塞',
    });
    expect(after.credit.score).toBe(Math.round((before.credit.score - 5) * 10) / 10);
    expect(after.credit.components.find((c) => c.key === 'inspection_failure')).toEqual({
      key: 'inspection_failure',
      points: -5,
      source: { kind: 'record', id: failure.id, onDate: '2026-12-03', note: '消防通道: 堵塞' },
    });
    expect(after.compounds[0]!.stars).toBe(before.compounds[0]!.stars - 1);
    expect(after.enterprise.version).toBe(before.enterprise.version + 1);
  });

  it('refuses an item recorded twice, a stale version, an enterprise not drawn; writes nothing', async () => {
    const [draw] = (await call<InspectionDraw[]>('GET', '/api/inspections/draws')).body;
    const id = draw!.drawn[0]!.enterpriseId;
    const { version } = (await fileOf(id)).enterprise;
    const records = await count('SELECT count(*) AS n FROM enterprise_records');
    const results = await count('SELECT count(*) AS n FROM inspection_results');
    const post = (body: object) =>
      call(`POST`, `/api/inspections/draws/${draw!.id}/results`, {
        enterpriseId: id,
        version,
        inspectedOn: '2026-12-03',
        items: [{ item: '绿化养护', passed: false }],
        ...body,
      });
    const twice = await post({
      items: [
        { item: '绿化养护', passed: false },
        { item: '消防通道', passed: true },
      ],
    });
    expect([twice.status, twice.body.error?.field]).toEqual([409, 'items.1.item']);
    expect((await post({ version: version - 1 })).status).toBe(409);
    const notDrawn = draw!.candidates.find(
      (c) => !draw!.drawn.some((x) => x.enterpriseId === c.id),
    )!;
    const other = await post({ enterpriseId: notDrawn.id });
    expect([other.status, other.body.error?.field]).toEqual([400, 'enterpriseId']);
    const future = await post({ inspectedOn: '2026-12-05' });
    expect([future.status, future.body.error?.field]).toEqual([400, 'inspectedOn']);
    expect(await count('SELECT count(*) AS n FROM enterprise_records')).toBe(records);
    expect(await count('SELECT count(*) AS n FROM inspection_results')).toBe(results);
  });
});

describe('interviews (约谈) and rectification', () => {
  it('is opened by the bureau with a deadline, answered by the enterprise, and moves the score', async () => {
    const before = await fileOf(1);
    const opened = await call<EnterpriseFile>('POST', '/api/enterprises/1/interviews', {
      version: before.enterprise.version,
      reason: 'low_satisfaction',
      subject: '（测试）居民满意度低',
      deadline: '2026-12-10',
    });
    expect(opened.status).toBe(201);
    const interview = opened.body.interviews.at(-1)!;
    expect(interview).toEqual({
      id: interview.id,
      reason: 'low_satisfaction',
      subject: '（测试）居民满意度低',
      openedOn: '2026-12-04',
      deadline: '2026-12-10',
      answer: null,
      answeredOn: null,
      outcome: null,
      closedOn: null,
    });
    expect(opened.body.credit.score).toBe(Math.round((before.credit.score - 3) * 10) / 10);
    const path = `/api/enterprises/1/interviews/${interview.id}/answer`;
    const version = opened.body.enterprise.version;
    // only the enterprise's own user answers
    expect((await call('POST', path, { version, answer: '已整改' }, 'district')).status).toBe(403);
    const answered = await call<EnterpriseFile>(
      'POST',
      path,
      { version, answer: '已整改' },
      'ent1',
    );
    expect(answered.status).toBe(200);
    expect(answered.body.interviews.at(-1)).toMatchObject({
      answer: '已整改',
      answeredOn: '2026-12-04',
    });
    const again = await call(
      'POST',
      path,
      { version: answered.body.enterprise.version, answer: '再答' },
      'ent1',
    );
    expect([again.status, again.body.error?.message]).toEqual([
      409,
      `Interview ${interview.id} was answered on 2026-12-04`,
    ]);
  });

  it('is not answered after its deadline (409), and a late outcome leaves a 不良行为 record', async () => {
    const before = await fileOf(1);
    const opened = await call<EnterpriseFile>('POST', '/api/enterprises/1/interviews', {
      version: before.enterprise.version,
      reason: 'large_dispute',
      subject: '（测试）重大纠纷',
      deadline: '2026-12-05',
    });
    const interview = opened.body.interviews.at(-1)!;
    clock = new Date('2026-12-06T08:00:00Z');
    const saved = { ...tokens };
    // the sessions of two days ago have expired (SESSION_TTL_HOURS 12)
    for (const u of ['district', 'ent1']) tokens[u] = await loginAs(server, u);
    try {
      const late = await call(
        'POST',
        `/api/enterprises/1/interviews/${interview.id}/answer`,
        { version: opened.body.enterprise.version, answer: '迟到的答复' },
        'ent1',
      );
      expect([late.status, late.body.error?.message]).toEqual([
        409,
        `Interview ${interview.id}'s deadline 2026-12-05 has passed (today is 2026-12-06)`,
      ]);
      const closed = await call<EnterpriseFile>(
        'POST',
        `/api/enterprises/1/interviews/${interview.id}/close`,
        { version: opened.body.enterprise.version, outcome: 'late' },
      );
      expect(closed.status).toBe(200);
      const conduct = closed.body.records.at(-1)!;
      expect(conduct).toMatchObject({
        kind: 'bad_conduct',
        onDate: '2026-12-06',
        details: { interviewId: interview.id, outcome: 'late', description: '（测试）重大纠纷' },
      });
      expect(closed.body.credit.components.find((c) => c.source.id === conduct.id)).toEqual({
        key: 'bad_conduct',
        points: -10,
        source: { kind: 'record', id: conduct.id, onDate: '2026-12-06', note: '（测试）重大纠纷' },
      });
    } finally {
      clock = new Date('2026-12-04T08:00:00Z');
      Object.assign(tokens, saved);
    }
  });

  it('refuses a deadline before today and an unknown reason, naming the field', async () => {
    const { version } = (await fileOf(1)).enterprise;
    const past = await call('POST', '/api/enterprises/1/interviews', {
      version,
      reason: 'poor_service',
      subject: 'x',
      deadline: '2026-12-03',
    });
    expect([past.status, past.body.error?.message]).toEqual([
      400,
      'deadline: 2026-12-03 is before today (2026-12-04)',
    ]);
    const reason = await call('POST', '/api/enterprises/1/interviews', {
      version,
      reason: 'rude',
      subject: 'x',
      deadline: '2026-12-09',
    });
    expect([reason.status, reason.body.error?.message]).toEqual([
      400,
      'reason: expected one of poor_service, large_dispute, low_satisfaction',
    ]);
  });
});

describe('evaluations and 党建联建 by streets and communities', () => {
  it('lets a street admin evaluate as their street an enterprise serving a compound there', async () => {
    const [row] = await server.db.query<{ id: number; street: string; other: string }>(
      `SELECT c.enterprise_id AS id, u.scope_streets[1] AS street,
              (SELECT code FROM streets WHERE code <> u.scope_streets[1] ORDER BY code LIMIT 1) AS other
       FROM compounds c JOIN users u ON u.username = 'kaiyuan'
       WHERE c.street_code = u.scope_streets[1] AND c.enterprise_id IS NOT NULL
       ORDER BY c.enterprise_id LIMIT 1`,
    );
    const { version } = (await fileOf(row!.id)).enterprise;
    const evaluation = {
      kind: 'evaluation',
      version,
      onDate: '2026-12-01',
      year: 2026,
      unitCode: row!.street,
      contractPerformance: 90,
      partyBuilding: 70,
      comments: '（测试）',
    };
    const asOther = await call(
      'POST',
      `/api/enterprises/${row!.id}/records`,
      { ...evaluation, unitCode: row!.other },
      'kaiyuan',
    );
    expect(asOther.status).toBe(403);
    const r = await call<EnterpriseFile>(
      'POST',
      `/api/enterprises/${row!.id}/records`,
      evaluation,
      'kaiyuan',
    );
    expect(r.status).toBe(201);
    expect(r.body.records.find((x) => x.recordedBy === 'kaiyuan')).toMatchObject({
      kind: 'evaluation',
      recordedBy: 'kaiyuan',
      details: {
        year: 2026,
        unitCode: row!.street,
        contractPerformance: 90,
        partyBuilding: 70,
        comments: '（测试）',
      },
    });
    const bad = await call(
      'POST',
      `/api/enterprises/${row!.id}/records`,
      { ...evaluation, version: version + 1, contractPerformance: 101 },
      'kaiyuan',
    );
    expect([bad.status, bad.body.error?.message]).toEqual([
      400,
      'contractPerformance: expected a mark 0–100',
    ]);
  });

  it('refuses a street admin for an enterprise serving nothing in their street, and 不良行为 from a street', async () => {
    const [row] = await server.db.query<{ id: number }>(
      `SELECT e.id FROM enterprises e JOIN users u ON u.username = 'kaiyuan'
       WHERE EXISTS (SELECT 1 FROM compounds c WHERE c.enterprise_id = e.id)
         AND NOT EXISTS (SELECT 1 FROM compounds c WHERE c.enterprise_id = e.id AND c.street_code = u.scope_streets[1])
       ORDER BY e.id LIMIT 1`,
    );
    const { version } = (await fileOf(row!.id)).enterprise;
    const step = {
      kind: 'party_building',
      version,
      onDate: '2026-12-01',
      step: 'report',
      person: '张三',
    };
    expect(
      (await call('POST', `/api/enterprises/${row!.id}/records`, step, 'kaiyuan')).status,
    ).toBe(403);
    const conduct = { kind: 'bad_conduct', version, onDate: '2026-12-01', description: 'x' };
    const r = await call('POST', `/api/enterprises/${row!.id}/records`, conduct, 'kaiyuan');
    expect([r.status, r.body.error?.message]).toEqual([
      403,
      'A bad_conduct record is for district_admin',
    ]);
  });
});

describe("residents' satisfaction", () => {
  it('takes the feedback on resolved events in the compounds into the score and the stars', async () => {
    const [row] = await server.db.query<{ enterprise: number; compound: number }>(
      `SELECT enterprise_id AS enterprise, min(id)::int AS compound FROM compounds
       WHERE enterprise_id IS NOT NULL GROUP BY enterprise_id ORDER BY enterprise_id DESC LIMIT 1`,
    );
    // the audit's times are the database's clock: take the scores on the real day
    const saved = { clock, tokens: { ...tokens } };
    clock = new Date();
    tokens.district = await loginAs(server, 'district');
    const before = await fileOf(row!.enterprise);
    expect(before.credit.components.some((c) => c.key === 'satisfaction')).toBe(false);
    const event = await reportEvent(server, {
      description: '（测试）楼道灯不亮',
      location: { compoundId: row!.compound },
    });
    const act = async (action: string, extra: object = {}) => {
      const r = await call<{ state: string }>('POST', `/api/events/${event.id}/actions`, {
        action,
        ...extra,
      });
      expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
    };
    await act('accept');
    await act('dispatch', { assignee: '示例物业维修班' });
    await act('start');
    await act('resolve', { note: '已修复' });
    await act('reopen', { note: '居民不满意' }); // unsatisfied
    await act('resolve', { note: '已更换灯具' });
    await act('close', { note: '居民满意' }); // satisfied
    const after = await fileOf(row!.enterprise);
    // (1/2 − 0.8) × 20 = −6
    expect(after.credit.components.find((c) => c.key === 'satisfaction')).toEqual({
      key: 'satisfaction',
      points: -6,
      source: { kind: 'feedback', id: null, onDate: null, note: '1/2' },
    });
    expect(after.credit.score).toBe(Math.round((before.credit.score - 6) * 10) / 10);
    const compound = after.compounds.find((c) => c.id === row!.compound)!;
    expect(compound.satisfaction).toEqual({ satisfied: 1, unsatisfied: 1 });
    expect(compound.stars).toBe(before.compounds.find((c) => c.id === row!.compound)!.stars - 1);
    expect(after.events.find((e) => e.id === event.id)).toMatchObject({
      compoundId: row!.compound,
      state: 'closed',
    });
    clock = saved.clock;
    Object.assign(tokens, saved.tokens);
  });
});

describe('the red/black list', () => {
  it('publishes the period from the scores with its rule, once, and the wall shows it', async () => {
    const register = (await call<EnterpriseSummary[]>('GET', '/api/enterprises/register')).body;
    const expected = rankRedBlack(
      register
        .filter((e) => e.compounds > 0)
        .map((e) => ({ id: e.id, name: e.name, score: e.score, compounds: e.compounds })),
    );
    const r = await call<RedBlackList>('POST', '/api/red-black-lists', { period: '2026Q4' });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      id: r.body.id,
      period: '2026Q4',
      asOf: '2026-12-04',
      publishedOn: '2026-12-04',
      rule: DEFAULT_SCORE_RULE,
      ...expected,
    });
    expect(r.body.black.length).toBeGreaterThan(0);
    expect((await call('POST', '/api/red-black-lists', { period: '2026Q4' })).status).toBe(409);
    const future = await call('POST', '/api/red-black-lists', { period: '2027Q1' });
    expect([future.status, future.body.error?.message]).toEqual([
      400,
      'period: 2027Q1 has not begun (today is 2026-12-04)',
    ]);
    // public, newest first: this one, then the demonstration list of the quarter before
    const history = await call<RedBlackList[]>('GET', '/api/red-black-lists', undefined, null);
    expect(history.body.map((l) => l.period)).toEqual(['2026Q4', '2026Q3']);
    const wall = (await call<WallSummary>('GET', '/api/wall/summary', undefined, 'operator')).body;
    expect(wall.enterprises).toEqual({
      period: '2026Q4',
      publishedOn: '2026-12-04',
      redMin: DEFAULT_SCORE_RULE.redMin,
      blackMax: DEFAULT_SCORE_RULE.blackMax,
      red: expected.red.slice(0, 5),
      black: expected.black.slice(0, 5),
    });
  });

  it('is published by the housing bureau only', async () => {
    expect((await call('POST', '/api/red-black-lists', { period: '2026' }, 'kaiyuan')).status).toBe(
      403,
    );
    expect((await call('POST', '/api/red-black-lists', { period: '2026' }, 'ent1')).status).toBe(
      403,
    );
  });
});
