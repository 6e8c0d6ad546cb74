import type { Browser, Page } from 'playwright-core';
import { launchBrowser, phonePage, startServer, type RunningServer } from './harness';
import { idNumber, phone, settledSnapshot, signIn } from './helpers';

/**
 * The training base in the h5 app: a trainer publishes a class with two sessions and approval
 * required, a practitioner signs up (over the API), and the trainer approves them on the class page.
 */
const ADMIN = { phone: '13700000004', password: 'admin-secret-4' };
const TRAINER_PASSWORD = 'trainer-secret-4';
const CLASS_TITLE = '知识产权法律基础公需课（e2e 发布）';

let server: RunningServer;
let browser: Browser;
let page: Page;

/** YYYY-MM-DD in Chongqing, `days` from now. */
const day = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ ADMIN_PHONE: ADMIN.phone, ADMIN_PASSWORD: ADMIN.password }), launchBrowser()]);
  page = await phonePage(browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('publishes a class with its sessions and approves a sign-up', async () => {
  const admin = await server.login(ADMIN.phone, ADMIN.password);
  const trainerPhone = phone(4);
  await server.api('POST', '/api/admin/users', { phone: trainerPhone, password: TRAINER_PASSWORD, name: '培训基地教务', role: 'trainer' }, admin);
  await signIn(page, server.baseUrl, trainerPhone, TRAINER_PASSWORD);

  await page.getByText('开班管理', { exact: true }).click();
  await page.getByText('发布开班', { exact: true }).click();
  const form = page.locator('.page.class-new');
  await form.getByLabel('课程').selectOption('CQIP-PUB-101');
  await form.locator('input[placeholder="如：2026 年第一期专利撰写实务班"]').fill(CLASS_TITLE);
  await form.locator('input[placeholder="如：重庆市渝北区知识产权培训基地 301 教室"]').fill('重庆市知识产权培训基地 201 教室');
  await form.getByLabel('开始日期').fill(day(7));
  await form.getByLabel('结束日期').fill(day(8));
  await form.locator('input[placeholder="可报名人数"]').fill('30');
  await form.getByLabel('报名截止', { exact: true }).fill(day(5));
  await form.getByLabel('报名方式').selectOption('approval');
  await form.locator('input[placeholder="本课次的主题"]').first().fill('知识产权法律体系');
  await form.getByText('添加课次', { exact: true }).click();
  await form.getByLabel('课次 2日期').fill(day(8));
  await form.getByLabel('课次 2开始').fill('14:00');
  await form.getByLabel('课次 2结束').fill('17:30');
  await form.locator('input[placeholder="本课次的主题"]').nth(1).fill('著作权与商标实务');
  await settledSnapshot(page, 'class-new');
  await form.getByText('发布', { exact: true }).click();

  const cls = page.locator('.page.staff-class-page');
  await cls.getByText(CLASS_TITLE).waitFor();
  await cls.getByText('著作权与商标实务').waitFor();
  await cls.getByText('名额 30 · 已报名 0 · 候补 0 · 待审核 0').waitFor();

  // the server kept the Chongqing wall-clock times of the sessions
  const { items } = await server.api<{ items: { id: number; title: string }[] }>('GET', '/api/classes?pageSize=100');
  const created = items.find((c) => c.title === CLASS_TITLE)!;
  const sessions = await server.api<{ items: { startsAt: string; endsAt: string }[] }>('GET', `/api/classes/${created.id}/sessions`);
  expect(sessions.items.map((s) => [s.startsAt, s.endsAt])).toEqual([
    [new Date(`${day(7)}T09:00:00+08:00`).toISOString(), new Date(`${day(7)}T12:00:00+08:00`).toISOString()],
    [new Date(`${day(8)}T14:00:00+08:00`).toISOString(), new Date(`${day(8)}T17:30:00+08:00`).toISOString()],
  ]);

  // a practitioner signs up: pending until approved
  const { token } = await server.api<{ token: string }>('POST', '/api/auth/register', { phone: phone(5), password: 'practitioner-4', name: '周小青' });
  await server.api(
    'PUT',
    '/api/me/profile',
    { name: '周小青', idNumber: idNumber(601), district: '500103', orgName: '重庆某某科技有限公司', orgType: 'enterprise', category: 'corporate_manager', ipFields: ['patent'], titleLevel: 'none' },
    token,
  );
  const outcome = await server.api<{ status: string }>('POST', `/api/classes/${created.id}/enrollments`, undefined, token);
  expect(outcome.status).toBe('pending');

  await page.reload();
  await cls.getByText('待审核（1）').waitFor();
  await cls.locator('.sc__person').filter({ hasText: '周小青' }).getByText('通过', { exact: true }).click();
  await cls.getByText('已通过：周小青 报名成功').waitFor();
  await cls.getByText('名额 30 · 已报名 1 · 候补 0 · 待审核 0').waitFor();
  await settledSnapshot(page, 'class-approved');
});
