import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitteeFile } from '../../common/committees.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/test-server.ts';

// The 业账社管 supervision group of an owners' committee (三(三)) on a real database: members
// recorded with name, role and dates, ended not deleted; versioned, scoped, audited, validated.

const TODAY = '2026-12-04';
let server: TestServer;
const tokens: Record<string, string> = {};
let id: number; // a compound of the community admin's with an approved committee
let unformed: number; // one without a committee

type Reply<T> = {
  status: number;
  body: T & { error?: { code: string; message: string; field?: string } };
};

async function call<T>(method: string, path: string, body?: unknown, as = 'community') {
  const res = await fetch(server.url + path, {
    method,
    headers: {
      authorization: `Bearer ${tokens[as]}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Reply<T>['body'] } as Reply<T>;
}

const post = (path: string, body: object, compound = id, as = 'community') =>
  call<CommitteeFile>('POST', `/api/committees/${compound}/${path}`, body, as);
const memberRows = async () =>
  Number(
    (
      await server.db.query<{ n: string }>('SELECT count(*) AS n FROM supervision_group_members')
    )[0]!.n,
  );

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date(`${TODAY}T08:00:00Z`) });
  for (const u of ['community', 'operator', 'kaiyuan']) tokens[u] = await loginAs(server, u);
  const rows = await server.db.query<{ id: number }>(
    `SELECT c.id FROM compounds c LEFT JOIN owners_committees oc ON oc.compound_id = c.id
     WHERE c.community_code = (SELECT scope_communities[1] FROM users WHERE username = 'community')
       AND oc.compound_id IS NULL ORDER BY c.id LIMIT 2`,
  );
  [id, unformed] = rows.map((r) => r.id) as [number, number];
  await post('prepare', { version: 0, formedOn: '2026-05-01' });
  await post('elect', {
    version: 2,
    electedOn: '2026-06-01',
    termStart: '2026-06-01',
    termEnd: '2031-05-31',
    members: Array.from({ length: 5 }, (_, i) => ({
      name: `委员${i + 1}`,
      role: i === 0 ? 'chair' : 'member',
      owner: true,
      partyMember: i < 3,
      organisation: null,
    })),
  });
  const approved = await post('approve', { version: 3, approvedOn: '2026-06-10' });
  expect(approved.body).toMatchObject({ state: 'elected', version: 4 });
});
afterAll(async () => {
  await server?.close();
});

describe('the 业账社管 supervision group', () => {
  it('records members with role and dates, bumping the version and auditing each', async () => {
    const first = await post('supervision-group', {
      version: 4,
      name: '王书记',
      role: 'party_organisation',
      fromDate: '2026-07-01',
    });
    expect(first.status).toBe(201);
    expect(first.body.version).toBe(5);
    const second = await post('supervision-group', {
      version: 5,
      name: '李代表',
      role: 'resident_representative',
      fromDate: '2026-07-01',
    });
    expect(second.status).toBe(201);
    const ids = second.body.supervisionGroup.map((m) => m.id);
    expect(second.body.supervisionGroup).toEqual([
      {
        id: ids[0],
        name: '王书记',
        role: 'party_organisation',
        fromDate: '2026-07-01',
        toDate: null,
      },
      {
        id: ids[1],
        name: '李代表',
        role: 'resident_representative',
        fromDate: '2026-07-01',
        toDate: null,
      },
    ]);
    expect(second.body.version).toBe(6);
    const audit = await server.db.query<{ action: string; actor: string; note: string }>(
      `SELECT action, actor, note FROM committee_audit WHERE compound_id = $1
       AND action LIKE 'group_member%' ORDER BY id`,
      [id],
    );
    expect(audit).toEqual([
      {
        action: 'group_member',
        actor: 'community',
        note: `#${ids[0]} 王书记 (party_organisation) from 2026-07-01`,
      },
      {
        action: 'group_member',
        actor: 'community',
        note: `#${ids[1]} 李代表 (resident_representative) from 2026-07-01`,
      },
    ]);
  });

  it('ends a membership on a date, once; the member stays on record', async () => {
    const before = (await call<CommitteeFile>('GET', `/api/committees/${id}`)).body;
    const member = before.supervisionGroup.find((m) => m.name === '李代表')!;
    const early = await post(`supervision-group/${member.id}/end`, {
      version: before.version,
      toDate: '2026-06-30',
    });
    expect([early.status, early.body.error?.field]).toEqual([400, 'toDate']);
    const ended = await post(`supervision-group/${member.id}/end`, {
      version: before.version,
      toDate: '2026-11-30',
    });
    expect(ended.status).toBe(200);
    expect(ended.body.version).toBe(before.version + 1);
    expect(ended.body.supervisionGroup.find((m) => m.id === member.id)).toEqual({
      ...member,
      toDate: '2026-11-30',
    });
    const again = await post(`supervision-group/${member.id}/end`, {
      version: ended.body.version,
      toDate: '2026-12-01',
    });
    expect([again.status, again.body.error?.code]).toEqual([409, 'conflict']);
    const unknown = await post('supervision-group/99999999/end', {
      version: ended.body.version,
      toDate: '2026-12-01',
    });
    expect(unknown.status).toBe(404);
  });

  it('refuses a stale version, bad input, a committee not sitting, readers and outsiders', async () => {
    const count = await memberRows();
    const current = (await call<CommitteeFile>('GET', `/api/committees/${id}`)).body.version;
    const body = { name: '张经理', role: 'property_enterprise', fromDate: '2026-08-01' };
    const stale = await post('supervision-group', { ...body, version: current - 1 });
    expect([stale.status, stale.body.error?.code]).toEqual([409, 'conflict']);
    const role = await post('supervision-group', { ...body, role: 'mayor', version: current });
    expect([role.status, role.body.error?.field]).toEqual([400, 'role']);
    expect(role.body.error?.message).toBe(
      'role: expected one of party_organisation, owners_committee, property_enterprise, resident_representative',
    );
    const name = await post('supervision-group', { ...body, name: '', version: current });
    expect([name.status, name.body.error?.field]).toEqual([400, 'name']);
    const date = await post('supervision-group', {
      ...body,
      fromDate: '2026-13-01',
      version: current,
    });
    expect([date.status, date.body.error?.field]).toEqual([400, 'fromDate']);
    const none = await post('supervision-group', { ...body, version: 0 }, unformed);
    expect([none.status, none.body.error?.code]).toEqual([409, 'conflict']);
    const reader = await post('supervision-group', { ...body, version: current }, id, 'operator');
    expect(reader.status).toBe(403);
    expect(await memberRows()).toBe(count);
    // the street admin of the same street may
    const street = await post('supervision-group', { ...body, version: current }, id, 'kaiyuan');
    expect(street.status).toBe(201);
    expect(await memberRows()).toBe(count + 1);
  });
});
