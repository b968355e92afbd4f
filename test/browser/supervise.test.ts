import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LayerCollections } from '../../common/api.ts';
import type { CommitteeFile, CommitteeList } from '../../common/committees.ts';
import { labelPoint } from '../../geometry/label-point.ts';
import { DEMO_PASSWORD } from '../../server/auth/auth-queries.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/test-server.ts';

// The built client's /supervise page against the real server, as a community admin would use it
// in headless Chromium: record an election with its members, be refused approval with the plan's
// rule named, record a temporary committee, publish a quarter's disclosure late and see it flagged,
// order it to correct a decision by a deadline already past and see the order late.

const ARTIFACTS = path.resolve('test/artifacts');
const VIEWPORT = { width: 1680, height: 1000 };
const TODAY = '2026-12-04';
let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let token: string;
let free: number[]; // compounds of the admin's community without a committee record
const errors: string[] = [];

async function api<T>(pathname: string): Promise<T> {
  const res = await fetch(`${server.url}${pathname}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`${pathname} answered ${res.status}`);
  return (await res.json()) as T;
}

const form = () => page.locator('form.committee-form');

async function choose(action: string, date: string): Promise<void> {
  await form().locator('select[name="choice"]').selectOption(action);
  await form().locator('input[name="date"]').fill(date);
}

async function fillMembers(rows: { party: boolean; owner: boolean }[]): Promise<void> {
  const editor = form().locator('.member-editor');
  while ((await editor.locator('.member-editor__row').count()) < rows.length) {
    await editor.getByRole('button', { name: '添加委员' }).click();
  }
  for (const [i, r] of rows.entries()) {
    const row = editor.locator(`.member-editor__row[data-row="${i}"]`);
    await row.getByLabel('姓名').fill(`委员${i + 1}`);
    await row.getByLabel('业主').setChecked(r.owner);
    await row.getByLabel('党员').setChecked(r.party);
  }
}

async function submitAndWait(compoundId: number, version: number): Promise<void> {
  await form().getByRole('button', { name: '提交' }).click();
  await page
    .locator(`.committee-file[data-compound-id="${compoundId}"][data-version="${version}"]`)
    .waitFor();
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer({ now: () => new Date(`${TODAY}T08:00:00Z`) });
  token = await loginAs(server, 'community');
  const rows = await server.db.query<{ id: number }>(
    `SELECT c.id FROM compounds c
     JOIN users u ON u.username = 'community' AND c.community_code = u.scope_communities[1]
     WHERE NOT EXISTS (SELECT 1 FROM owners_committees oc WHERE oc.compound_id = c.id)
     ORDER BY c.id`,
  );
  free = rows.map((r) => r.id);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('console', (m) => {
    // the refused approval answers 422: the browser logs the failed request itself
    if (m.type() === 'error' && !m.text().includes('422')) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('the supervision page', () => {
  it("signs a community admin in and lists the community's committees as the API does", async () => {
    expect(free.length).toBeGreaterThanOrEqual(2);
    await page.goto(`${server.url}/supervise`);
    await page.getByRole('heading', { name: '登录业委会监督' }).waitFor();
    await page.getByLabel('用户名').fill('community');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('.base-map[data-state="ready"]').waitFor({ timeout: 90_000 });
    const list = await api<CommitteeList>('/api/committees');
    await page
      .getByTestId('committee-count')
      .filter({ hasText: `${list.committees.length} 个小区` })
      .waitFor();
    expect(await page.locator('.committee-table tbody tr').count()).toBe(list.committees.length);
    const breach = list.committees.find((c) => c.compliance === 'breach');
    if (breach) {
      const row = page.locator(`tr[data-compound-id="${breach.compoundId}"]`);
      expect(await row.locator('.compliance').textContent()).toBe('不符合');
    }
    expect(await page.getByTestId('demo-badge').textContent()).toBe('演示数据（合成，非真实）');
    // the map draws the committees layer: picking at a listed compound's label point finds it
    const layer = await api<LayerCollections['compounds']>('/api/layers/compounds');
    const target = layer.features.find((f) => f.properties.id === list.committees[0]!.compoundId)!;
    const at = labelPoint(target.geometry)!;
    const picked = await page.evaluate((lngLat) => {
      const w = window as unknown as {
        __map: { project(p: [number, number]): { x: number; y: number } };
        __deck: {
          pickObject(o: {
            x: number;
            y: number;
            layerIds: string[];
          }): { object?: { properties: { id: number } } } | null;
        };
      };
      const { x, y } = w.__map.project(lngLat as [number, number]);
      return w.__deck.pickObject({ x, y, layerIds: ['committees'] })?.object?.properties.id ?? null;
    }, at);
    expect(picked).toBe(target.properties.id);
    await page.screenshot({ path: path.join(ARTIFACTS, 'supervise-list.png') });
    expect(errors).toEqual([]);
  });

  it('records an election and is refused approval, with the plan’s rule named', async () => {
    const id = free[0]!;
    await page.locator(`tr[data-compound-id="${id}"]`).click();
    await page.locator(`.committee-file[data-compound-id="${id}"]`).waitFor();
    expect(await page.getByTestId('committee-state').textContent()).toBe('未成立');

    await choose('prepare', '2026-09-01');
    await submitAndWait(id, 2);
    expect(await page.getByTestId('committee-state').textContent()).toBe('筹备中');

    await choose('elect', '2026-11-20');
    await form().locator('input[name="termStart"]').fill('2026-12-01');
    await form().locator('input[name="termEnd"]').fill('2031-11-30');
    await fillMembers([
      { party: true, owner: true },
      { party: true, owner: true },
      { party: false, owner: true },
      { party: false, owner: true },
      { party: false, owner: true },
    ]);
    // the live check answers before the form is sent
    await form()
      .locator('.rule-checks--live [data-rule="party_share"]')
      .filter({ hasText: '5 名委员中党员 2 名（40%），要求党员比例不低于 50% 或不少于 3 人' })
      .waitFor();
    await submitAndWait(id, 3);
    expect(await page.getByTestId('committee-state').textContent()).toBe('已选举待审批');
    expect(await page.getByTestId('committee-compliance').textContent()).toBe('不符合');

    await choose('approve', '2026-12-03');
    await form().getByRole('button', { name: '提交' }).click();
    const alert = form().getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      '未通过：三(三)「新组建或新换届业委会成员中党员比例一般不低于50%或不少于3人，未达到的原则上不予审批；对已成立的业主委员会要逐步提高党员比例」：5 名委员中党员 2 名（40%），要求党员比例不低于 50% 或不少于 3 人',
    );
    expect(await alert.getAttribute('data-code')).toBe('rule_violation');
    const file = await api<CommitteeFile>(`/api/committees/${id}`);
    expect([file.state, file.version]).toEqual(['awaiting_approval', 3]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'supervise-refused.png') });
  });

  it('records a temporary committee and flags a disclosure published late', async () => {
    const id = free[1]!;
    await page.locator(`tr[data-compound-id="${id}"]`).click();
    await page.locator(`.committee-file[data-compound-id="${id}"]`).waitFor();
    await choose('temporary', '2026-05-06');
    await form().locator('input[name="termEnd"]').fill('2027-05-05');
    await fillMembers([
      { party: true, owner: false },
      { party: false, owner: false },
      { party: false, owner: true },
      { party: false, owner: true },
      { party: false, owner: true },
    ]);
    await submitAndWait(id, 2);
    expect(await page.getByTestId('committee-state').textContent()).toBe('临时物业管理委员会');
    expect(await page.getByTestId('committee-compliance').textContent()).toBe('符合');

    await choose('disclosure', '2026-11-15');
    await form().locator('input[name="quarter"]').fill('2026-Q3');
    await submitAndWait(id, 3);
    const duty = page.locator('.committee-file .duty[data-period="2026-Q3"]');
    expect(await duty.textContent()).toBe(
      '季度公开（工作经费、公共收益） · 2026-Q3 · 截止 2026-10-31 逾期完成 · 完成于 2026-11-15',
    );
    expect(await duty.getAttribute('class')).toBe('duty duty--late');
    // the due list of the area shows it too
    await page.locator('.due-list li.duty--late').filter({ hasText: '2026-Q3' }).first().waitFor();
    const file = await api<CommitteeFile>(`/api/committees/${id}`);
    expect(file.duties.find((d) => d.period === '2026-Q3')!.status).toBe('late');
    await page.screenshot({ path: path.join(ARTIFACTS, 'supervise-temporary.png') });
    expect(errors).toEqual([]);
  });

  it('records an order to correct past its deadline: a late duty in the file and the due list', async () => {
    const id = free[1]!;
    await choose('order', '2026-11-01');
    await form().locator('input[name="deadline"]').fill('2026-11-30');
    await form().locator('input[name="text"]').fill('撤回违规续聘决定');
    await submitAndWait(id, 4);
    const order = page.locator('.committee-file .order');
    expect(await order.textContent()).toBe(
      '撤回违规续聘决定 · 2026-11-01 责令，限期 2026-11-30 · 逾期未改正',
    );
    expect(await order.getAttribute('data-status')).toBe('overdue');
    const duty = page.locator('.committee-file .duty[data-period="撤回违规续聘决定"]');
    expect(await duty.textContent()).toBe(
      '限期改正 · 撤回违规续聘决定 · 截止 2026-11-30 逾期未完成',
    );
    await page
      .locator('.due-list li.duty--missing')
      .filter({ hasText: '撤回违规续聘决定' })
      .first()
      .waitFor();
    const file = await api<CommitteeFile>(`/api/committees/${id}`);
    expect(file.orders.map((o) => [o.subject, o.status])).toEqual([
      ['撤回违规续聘决定', 'overdue'],
    ]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'supervise-order.png') });
    expect(errors).toEqual([]);
  });

  it('records the 业账社管 supervision group’s members and ends one', async () => {
    const id = free[1]!;
    const group = page.locator('form.supervision-group__form');
    const add = async (name: string, role: string, version: number) => {
      await group.locator('input[name="groupName"]').fill(name);
      await group.locator('select[name="groupRole"]').selectOption(role);
      await group.locator('input[name="groupFrom"]').fill('2026-07-01');
      await group.getByRole('button', { name: '加入小组' }).click();
      await page
        .locator(`.committee-file[data-compound-id="${id}"][data-version="${version}"]`)
        .waitFor();
    };
    await add('王书记', 'party_organisation', 5);
    await add('李代表', 'resident_representative', 6);
    const members = page.locator('.supervision-group li[data-member-id]');
    expect(await members.allTextContents()).toEqual([
      '王书记 · 社区党组织 · 2026-07-01 – 至今',
      '李代表 · 居民代表 · 2026-07-01 – 至今',
    ]);
    const file = await api<CommitteeFile>(`/api/committees/${id}`);
    const li = file.supervisionGroup.find((m) => m.name === '李代表')!;
    await group.locator('select[name="groupEnding"]').selectOption(String(li.id));
    await group.locator('input[name="groupTo"]').fill('2026-11-30');
    await group.getByRole('button', { name: '退出' }).click();
    await page.locator(`.committee-file[data-compound-id="${id}"][data-version="7"]`).waitFor();
    expect(await members.allTextContents()).toEqual([
      '王书记 · 社区党组织 · 2026-07-01 – 至今',
      '李代表 · 居民代表 · 2026-07-01 – 2026-11-30',
    ]);
    const after = await api<CommitteeFile>(`/api/committees/${id}`);
    expect(after.supervisionGroup.map((m) => [m.name, m.role, m.fromDate, m.toDate])).toEqual([
      ['王书记', 'party_organisation', '2026-07-01', null],
      ['李代表', 'resident_representative', '2026-07-01', '2026-11-30'],
    ]);
    await page.locator('.supervision-group').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'supervise-group.png') });
    expect(errors).toEqual([]);
  });
});
