import type { Browser, Page } from 'playwright-core';
import { launchBrowser, phonePage, startServer, type RunningServer } from './harness';
import { idNumber, phone, settledSnapshot, signIn } from './helpers';

/**
 * The talent office on the h5 app: import a spreadsheet (dry run, per-row errors, then for real),
 * find the imported person who is still 待审核 in the talent database, verify them, and see the
 * dashboard count both verified people once.
 */
const ADMIN = { phone: '13700000003', password: 'admin-secret-3' };
const OFFICE_PASSWORD = 'office-secret-3';

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

it('imports a spreadsheet, verifies the pending person and counts each verified person once', async () => {
  const admin = await server.login(ADMIN.phone, ADMIN.password);
  const officePhone = phone(3);
  await server.api('POST', '/api/admin/users', { phone: officePhone, password: OFFICE_PASSWORD, name: '人才工作处', role: 'office' }, admin);

  await signIn(page, server.baseUrl, officePhone, OFFICE_PASSWORD);

  // import: two good rows (one still to be reviewed), one with a broken ID number
  await page.getByText('批量导入', { exact: true }).click();
  const importer = page.locator('.page.office.import');
  const badId = `${idNumber(502).slice(0, 17)}${idNumber(502).endsWith('0') ? '1' : '0'}`;
  const csv = [
    '姓名,身份证号码,区县,工作单位,单位类型,人才类别,业务领域,职称,人才层次,审核状态',
    `刘一,${idNumber(500)},渝中区,重庆甲知识产权代理公司,企业,知识产权代理,专利,中级,,`,
    `刘二,${idNumber(501)},渝中区,重庆乙律师事务所,律师事务所,知识产权律师,商标,中级,,待审核`,
    `刘三,${badId},渝中区,重庆丙公司,企业,知识产权代理,专利,中级,,`,
  ].join('\n');
  await importer.locator('input[type="file"]').setInputFiles({ name: '人才名单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await importer.getByText('预检', { exact: true }).click();
  await importer.getByText('预检结果（尚未导入）').waitFor();
  await importer.getByText('将新增 2').waitFor();
  await importer.getByText('第 4 行 · 身份证号码').waitFor();
  await settledSnapshot(page, 'office-import-dry-run');
  await importer.getByText('确认导入', { exact: true }).click();
  await importer.getByText('导入完成').waitFor();
  await importer.getByText('新增 2').waitFor();

  // the talent database: the pending person, verified from their record
  await page.goBack();
  await page.getByText('人才库', { exact: true }).click();
  const talents = page.locator('.page.office.talents');
  await talents.getByText('共 2 人').waitFor();
  await talents.getByLabel('状态').selectOption({ label: '待审核' });
  await talents.getByText('共 1 人').waitFor();
  await talents.getByText('刘二').click();
  const record = page.locator('.page.office.talent');
  await record.getByText('重庆乙律师事务所').waitFor();
  await record.getByText('认证通过', { exact: true }).click();
  await record.getByText('已认证通过').waitFor();
  // the record's history names who verified it
  await record.locator('.talent__history').filter({ hasText: '认证通过' }).filter({ hasText: '人才工作处' }).waitFor();
  await settledSnapshot(page, 'office-talent-verified');

  // the dashboard: both verified, each once
  await page.goBack();
  await page.goBack();
  await page.getByText('人才统计', { exact: true }).first().click();
  const dashboard = page.locator('.page.office.dash');
  await dashboard.locator('.dash__big-num').waitFor();
  expect(await dashboard.locator('.dash__big-num').textContent()).toBe('2');
  expect(await dashboard.locator('.dash__count-num--pending').textContent()).toBe('0');
  await settledSnapshot(page, 'office-dashboard');

  // nobody has hours yet: both verified people are short of this year's rule
  await dashboard.getByText('查看未达标人员', { exact: true }).click();
  const compliance = page.locator('.page.office.compliance');
  await compliance.getByText('未达标 2 人').waitFor();
  await compliance.getByText('刘一').waitFor();
  await settledSnapshot(page, 'office-compliance');
});
