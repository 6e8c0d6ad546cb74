import type { Browser, Page } from 'playwright-core';
import { launchBrowser, phonePage, startServer, type RunningServer } from './harness';
import { idNumber, phone, practitionerWithRecord, settledSnapshot, signIn } from './helpers';

/**
 * 消息: a practitioner signs up for a class that needs the training base's approval, the trainer
 * approves it, and the practitioner sees the unread count on home, opens 消息, taps the approval and
 * lands on 我的报名; once everything is read the badge is gone.
 */
const ADMIN = { phone: '13700000011', password: 'admin-secret-11' };
const TRAINER_PASSWORD = 'trainer-secret-11';
const PASSWORD = 'practitioner-9';
const CLASS_TITLE = '专利撰写实务班（e2e 消息）';

let server: RunningServer;
let browser: Browser;
let page: Page;

/** YYYY-MM-DD in Shanghai, `days` from now. */
function shanghaiDate(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ ADMIN_PHONE: ADMIN.phone, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
  page = await phonePage(browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('tells the practitioner the sign-up was approved: badge on home, 消息, the linked page, then no badge', async () => {
  // staff set-up through the API: admin → trainer → a class needing approval, open for sign-up now
  const admin = await server.login(ADMIN.phone, ADMIN.password);
  const trainerPhone = phone(21);
  await server.api('POST', '/api/admin/users', { phone: trainerPhone, password: TRAINER_PASSWORD, name: '培训基地审核老师', role: 'trainer' }, admin);
  const trainer = await server.login(trainerPhone, TRAINER_PASSWORD);
  const now = Date.now();
  const cls = await server.api<{ id: number; status: string; requiresApproval: boolean }>(
    'POST',
    '/api/classes',
    {
      courseCode: 'CQIP-PAT-101',
      title: CLASS_TITLE,
      location: '重庆市渝北区知识产权培训基地 301 教室',
      startDate: shanghaiDate(10),
      endDate: shanghaiDate(11),
      capacity: 5,
      requiresApproval: true,
      enrollOpensAt: new Date(now - 3600_000).toISOString(),
      enrollClosesAt: new Date(now + 5 * 86400_000).toISOString(),
    },
    trainer,
  );
  expect(cls.requiresApproval).toBe(true);

  // the practitioner signs up (pending), the trainer approves
  const practitionerPhone = phone(22);
  const { token } = await practitionerWithRecord(server, { phone: practitionerPhone, name: '陈消息', idNumber: idNumber(611), district: '500103' });
  const enrollment = await server.api<{ id: number; status: string }>('POST', `/api/classes/${cls.id}/enrollments`, undefined, token);
  expect(enrollment.status).toBe('pending');
  const approved = await server.api<{ status: string }>('POST', `/api/enrollments/${enrollment.id}/approve`, undefined, trainer);
  expect(approved.status).toBe('enrolled');
  // one entry for the sign-up, one for the approval
  expect((await server.api<{ count: number }>('GET', '/api/me/notifications/unread-count', undefined, token)).count).toBe(2);

  // home, on the phone: 消息 with the unread count
  await signIn(page, server.baseUrl, practitionerPhone, PASSWORD);
  const messages = page.locator('.home__entry').filter({ hasText: '消息' });
  await messages.locator('.home__badge', { hasText: '2' }).waitFor();
  await settledSnapshot(page, 'home-unread-badge');

  // 消息: both entries unread, newest first
  await messages.click();
  const inbox = page.locator('.inbox');
  const approval = inbox.locator('.inbox__entry').filter({ hasText: '报名审核通过' });
  await approval.waitFor();
  await approval.getByText(CLASS_TITLE, { exact: false }).waitFor();
  expect(await inbox.locator('.inbox__entry--unread').count()).toBe(2);
  expect(await inbox.locator('.inbox__entry').first().textContent()).toContain('报名审核通过');
  await inbox.getByText('2 条未读').waitFor();
  await settledSnapshot(page, 'inbox');

  // tapping the approval opens 我的报名 (its link), where the class shows as 已报名
  await approval.click();
  await page.waitForURL((url) => url.pathname === '/pages/enrollment/mine/index');
  const mine = page.locator('.mine__item').filter({ hasText: CLASS_TITLE });
  await mine.getByText('已报名', { exact: true }).waitFor();
  await settledSnapshot(page, 'inbox-linked-page');

  // back in 消息 (refreshed when shown again): the approval is read, the sign-up entry is not
  await page.goBack();
  await inbox.getByText('1 条未读').waitFor();
  expect(await inbox.locator('.inbox__entry--unread').count()).toBe(1);
  await inbox.locator('.inbox__entry--unread').filter({ hasText: '报名已提交' }).waitFor();

  // 全部已读, then home: no badge
  await inbox.getByText('全部已读', { exact: true }).click();
  await page.waitForFunction(() => document.querySelectorAll('.inbox__entry--unread').length === 0);
  expect(await inbox.getByText(/条未读/).count()).toBe(0);
  // 未读: nothing left
  await inbox.locator('.inbox__tab', { hasText: '未读' }).click();
  await inbox.getByText('没有未读消息', { exact: true }).waitFor();
  await settledSnapshot(page, 'inbox-all-read');
  await page.goBack();
  await page.locator('.home__name').waitFor();
  await messages.waitFor();
  await page.waitForFunction(() => !document.querySelector('.home__badge'));
  expect((await server.api<{ count: number }>('GET', '/api/me/notifications/unread-count', undefined, token)).count).toBe(0);
  await settledSnapshot(page, 'home-no-badge');
});
