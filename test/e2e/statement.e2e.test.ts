import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, phonePage, startServer, type RunningServer } from './harness';
import { idNumber, phone, practitionerWithRecord, settledSnapshot, signIn } from './helpers';

/**
 * 继续教育学时证明: a practitioner with hours recognised this year downloads the year's statement from
 * 我的学时 (a PDF), and a stranger opening the statement's QR address, /verify-statement/<code>, sees
 * it verified with the holder's name masked.
 */
const ADMIN = { phone: '13700000012', password: 'admin-secret-12' };
const OFFICE_PASSWORD = 'office-secret-12';
const PASSWORD = 'practitioner-9';
const NAME = '陈学明';
const MASKED_NAME = '陈*明';
const CLAIM_TITLE = '知识产权保护高峰论坛（e2e 学时证明）';

let server: RunningServer;
let browser: Browser;
let page: Page;

/** This year and today in Shanghai. */
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ ADMIN_PHONE: ADMIN.phone, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
  page = await phonePage(browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('downloads the year’s statement as a PDF from 我的学时, and its QR address verifies it publicly', async () => {
  const today = shanghaiToday();
  const year = Number(today.slice(0, 4));

  // set-up through the API: a practitioner's claim of 8 hours, recognised by the talent office
  const admin = await server.login(ADMIN.phone, ADMIN.password);
  const officePhone = phone(31);
  await server.api('POST', '/api/admin/users', { phone: officePhone, password: OFFICE_PASSWORD, name: '人才办学时认定', role: 'office' }, admin);
  const office = await server.login(officePhone, OFFICE_PASSWORD);
  const practitionerPhone = phone(32);
  const { id: recordId, token } = await practitionerWithRecord(server, { phone: practitionerPhone, name: NAME, idNumber: idNumber(612), district: '500103' });
  // verified: the office's ZIP of a year holds verified people only
  await server.api('POST', `/api/talents/${recordId}/verify`, undefined, office);
  const form = new FormData();
  for (const [key, value] of Object.entries({ title: CLAIM_TITLE, provider: '重庆市知识产权保护中心', date: today, hours: '8', category: 'professional' })) form.append(key, value);
  form.append('evidence', new Blob(['%PDF-1.4\n% e2e evidence\n%%EOF\n'], { type: 'application/pdf' }), '参会证明.pdf');
  const res = await fetch(`${server.baseUrl}/api/me/credit-claims`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  expect(res.status).toBe(201);
  const claim = (await res.json()) as { id: number };
  await server.api('POST', `/api/credit-claims/${claim.id}/approve`, {}, office);

  // 我的学时 on the phone: the record, and 下载学时证明 of the year shown
  await signIn(page, server.baseUrl, practitionerPhone, PASSWORD);
  await page.getByText('我的学时', { exact: true }).click();
  await page.locator('.credit-record').filter({ hasText: CLAIM_TITLE }).waitFor();
  await page.locator('.credits__year--active', { hasText: `${year} 年` }).waitFor();
  await settledSnapshot(page, 'my-hours-statement');
  const pdfResponse = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/me/ce-statements/${year}`);
  const downloaded = page.waitForEvent('download');
  await page.locator('.credits').getByText('下载学时证明', { exact: true }).click();
  const response = await pdfResponse;
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/pdf');
  const download = await downloaded;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  expect(download.suggestedFilename()).toContain(String(year));
  const file = await download.path();
  expect(fs.readFileSync(file).subarray(0, 4).toString('latin1')).toBe('%PDF');
  await page.getByText('学时证明已下载').waitFor();

  // the statement's code (the same statement: nothing changed since)
  const statement = await server.api<{ code: string; verifyUrl: string; totalHours: number; holderName: string }>('GET', `/api/me/ce-statements/${year}?format=json`, undefined, token);
  expect(statement.totalHours).toBe(8);
  expect(new URL(statement.verifyUrl).pathname).toBe(`/verify-statement/${statement.code}`);

  // a stranger without an account opens the QR address
  const stranger = await phonePage(browser);
  await stranger.goto(`${server.baseUrl}/verify-statement/${statement.code}`);
  const verify = stranger.locator('.verify');
  await verify.getByText('学时证明有效', { exact: true }).waitFor();
  await verify.getByText(MASKED_NAME, { exact: true }).waitFor();
  await verify.getByText(`${year} 年度`, { exact: true }).waitFor();
  await verify.getByText('8 学时', { exact: true }).first().waitFor();
  await verify.getByText('未达标', { exact: true }).waitFor();
  expect(await verify.getByText(NAME).count()).toBe(0);
  expect(new URL(stranger.url()).pathname).toBe('/pages/certificates/verify-statement/index');
  // not sent to the login page
  expect(await stranger.locator('input[placeholder="请输入密码"]').count()).toBe(0);
  await settledSnapshot(stranger, 'statement-verify-public');

  const unknown = await phonePage(browser);
  await unknown.goto(`${server.baseUrl}/verify-statement/ZZZZZZZZZZZZZZZZ`);
  await unknown.getByText('未找到该学时证明', { exact: true }).waitFor();
  await settledSnapshot(unknown, 'statement-verify-unknown');

  // the talent office: the list's 批量下载学时证明（ZIP） of the year, narrowed to 渝中区, and one person's statement
  const officePage = await phonePage(browser);
  await signIn(officePage, server.baseUrl, officePhone, OFFICE_PASSWORD);
  await officePage.getByText('人才库', { exact: true }).click();
  const talents = officePage.locator('.talents');
  await talents.locator('.talents__item').filter({ hasText: NAME }).waitFor();
  await talents.getByLabel('区县').selectOption('500103');
  await talents.locator('.talents__item').filter({ hasText: NAME }).waitFor();
  await settledSnapshot(officePage, 'talents-statements');
  const zipResponse = officePage.waitForResponse((r) => new URL(r.url()).pathname === '/api/ce-statements/export');
  const zipDownloaded = officePage.waitForEvent('download');
  await talents.getByText('批量下载学时证明（ZIP）', { exact: true }).click();
  const zipAnswer = await zipResponse;
  expect(zipAnswer.status()).toBe(200);
  expect(new URL(zipAnswer.url()).searchParams.get('year')).toBe(String(year));
  expect(new URL(zipAnswer.url()).searchParams.get('district')).toBe('500103');
  const zip = await zipDownloaded;
  expect(zip.suggestedFilename()).toMatch(/\.zip$/);
  expect(fs.readFileSync(await zip.path()).subarray(0, 2).toString('latin1')).toBe('PK');

  await talents.locator('.talents__item').filter({ hasText: NAME }).click();
  const talent = officePage.locator('.talent');
  await talent.getByText('下载学时证明', { exact: true }).waitFor();
  await settledSnapshot(officePage, 'talent-statement');
  const onePdf = officePage.waitForEvent('download');
  await talent.getByText('下载学时证明', { exact: true }).click();
  const one = await onePdf;
  expect(one.suggestedFilename()).toMatch(/\.pdf$/);
  expect(fs.readFileSync(await one.path()).subarray(0, 4).toString('latin1')).toBe('%PDF');
});
