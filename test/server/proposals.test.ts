import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageProgress, CoverageSummary, UnmanagedCompound } from '../../common/api.ts';
import type { LoginResult } from '../../common/auth.ts';
import type {
  Bundle,
  BundleProposal,
  BundleProposalDetail,
  BundlingProgress,
  BundlingResult,
  NeighbourGraph,
} from '../../common/bundling.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../common/events.ts';
import { DEMO_PASSWORD } from '../../server/auth/auth-queries.ts';
import { findNeighbourGraph } from '../../server/bundling/bundling-queries.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

// Bundle proposals on a real PostGIS: save, edit, approve, assign, contract, withdraw; every bad
// input refused with nothing written; contracting moves the coverage figures; who may do what.

const KAIYUAN = '350502004000';
const TODAY = '2024-05-20'; // the server's clock: between the baseline and the first target
let server: TestServer;
let graph: NeighbourGraph;
let suggestion: BundlingResult;
const tokens: Record<string, string> = {};
type Reply<T> = {
  status: number;
  body: T & { error?: { code: string; message: string; field?: string } };
};

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date(`${TODAY}T08:00:00Z`) });
  for (const u of ['planner', 'kaiyuan', 'grid1', 'operator', 'district']) {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: u, password: DEMO_PASSWORD }),
    });
    tokens[u] = ((await res.json()) as LoginResult).token;
  }
  graph = await findNeighbourGraph(server.db, {
    neighbourDistanceM: 150,
    unit: 'community',
    streetCode: null,
  });
  suggestion = (await call<BundlingResult>('POST', '/api/bundles/suggest', {}, 'planner')).body;
});
afterAll(async () => {
  await server?.close();
});

async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  as?: string,
): Promise<Reply<T>> {
  const res = await fetch(server.url + path, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(as ? { authorization: `Bearer ${tokens[as]}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Reply<T>['body'] };
}

const counts = async () => {
  const [row] = await server.db.query<{ p: number; c: number; a: number; h: number }>(
    `SELECT (SELECT count(*)::int FROM bundle_proposals) AS p,
            (SELECT count(*)::int FROM bundle_proposal_compounds) AS c,
            (SELECT count(*)::int FROM bundle_proposal_audit) AS a,
            (SELECT count(*)::int FROM coverage_history) AS h`,
  );
  return row!;
};

// suggested bundles, each used by one test so that reservations do not collide
const streetOf = (id: number) => graph.compounds.find((c) => c.id === id)!.streetCode;
const unanchored = () => suggestion.bundles.filter((b) => b.anchorId === null);
function takeBundle(where: (b: Bundle) => boolean): Bundle {
  const b = suggestion.bundles.find((x) => where(x) && !taken.has(x.compoundIds[0]!));
  if (!b) throw new Error('no suggested bundle left for this test');
  taken.add(b.compoundIds[0]!);
  return b;
}
const taken = new Set<number>();

describe('saving a proposal', () => {
  it('saves a suggested bundle as a draft with its figures and an audit record', async () => {
    const b = takeBundle((x) => x.anchorId === null);
    const { status, body } = await call<BundleProposal>(
      'POST',
      '/api/bundles/proposals',
      { name: '  东片打包  ', compoundIds: [...b.compoundIds].reverse() },
      'planner',
    );
    expect(status).toBe(201);
    expect(body).toMatchObject({
      name: '东片打包',
      state: 'draft',
      unitCode: b.unitCode,
      streetCode: streetOf(b.compoundIds[0]!),
      compoundIds: b.compoundIds,
      anchorId: null,
      households: b.households,
      unmanagedHouseholds: b.unmanagedHouseholds,
      unmanagedCompounds: b.unmanagedCompounds,
      provider: null,
      contractedOn: null,
      createdBy: 'planner',
      version: 1,
    });
    const detail = await call<BundleProposalDetail>(
      'GET',
      `/api/bundles/proposals/${body.id}`,
      undefined,
      'planner',
    );
    expect(detail.body.audit).toEqual([
      expect.objectContaining({
        actor: 'planner',
        action: 'create',
        fromState: null,
        toState: 'draft',
      }),
    ]);
    // a compound sits in one open proposal only
    const again = await call<BundleProposal>(
      'POST',
      '/api/bundles/proposals',
      { name: '重复', compoundIds: b.compoundIds },
      'planner',
    );
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'conflict', field: 'compoundIds' });
    expect(again.body.error!.message).toContain(`already in open proposal ${body.id} (东片打包)`);
  });

  it('refuses every broken rule with a 400 naming it, and writes nothing', async () => {
    const before = await counts();
    const managed = graph.compounds.find((c) => c.coverageMode !== 'none')!;
    const [x, y] = unanchored();
    const cases: [unknown, string, string][] = [
      [{ name: 'a', compoundIds: [999_999] }, 'compoundIds', 'Unknown compound'],
      [{ name: 'a', compoundIds: [managed.id] }, 'compoundIds', 'at least one unmanaged'],
      [
        { name: 'a', compoundIds: [x!.compoundIds[0], y!.compoundIds[0]] },
        'compoundIds',
        x!.unitCode === y!.unitCode ? 'not connected' : 'units',
      ],
      [{ name: '', compoundIds: x!.compoundIds }, 'name', '1–100 characters'],
      [{ name: 'a', compoundIds: [] }, 'compoundIds', 'at least 1'],
      [
        { name: 'a', compoundIds: x!.compoundIds, options: { minHouseholds: 0 } },
        'options.minHouseholds',
        '[1, 100000]',
      ],
      [{ name: 'a', compoundIds: x!.compoundIds, extra: 1 }, 'extra', 'nrecognized'],
    ];
    for (const [body, field, message] of cases) {
      const res = await call('POST', '/api/bundles/proposals', body, 'planner');
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error!.field).toBe(field);
      expect(res.body.error!.message.toLowerCase()).toContain(message.toLowerCase());
    }
    expect(await counts()).toEqual(before);
  });

  it('lets planners and district admins plan everywhere, a street admin in its street, no one else', async () => {
    const outside = takeBundle((b) => streetOf(b.compoundIds[0]!) !== KAIYUAN);
    const body = { name: 'x', compoundIds: outside.compoundIds };
    expect((await call('POST', '/api/bundles/proposals', body)).status).toBe(401);
    expect((await call('POST', '/api/bundles/proposals', body, 'grid1')).status).toBe(403);
    expect((await call('POST', '/api/bundles/proposals', body, 'operator')).status).toBe(403);
    const street = await call('POST', '/api/bundles/proposals', body, 'kaiyuan');
    expect(street.status).toBe(403);
    expect(street.body.error!.message).toBe(`You plan in street ${KAIYUAN} only`);
    expect((await call('GET', '/api/bundles/proposals', undefined, 'operator')).status).toBe(200);
    expect((await call('GET', '/api/bundles/proposals', undefined, 'grid1')).status).toBe(403);
    const own = takeBundle((b) => streetOf(b.compoundIds[0]!) === KAIYUAN);
    const mine = await call<BundleProposal>(
      'POST',
      '/api/bundles/proposals',
      { name: '开元一号', compoundIds: own.compoundIds },
      'kaiyuan',
    );
    expect(mine.status).toBe(201);
    const list = await call<BundleProposal[]>(
      'GET',
      '/api/bundles/proposals',
      undefined,
      'kaiyuan',
    );
    expect(list.body.every((p) => p.streetCode === KAIYUAN)).toBe(true);
    expect(list.body.map((p) => p.id)).toContain(mine.body.id);
  });
});

describe('the life of a proposal', () => {
  it('edits a draft, approves, assigns a provider and contracts it: coverage moves', async () => {
    // anchored: the managed anchor keeps its provider, its unmanaged neighbours take the new one
    const b = takeBundle((x) => x.anchorId !== null && x.unmanagedCompounds >= 2);
    const members = b.compoundIds.filter((cid) => cid !== b.anchorId);
    const street = streetOf(b.compoundIds[0]!);
    const coverageBefore = (await call<CoverageSummary>('GET', '/api/coverage')).body;
    const streetBefore = (
      await call<CoverageProgress>(
        'GET',
        `/api/coverage/progress?streetCode=${street}`,
        undefined,
        'planner',
      )
    ).body;
    const unmanagedBefore = (
      await call<UnmanagedCompound[]>(
        'GET',
        `/api/coverage/unmanaged?streetCode=${street}`,
        undefined,
        'planner',
      )
    ).body;
    const historyBefore = (await counts()).h;

    const created = await call<BundleProposal>(
      'POST',
      '/api/bundles/proposals',
      { name: '草稿', compoundIds: b.compoundIds },
      'planner',
    );
    const id = created.body.id;
    const listed = (
      await call<UnmanagedCompound[]>(
        'GET',
        `/api/coverage/unmanaged?streetCode=${street}`,
        undefined,
        'planner',
      )
    ).body;
    expect(listed.find((u) => u.id === members[0])!.proposal).toEqual({ id, state: 'draft' });

    const renamed = await call<BundleProposal>(
      'PATCH',
      `/api/bundles/proposals/${id}`,
      { version: 1, name: '西街打包' },
      'planner',
    );
    expect(renamed.body).toMatchObject({
      name: '西街打包',
      version: 2,
      compoundIds: b.compoundIds,
    });
    const stale = await call(
      'POST',
      `/api/bundles/proposals/${id}/approve`,
      { version: 1 },
      'planner',
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'conflict', field: 'version' });

    const early = await call(
      'POST',
      `/api/bundles/proposals/${id}/contract`,
      { version: 2 },
      'planner',
    );
    expect(early.status).toBe(409);
    expect(early.body.error!.message).toBe(
      'Action contract is not allowed in state draft (allowed from: approved)',
    );

    const approved = await call<BundleProposal>(
      'POST',
      `/api/bundles/proposals/${id}/approve`,
      { version: 2, note: '街道审核通过' },
      'district',
    );
    expect(approved.body).toMatchObject({ state: 'approved', version: 3 });
    const edit = await call(
      'PATCH',
      `/api/bundles/proposals/${id}`,
      { version: 3, name: 'x' },
      'planner',
    );
    expect(edit.status).toBe(409);
    const noProvider = await call(
      'POST',
      `/api/bundles/proposals/${id}/contract`,
      { version: 3 },
      'planner',
    );
    expect(noProvider.status).toBe(409);
    expect(noProvider.body.error).toMatchObject({
      field: 'provider',
      message: 'Assign a provider before contracting',
    });
    const badEnterprise = await call(
      'POST',
      `/api/bundles/proposals/${id}/assign`,
      { version: 3, provider: { mode: 'professional', enterpriseId: 99_999 } },
      'planner',
    );
    expect(badEnterprise.status).toBe(400);
    expect(badEnterprise.body.error).toMatchObject({
      field: 'provider.enterpriseId',
      message: 'Unknown enterprise id: 99999',
    });
    const missingEnterprise = await call(
      'POST',
      `/api/bundles/proposals/${id}/assign`,
      { version: 3, provider: { mode: 'professional' } },
      'planner',
    );
    expect(missingEnterprise.status).toBe(400);
    expect(missingEnterprise.body.error!.field).toBe('provider.enterpriseId');

    const [enterprise] = (await server.db.query<{ id: number; name: string }>(
      'SELECT id, name FROM enterprises ORDER BY id LIMIT 1',
    ))!;
    const assigned = await call<BundleProposal>(
      'POST',
      `/api/bundles/proposals/${id}/assign`,
      { version: 3, provider: { mode: 'professional', enterpriseId: enterprise!.id } },
      'planner',
    );
    expect(assigned.body).toMatchObject({
      state: 'approved',
      version: 4,
      provider: {
        mode: 'professional',
        enterpriseId: enterprise!.id,
        enterpriseName: enterprise!.name,
      },
    });

    const future = await call(
      'POST',
      `/api/bundles/proposals/${id}/contract`,
      { version: 4, contractedOn: '2024-05-21' },
      'planner',
    );
    expect(future.status).toBe(400);
    expect(future.body.error).toMatchObject({
      field: 'contractedOn',
      message:
        'contractedOn: 2024-05-21 is outside [2024-03-18, 2024-05-20] (the baseline date to today)',
    });
    expect((await counts()).h).toBe(historyBefore);

    const contracted = await call<BundleProposal>(
      'POST',
      `/api/bundles/proposals/${id}/contract`,
      { version: 4, contractedOn: '2024-04-30' },
      'planner',
    );
    expect(contracted.status).toBe(200);
    expect(contracted.body).toMatchObject({
      state: 'contracted',
      contractedOn: '2024-04-30',
      version: 5,
    });

    // the compounds are served now, the history names the proposal, and every figure moved
    const rows = await server.db.query<{ id: number; mode: string; enterprise: number }>(
      'SELECT id, coverage_mode AS mode, enterprise_id AS enterprise FROM compounds WHERE id = ANY($1) ORDER BY id',
      [members],
    );
    expect(rows).toEqual(
      members.map((cid) => ({ id: cid, mode: 'professional', enterprise: enterprise!.id })),
    );
    const [anchor] = await server.db.query<{ mode: string }>(
      'SELECT coverage_mode AS mode FROM compounds WHERE id = $1',
      [b.anchorId],
    );
    expect(anchor!.mode).toBe(graph.compounds.find((c) => c.id === b.anchorId)!.coverageMode);
    const history = await server.db.query<{
      compound: number;
      before: string;
      after: string;
      on: string;
    }>(
      `SELECT compound_id AS compound, mode_before AS before, mode_after AS after,
              to_char(changed_on, 'YYYY-MM-DD') AS on
       FROM coverage_history WHERE proposal_id = $1 ORDER BY compound_id`,
      [id],
    );
    expect(history).toEqual(
      members.map((cid) => ({
        compound: cid,
        before: 'none',
        after: 'professional',
        on: '2024-04-30',
      })),
    );
    const n = members.length;
    const coverageAfter = (await call<CoverageSummary>('GET', '/api/coverage')).body;
    expect(coverageAfter.progress.coveredSinceBaseline).toBe(
      coverageBefore.progress.coveredSinceBaseline + n,
    );
    expect(coverageAfter.district.counts.none.compounds).toBe(
      coverageBefore.district.counts.none.compounds - n,
    );
    const streetAfter = (
      await call<CoverageProgress>(
        'GET',
        `/api/coverage/progress?streetCode=${street}`,
        undefined,
        'planner',
      )
    ).body;
    expect(streetAfter.baselineUnmanaged).toBe(streetBefore.baselineUnmanaged);
    expect(streetAfter.coveredSinceBaseline).toBe(streetBefore.coveredSinceBaseline + n);
    const april = streetAfter.timeline.find((t) => t.date === '2024-04-30')!;
    expect(april.covered).toBeGreaterThanOrEqual(n);
    const unmanagedAfter = (
      await call<UnmanagedCompound[]>(
        'GET',
        `/api/coverage/unmanaged?streetCode=${street}`,
        undefined,
        'planner',
      )
    ).body;
    expect(unmanagedAfter.map((u) => u.id)).toEqual(
      unmanagedBefore.map((u) => u.id).filter((u) => !members.includes(u)),
    );

    const detail = (
      await call<BundleProposalDetail>('GET', `/api/bundles/proposals/${id}`, undefined, 'planner')
    ).body;
    expect(detail.audit.map((a) => [a.actor, a.action, a.fromState, a.toState, a.note])).toEqual([
      ['planner', 'create', null, 'draft', null],
      ['planner', 'edit', 'draft', 'draft', null],
      ['district', 'approve', 'draft', 'approved', '街道审核通过'],
      ['planner', 'assign', 'approved', 'approved', null],
      ['planner', 'contract', 'approved', 'contracted', null],
    ]);
    const withdrawn = await call(
      'POST',
      `/api/bundles/proposals/${id}/withdraw`,
      { version: 5 },
      'planner',
    );
    expect(withdrawn.status).toBe(409);
  });

  it('withdrawing frees the compounds for another proposal; edits re-check the rules', async () => {
    const b = takeBundle((x) => x.compoundIds.length >= 2);
    const first = await call<BundleProposal>(
      'POST',
      '/api/bundles/proposals',
      { name: '一', compoundIds: b.compoundIds },
      'planner',
    );
    const shrink = await call(
      'PATCH',
      `/api/bundles/proposals/${first.body.id}`,
      {
        version: 1,
        compoundIds: [b.compoundIds[0]],
        options: { minHouseholds: 100_000, maxHouseholds: 100_000 },
      },
      'planner',
    );
    expect(shrink.status).toBe(400);
    expect(shrink.body.error!.message).toContain('below the minimum 100000');
    const gone = await call<BundleProposal>(
      'POST',
      `/api/bundles/proposals/${first.body.id}/withdraw`,
      { version: 1, note: '重新规划' },
      'planner',
    );
    expect(gone.body).toMatchObject({ state: 'withdrawn', compoundIds: b.compoundIds });
    const second = await call<BundleProposal>(
      'POST',
      '/api/bundles/proposals',
      { name: '二', compoundIds: b.compoundIds },
      'planner',
    );
    expect(second.status).toBe(201);
    expect((await call('GET', '/api/bundles/proposals/999999', undefined, 'planner')).status).toBe(
      404,
    );
    expect((await call('GET', '/api/bundles/proposals/abc', undefined, 'planner')).status).toBe(
      400,
    );
  });

  it('gives one of two simultaneous saves of the same compounds a 409, and saves the other once', async () => {
    const b = takeBundle(() => true);
    const before = await counts();
    const replies = await Promise.all(
      ['甲', '乙'].map((name) =>
        call('POST', '/api/bundles/proposals', { name, compoundIds: b.compoundIds }, 'planner'),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    const after = await counts();
    expect(after.p - before.p).toBe(1);
    expect(after.c - before.c).toBe(b.compoundIds.length);
  });
});

describe('live: proposal changes and suggestion progress over Socket.IO', () => {
  it('broadcasts proposal:changed and reports a suggestion progress to its watcher', async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(server.url, {
      auth: { token: tokens.planner },
      transports: ['websocket'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.on('connect', resolve);
        socket.on('connect_error', reject);
      });
      const progressId = 'progress-test-1';
      const joined = await socket.emitWithAck('bundling:watch', progressId);
      expect(joined).toEqual({ data: true });
      expect(await socket.emitWithAck('bundling:watch', 'x')).toMatchObject({
        error: { code: 'bad_request' },
      });
      const progress: BundlingProgress[] = [];
      socket.on('bundling:progress', (p) => progress.push(p));
      const changed: BundleProposal[] = [];
      socket.on('proposal:changed', (p) => changed.push(p));

      const res = await call<BundlingResult>(
        'POST',
        '/api/bundles/suggest',
        { streetCode: KAIYUAN, progressId },
        'planner',
      );
      expect(res.status).toBe(200);
      const units = new Set(
        res.body.bundles.map((b) => b.unitCode).concat(res.body.leftovers.map((l) => l.unitCode)),
      );
      const b = takeBundle(() => true);
      const saved = await call<BundleProposal>(
        'POST',
        '/api/bundles/proposals',
        { name: '直播', compoundIds: b.compoundIds },
        'planner',
      );
      await expect.poll(() => changed.map((p) => p.id)).toContain(saved.body.id);
      expect(changed.find((p) => p.id === saved.body.id)).toEqual(saved.body);
      const last = progress.at(-1)!;
      expect(last.progressId).toBe(progressId);
      expect(last.done).toBe(last.total);
      expect(last.total).toBeGreaterThanOrEqual(units.size);
      expect(progress.every((p, i) => i === 0 || p.done > progress[i - 1]!.done)).toBe(true);
    } finally {
      socket.close();
    }
  });
});
