import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeriodReport, ReportSubmission } from '../../common/ledgers.ts';
import { DEMO_PASSWORD } from '../../server/auth/auth-queries.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/test-server.ts';

// The built client's /ledgers page against the real server, as a district admin uses it in
// headless Chromium: a LibreOffice XLSX dry-run with its per-cell report, applied and undone; the
// maintenance-fund alert and its top-up task; the quarterly report list, one report's print view
// equal to the API's figures, printed to an A4 PDF (page 1 rendered to PNG to look at).

const ARTIFACTS = path.resolve('test/artifacts');
const FIXTURES = path.resolve('test/fixtures/ledgers');
let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let token: string;
let street: { code: string; name: string };
const errors: string[] = [];

async function api<T>(pathname: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${server.url}${pathname}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
  if (!res.ok) throw new Error(`${pathname} answered ${res.status}`);
  return (await res.json()) as T;
}

async function dryRun(file: string): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles(path.join(FIXTURES, file));
  await page.getByLabel('坐标系').selectOption('wgs84');
  await page.getByRole('button', { name: '预检' }).click();
  await page.getByTestId('import-report').waitFor();
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer();
  token = await loginAs(server, 'district');
  const [s] = await server.db.query<typeof street>(
    "SELECT s.code, s.name FROM users u JOIN streets s ON s.code = u.scope_streets[1] WHERE u.username = 'kaiyuan'",
  );
  street = s!;
  const [c] = await server.db.query<{ id: number }>(
    'SELECT min(id)::int AS id FROM compounds WHERE street_code = $1',
    [street.code],
  );
  const today = new Date().toISOString().slice(0, 10);
  await api(`/api/funds/${c!.id}`, {
    method: 'PUT',
    body: JSON.stringify({
      firstDeposit: 400_000,
      balance: 80_000,
      arrearsHouseholds: 3,
      asOf: today,
    }),
  });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('console', (m) => {
    // the refused apply of a bad file answers 422: the browser logs the failed request itself
    if (m.type() === 'error' && !m.text().includes('422')) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('the ledgers page', () => {
  it('dry-runs a bad ledger and names each bad cell in Chinese', async () => {
    await page.goto(`${server.url}/ledgers`);
    await page.getByRole('heading', { name: '登录台账与报告' }).waitFor();
    await page.getByLabel('用户名').fill('district');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '台账导入', exact: true }).waitFor();
    await dryRun('compounds-bad.xlsx');
    const report = page.getByTestId('import-report');
    expect(await report.locator('p').first().textContent()).toBe(
      '新增 1 · 更新 0 · 不变 0 · 待勾绘 0 · 有误 5 · 坐标系：WGS84',
    );
    const rows = await report.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(5);
    expect(rows[0]).toBe('3E3户数应为 1–100000 的整数，实为 0');
    expect(rows[1]).toBe('4D4未知社区「不存在社区」（名称或 12 位代码）');
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'ledgers-dry-run.png'), fullPage: true });
  });

  it('applies a good ledger after its dry run, then undoes it', async () => {
    const before = (
      await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM compounds')
    )[0]!.n;
    await dryRun('compounds-good.xlsx');
    await page.getByText('未发现问题，可以确认导入').waitFor();
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText(/^已导入（第 \d+ 次导入）$/).waitFor();
    const after = (
      await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM compounds')
    )[0]!.n;
    expect(after).toBe(before + 2);
    const history = page.getByRole('heading', { name: '导入记录' }).locator('..');
    await history.getByRole('button', { name: '撤销' }).click();
    await history.getByText('已撤销').waitFor();
    const undone = (
      await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM compounds')
    )[0]!.n;
    expect(undone).toBe(before);
  });

  it('shows the maintenance-fund alert and the top-up task it opened', async () => {
    const accounts = page.getByTestId('fund-accounts');
    expect(await accounts.locator('tbody tr').first().locator('td').last().textContent()).toBe(
      '余额低于30%、存在欠缴',
    );
    const task = page.getByTestId('topup-tasks').locator('tbody tr').first();
    expect(await task.locator('td').last().textContent()).toBe('待制定');
    const revenue = await api<{ status: string; dueOn: string }[]>('/api/funds/revenue');
    const n = (s: string) => revenue.filter((r) => r.status === s).length;
    expect(await page.getByTestId('revenue-summary').textContent()).toBe(
      `公示期限 ${revenue[0]!.dueOn}：按时 ${n('on_time')} · 逾期 ${n('late')} · 未公示 ${n('missing')}`,
    );
  });

  it("lists each street's report and prints one to an A4 PDF whose figures are the API's", async () => {
    const list = await api<ReportSubmission[]>('/api/reports');
    const rows = page.getByTestId('report-list').locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(list.length);
    await page.screenshot({ path: path.join(ARTIFACTS, 'ledgers-page.png'), fullPage: true });

    const period = list[0]!.period;
    await page.goto(`${server.url}/ledgers?report=${street.code}&period=${period}`);
    const printed = page.getByTestId('report-print');
    await printed.waitFor();
    const report = await api<PeriodReport>(`/api/reports/${street.code}/${period}`);
    expect(await printed.locator('h1').textContent()).toBe(
      `${street.name} ${period} 红色物业工作报告`,
    );
    const value = (label: string) =>
      printed
        .locator('tr', { has: page.locator(`td:text-is("${label}")`) })
        .first()
        .locator('td')
        .last()
        .textContent();
    expect(await value('已成立（含临时）')).toBe(String(report.committees.formed));
    expect(await value('小区总数')).toBe(String(report.coverage.compounds));
    expect(await value('余额低于首期30%')).toBe(String(report.funds.lowBalance));
    expect(await value('受理诉求')).toBe(String(report.grievances.reported));
    await page.screenshot({
      path: path.join(ARTIFACTS, 'ledgers-report-screen.png'),
      fullPage: true,
    });
    await page.emulateMedia({ media: 'print' });
    const pdf = path.join(ARTIFACTS, 'ledgers-report.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    // page 1 as a PNG to look at (poppler's pdftoppm)
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '70',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdf,
      pdf.replace(/\.pdf$/, ''),
    ]);
    expect(fs.existsSync(path.join(ARTIFACTS, 'ledgers-report.png'))).toBe(true);
  });

  it('reminds the district on /supervise of the streets whose report is not in', async () => {
    const list = await api<ReportSubmission[]>('/api/reports');
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${server.url}/supervise`);
    const reminder = page.getByTestId('report-reminder');
    await reminder.waitFor();
    const open = list.filter((r) => r.status !== 'submitted');
    expect(await reminder.locator('a').textContent()).toBe(
      `${open.length} 个街道的 ${list[0]!.period} 报告尚未报送（期限 ${list[0]!.dueOn}）`,
    );
    expect(errors).toEqual([]);
  });
});
