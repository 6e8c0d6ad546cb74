import type { Browser, Page } from 'playwright-core';
import { launchBrowser, phonePage, startServer, type RunningServer } from './harness';
import { idNumber, phone, settledSnapshot } from './helpers';

/**
 * A full class: the only seat is taken through the API, then a second practitioner signs up in
 * the browser and lands on the waitlist, first in line.
 */
const ADMIN = { phone: '13700000001', password: 'admin-secret-1' };
const PASSWORD = 'practitioner-9';
const COURSE_TITLE = '专利申请文件撰写与审查意见答复实务';
const CLASS_TITLE = '专利撰写实务班（e2e）';

let server: RunningServer;
let browser: Browser;
let page: Page;

/** YYYY-MM-DD in Shanghai, `days` from now. */
function shanghaiDate(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}

async function practitioner(n: number, name: string): Promise<{ phone: string; token: string }> {
  const phoneNo = phone(n);
  const { token } = await server.api<{ token: string }>('POST', '/api/auth/register', { phone: phoneNo, password: PASSWORD, name });
  await server.api(
    'PUT',
    '/api/me/profile',
    {
      name,
      idNumber: idNumber(100 + n * 2 + 1),
      district: '500103',
      orgName: '重庆某某知识产权代理有限公司',
      orgType: 'service_agency',
      category: 'agent',
      ipFields: ['patent'],
      titleLevel: 'none',
    },
    token,
  );
  return { phone: phoneNo, token };
}

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({ ADMIN_PHONE: ADMIN.phone, ADMIN_PASSWORD: ADMIN.password }),
    launchBrowser(),
  ]);
  page = await phonePage(browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('puts the second person on the waitlist of a one-seat class, in the browser', async () => {
  // staff set-up through the API: admin → trainer → a class open for sign-up right now
  const admin = await server.login(ADMIN.phone, ADMIN.password);
  const trainerPhone = phone(9);
  await server.api('POST', '/api/admin/users', { phone: trainerPhone, password: 'trainer-secret-1', name: '培训基地老师', role: 'trainer' }, admin);
  const trainer = await server.login(trainerPhone, 'trainer-secret-1');
  const now = Date.now();
  const cls = await server.api<{ id: number; status: string }>(
    'POST',
    '/api/classes',
    {
      courseCode: 'CQIP-PAT-101',
      title: CLASS_TITLE,
      location: '重庆市渝北区知识产权培训基地 301 教室',
      startDate: shanghaiDate(10),
      endDate: shanghaiDate(11),
      capacity: 1,
      enrollOpensAt: new Date(now - 3600_000).toISOString(),
      enrollClosesAt: new Date(now + 5 * 86400_000).toISOString(),
      cancelDeadline: new Date(now + 8 * 86400_000).toISOString(),
    },
    trainer,
  );
  expect(cls.status).toBe('open');

  const first = await practitioner(1, '李一');
  const second = await practitioner(2, '张二');
  const taken = await server.api<{ status: string }>('POST', `/api/classes/${cls.id}/enrollments`, undefined, first.token);
  expect(taken.status).toBe('enrolled');

  // the second practitioner, on a phone
  await page.goto(`${server.baseUrl}/`);
  await page.locator('input[placeholder="请输入手机号"]').fill(second.phone);
  await page.locator('input[placeholder="请输入密码"]').fill(PASSWORD);
  await page.getByText('登录', { exact: true }).click();
  await page.getByText('课程与报名').click();

  await page.getByText(COURSE_TITLE).first().waitFor();
  await settledSnapshot(page, 'course-list');
  await page.locator('input[placeholder="搜索课程"]').fill('专利申请');
  await page.getByText('搜索', { exact: true }).click();
  await page.locator('.courses__tab', { hasText: '专业科目' }).click();
  await page.locator('.courses__tab--active', { hasText: '专业科目' }).waitFor();
  await settledSnapshot(page, 'course-search');
  await page.locator('.course-card').filter({ hasText: COURSE_TITLE }).click();

  const card = page.locator('.klass').filter({ hasText: CLASS_TITLE });
  await card.waitFor();
  await settledSnapshot(page, 'course-detail');
  await card.getByText('剩余名额 0 / 候补 0 人').waitFor();
  await card.getByText('报名中').waitFor();
  await card.scrollIntoViewIfNeeded();
  await settledSnapshot(page, 'course-detail-class');

  await card.getByText('立即报名').click();
  await card.getByText('已进入候补第 1 位').waitFor();
  // the class as the server now has it: one on the waitlist, mine first
  await card.getByText('剩余名额 0 / 候补 1 人').waitFor();
  await card.locator('.klass__mine').getByText('候补第 1 位', { exact: true }).waitFor();
  await card.scrollIntoViewIfNeeded();
  await settledSnapshot(page, 'course-detail-waitlisted');

  await page.goto(`${server.baseUrl}/`);
  await page.getByText('我的报名', { exact: true }).click();
  const mine = page.locator('.mine__item').filter({ hasText: CLASS_TITLE });
  await mine.getByText('候补第 1 位', { exact: true }).waitFor();
  await mine.getByText(COURSE_TITLE).waitFor();
  await mine.getByText('取消报名').waitFor();
  await settledSnapshot(page, 'my-enrollments');

  // and withdraws again: Taro's h5 confirm dialog, then the list shows it cancelled
  await mine.getByText('取消报名').click();
  await page.getByText('确定取消', { exact: true }).click();
  await mine.getByText('已取消', { exact: true }).waitFor();
  expect(await mine.getByText('取消报名').count()).toBe(0);
  await settledSnapshot(page, 'my-enrollments-cancelled');
});
