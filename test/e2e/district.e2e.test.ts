import type { Browser, Page } from 'playwright-core';
import { launchBrowser, phonePage, startServer, type RunningServer } from './harness';
import { idNumber, phone, practitionerWithRecord, settledSnapshot, signIn } from './helpers';

/**
 * A district officer's day (区县): sign in, find their district's pending record in the talent
 * database (and only theirs), verify it, fail to open another district's record, and see their
 * district's dashboard.
 */
const ADMIN = { phone: '13700000005', password: 'admin-secret-5' };
const OFFICER_PASSWORD = 'district-secret-5';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ ADMIN_PHONE: ADMIN.phone, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
  page = await phonePage(browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('verifies a record of their district, cannot open another district’s, and sees their district’s dashboard', async () => {
  const admin = await server.login(ADMIN.phone, ADMIN.password);
  const officerPhone = phone(5);
  await server.api('POST', '/api/admin/users', { phone: officerPhone, password: OFFICER_PASSWORD, name: '渝北区人才工作', role: 'district', districtCode: '500112' }, admin);
  await practitionerWithRecord(server, { phone: phone(6), name: '渝北张三', idNumber: idNumber(601), district: '500112', orgName: '重庆渝北知识产权代理有限公司' });
  const elsewhere = await practitionerWithRecord(server, { phone: phone(7), name: '渝中李四', idNumber: idNumber(602), district: '500103' });

  await signIn(page, server.baseUrl, officerPhone, OFFICER_PASSWORD);
  await page.getByText('渝北区知识产权管理').waitFor();
  await settledSnapshot(page, 'district-home');

  // the talent database is their district's: one person, not the 渝中区 one
  await page.getByText('人才库', { exact: true }).click();
  const talents = page.locator('.page.office.talents');
  await talents.getByText('共 1 人').waitFor();
  expect(await talents.getByText('渝中李四').count()).toBe(0);
  await talents.getByText('渝北张三').click();
  const record = page.locator('.page.office.talent');
  await record.getByText('重庆渝北知识产权代理有限公司').waitFor();
  await record.getByText('认证通过', { exact: true }).click();
  await record.getByText('已认证通过').waitFor();
  await settledSnapshot(page, 'district-talent-verified');

  // another district's record, by its address: not found, nothing of it shown
  await page.goto(`${server.baseUrl}/pages/office/talent/index?id=${elsewhere.id}`);
  await page.getByText('人才档案不存在').waitFor();
  expect(await page.getByText('渝中李四').count()).toBe(0);

  // their dashboard: 渝北区's figures, the one verified person, no city league table
  await page.goto(`${server.baseUrl}/`);
  await page.getByText('人才统计', { exact: true }).first().click();
  const dashboard = page.locator('.page.office.dash');
  await dashboard.locator('.dash__scope-title').filter({ hasText: '渝北区 ·' }).waitFor();
  expect(await dashboard.locator('.dash__big-num').textContent()).toBe('1');
  expect(await dashboard.getByText('区县排行').count()).toBe(0);
  await settledSnapshot(page, 'district-dashboard');
});
