import type { Browser, Page } from 'playwright-core';
import { launchBrowser, phonePage, startServer, type RunningServer } from './harness';
import { creditCode, idNumber, phone, practitionerWithRecord, settledSnapshot, signIn } from './helpers';

/**
 * The agency registry on the h5 app: the office registers an agency (a wrong check character is
 * refused at its field), verifies it, sees the practitioner who named it with their compliance, and
 * the dashboard counts it toward the 200.
 */
const ADMIN = { phone: '13700000006', password: 'admin-secret-6' };
const OFFICE_PASSWORD = 'office-secret-6';

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

const input = (placeholder: string) => page.locator(`input[placeholder="${placeholder}"]`);

it('registers an agency, refuses a wrong check character at its field, verifies it and shows its practitioners', async () => {
  const admin = await server.login(ADMIN.phone, ADMIN.password);
  const officePhone = phone(8);
  await server.api('POST', '/api/admin/users', { phone: officePhone, password: OFFICE_PASSWORD, name: '人才工作处', role: 'office' }, admin);
  const code = creditCode(4242);
  // someone who works there names it in their record; the office verifies the record
  const worker = await practitionerWithRecord(server, { phone: phone(9), name: '机构王五', idNumber: idNumber(701), district: '500112', agencyCreditCode: code });
  const office = await server.login(officePhone, OFFICE_PASSWORD);
  await server.api('POST', `/api/talents/${worker.id}/verify`, {}, office);

  await signIn(page, server.baseUrl, officePhone, OFFICE_PASSWORD);
  await page.getByText('服务机构名录', { exact: true }).first().click();
  const list = page.locator('.page.office.agencies');
  await list.getByText('名录中还没有服务机构').waitFor();
  await list.getByText('新增机构', { exact: true }).click();

  const form = page.locator('.page.office.agency-edit');
  await input('与营业执照一致').fill('重庆渝北智诚知识产权代理有限公司');
  const wrongCheck = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
  await input('18 位统一社会信用代码').fill(wrongCheck);
  await form.getByText('代理', { exact: true }).click();
  await form.getByText('咨询', { exact: true }).click();
  await page.getByLabel('所在区县').selectOption({ label: '渝北区' });
  await input('如 2025').fill('2025');
  await input('单位为元').fill('3500000');
  await form.getByText('保存', { exact: true }).click();
  await form.getByText('统一社会信用代码的校验位不正确，请核对').waitFor();
  await settledSnapshot(page, 'agency-form-error');

  await input('18 位统一社会信用代码').fill(code);
  await form.getByText('保存', { exact: true }).click();
  const agency = page.locator('.page.office.agency');
  await agency.getByText(code).waitFor();
  await agency.getByText('待审核', { exact: true }).first().waitFor();
  await agency.getByText('认证通过', { exact: true }).click();
  await agency.getByText('已认证通过').waitFor();
  // the practitioner who named it, short of this year's hours
  await agency.getByText('机构王五').waitFor();
  await agency.getByText('未达标').first().waitFor();
  await settledSnapshot(page, 'agency-verified');

  // the dashboard counts it toward the 200
  await page.goto(`${server.baseUrl}/`);
  await page.getByText('人才统计', { exact: true }).first().click();
  const dashboard = page.locator('.page.office.dash');
  await dashboard.locator('.dash__agencies .dash__agency-num').first().waitFor();
  expect(await dashboard.locator('.dash__agencies .dash__agency-num').first().textContent()).toBe('1');
  await settledSnapshot(page, 'dashboard-agencies');
});
