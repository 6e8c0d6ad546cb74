import type { Browser, Page } from 'playwright-core';
import { launchBrowser, phonePage, startServer, type RunningServer } from './harness';
import { idNumber, phone, settledSnapshot } from './helpers';

/** A new person on a phone: register, fill the talent record, see it waiting for review. */
let server: RunningServer;
/** Taro's h5 <Input> is a custom element around a real <input>: the latter is the one to type in. */
const field = (placeholder: string) => page.locator(`input[placeholder="${placeholder}"]`);
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  page = await phonePage(browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('registers, fills the talent record with native selects, and sees 待审核 after a reload', async () => {
  await page.goto(`${server.baseUrl}/`);
  // no token: home sends the visitor to the login page
  await page.getByText('没有账号？去注册').click();
  await field('请输入手机号').fill(phone(1));
  await field('请设置登录密码').fill('correct-horse-9');
  await field('请输入真实姓名').fill('王小明');
  await settledSnapshot(page, 'register');
  await page.getByText('注册', { exact: true }).click();

  await page.getByText('请完善人才档案').waitFor();
  await settledSnapshot(page, 'home-new');
  await page.getByText('填写人才档案').click();

  await field('请输入 18 位身份证号').waitFor();
  await field('请输入 18 位身份证号').fill(idNumber(123));
  await page.getByLabel('性别').selectOption({ label: '男' });
  await page.getByLabel('所在区县').selectOption({ label: '渝中区' });
  await field('请输入单位全称').fill('重庆某某知识产权代理有限公司');
  await page.getByLabel('单位类型').selectOption({ label: '知识产权服务机构' });
  await page.getByLabel('从业类别').selectOption({ label: '知识产权代理' });
  await page.getByText('专利', { exact: true }).click();
  await page.getByLabel('职称等级').selectOption({ index: 1 });
  await settledSnapshot(page, 'profile-filled');
  await page.getByText('保存', { exact: true }).click();

  await page.getByText('已提交，等待审核', { exact: true }).first().waitFor();
  await page.getByText('待审核', { exact: true }).first().waitFor();
  await settledSnapshot(page, 'profile-saved');

  await page.goto(`${server.baseUrl}/`);
  await page.reload();
  await page.locator('.badge--pending').getByText('待审核').waitFor();
  await settledSnapshot(page, 'home-pending');
});
