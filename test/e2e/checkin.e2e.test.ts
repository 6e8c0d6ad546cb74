import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, phonePage, startServer, type RunningServer } from './harness';
import { idNumber, phone, settledSnapshot, signIn } from './helpers';

/**
 * A class from check-in to certificate: the trainer shows the session's QR page, the practitioner
 * types the 6-digit code under it on their phone, the class is completed, and the practitioner
 * finds the hours and the certificate, whose public verify page shows the masked name.
 */
const ADMIN = { phone: '13700000002', password: 'admin-secret-2' };
const TRAINER_PASSWORD = 'trainer-secret-2';
const PASSWORD = 'practitioner-9';
const COURSE_CODE = 'CQIP-PUB-101';
const CLASS_TITLE = '知识产权法律基础公需课（e2e 签到）';
const PRACTITIONER_NAME = '王小明';
const MASKED_NAME = '王*明';

const ROOT = path.resolve(__dirname, '../..');
const course = fs.readFileSync(path.join(ROOT, 'courses', `${COURSE_CODE}.yaml`), 'utf8');
const COURSE_TITLE = /^title:\s*(.+)$/m.exec(course)![1].trim();
const CREDIT_HOURS = Number(/^creditHours:\s*([\d.]+)/m.exec(course)![1]);

let server: RunningServer;
let browser: Browser;
let trainerPage: Page;
let practitionerPage: Page;

/** YYYY-MM-DD in Shanghai of an instant. */
const shanghaiDate = (at: number) => new Date(at + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({ ADMIN_PHONE: ADMIN.phone, ADMIN_PASSWORD: ADMIN.password }),
    launchBrowser(),
  ]);
  // two phones: separate browser contexts, separate storage (tokens)
  trainerPage = await phonePage(browser);
  practitionerPage = await phonePage(browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('checks in with the code under the QR, completes the class, and shows hours and a verifiable certificate', async () => {
  // staff set-up through the API: admin → trainer → a class running today with one session now
  const admin = await server.login(ADMIN.phone, ADMIN.password);
  const trainerPhone = phone(7);
  await server.api('POST', '/api/admin/users', { phone: trainerPhone, password: TRAINER_PASSWORD, name: '培训基地签到老师', role: 'trainer' }, admin);
  const trainer = await server.login(trainerPhone, TRAINER_PASSWORD);
  const now = Date.now();
  const cls = await server.api<{ id: number; status: string }>(
    'POST',
    '/api/classes',
    {
      courseCode: COURSE_CODE,
      title: CLASS_TITLE,
      location: '重庆市渝北区知识产权培训基地 302 教室',
      startDate: shanghaiDate(now),
      // the session may run past midnight in Shanghai
      endDate: shanghaiDate(now + 2 * 3600_000),
      capacity: 10,
      enrollOpensAt: new Date(now - 3600_000).toISOString(),
      enrollClosesAt: new Date(now + 3600_000).toISOString(),
    },
    trainer,
  );
  expect(cls.status).toBe('open');
  // A short session that ends while the test runs: 结业 is possible only once the last session has ended.
  const sessionEnds = now + 40_000;
  await server.api('POST', `/api/classes/${cls.id}/sessions`, { startsAt: new Date(now).toISOString(), endsAt: new Date(sessionEnds).toISOString(), topic: '知识产权法律体系' }, trainer);

  const practitionerPhone = phone(8);
  const { token: practitioner } = await server.api<{ token: string }>('POST', '/api/auth/register', { phone: practitionerPhone, password: PASSWORD, name: PRACTITIONER_NAME });
  await server.api(
    'PUT',
    '/api/me/profile',
    {
      name: PRACTITIONER_NAME,
      idNumber: idNumber(777),
      district: '500103',
      orgName: '重庆某某知识产权代理有限公司',
      orgType: 'service_agency',
      category: 'agent',
      ipFields: ['patent'],
      titleLevel: 'none',
    },
    practitioner,
  );
  expect((await server.api<{ status: string }>('POST', `/api/classes/${cls.id}/enrollments`, undefined, practitioner)).status).toBe('enrolled');

  // the trainer's phone: 开班管理 → the class → 签到二维码
  await signIn(trainerPage, server.baseUrl, trainerPhone, TRAINER_PASSWORD);
  await trainerPage.getByText('开班管理', { exact: true }).waitFor();
  expect(await trainerPage.getByText('我的学时', { exact: true }).count()).toBe(0);
  await settledSnapshot(trainerPage, 'home-trainer');
  await trainerPage.getByText('开班管理', { exact: true }).click();
  await trainerPage.locator('.staff-class').filter({ hasText: CLASS_TITLE }).click();
  const sessionCard = trainerPage.locator('.sc__session').filter({ hasText: '知识产权法律体系' });
  await sessionCard.waitFor();
  await settledSnapshot(trainerPage, 'staff-class');
  await sessionCard.getByText('签到二维码', { exact: true }).click();
  const code = trainerPage.locator('.qrp__code');
  await code.waitFor();
  await trainerPage.locator('img.qr__img').waitFor();
  await trainerPage.locator('.sheet__row').filter({ hasText: PRACTITIONER_NAME }).getByText('未签到').waitFor();
  const shortCode = (await code.textContent())!.trim();
  expect(shortCode).toMatch(/^\d{6}$/);
  // the QR image is a real picture of a sensible size, not a broken <img>
  const qrBox = await trainerPage.locator('img.qr__img').boundingBox();
  expect(qrBox!.width).toBeGreaterThan(250);
  expect(Math.abs(qrBox!.width - qrBox!.height)).toBeLessThan(2);
  await settledSnapshot(trainerPage, 'checkin-qr');

  // the practitioner's phone: 扫码签到 → type the code
  await signIn(practitionerPage, server.baseUrl, practitionerPhone, PASSWORD);
  await practitionerPage.getByText('扫码签到', { exact: true }).waitFor();
  expect(await practitionerPage.getByText('开班管理', { exact: true }).count()).toBe(0);
  await settledSnapshot(practitionerPage, 'home-practitioner');
  await practitionerPage.getByText('扫码签到', { exact: true }).click();
  const codeInput = practitionerPage.locator('.checkin input');
  await codeInput.waitFor();
  await codeInput.fill(shortCode);
  await practitionerPage.locator('.checkin').getByText('签到', { exact: true }).click();
  await practitionerPage.getByText('签到成功', { exact: true }).waitFor();
  await practitionerPage.getByText(/^签到时间 /).waitFor();
  await settledSnapshot(practitionerPage, 'checkin-success');

  // the trainer sets the attendance sheet's view of it: 考勤 shows the check-in
  await trainerPage.goBack();
  await sessionCard.getByText('考勤', { exact: true }).click();
  const row = trainerPage.locator('.sheet__row').filter({ hasText: PRACTITIONER_NAME });
  await row.locator('.tag--present').waitFor();
  await trainerPage.getByText('已签到 1 / 1 人').waitFor();
  await settledSnapshot(trainerPage, 'attendance-sheet');

  // 结业 through the API, once the session is over
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, sessionEnds + 1000 - Date.now())));
  const report = await server.api<{ completed: number; failed: number; certificates: { code: string }[] }>('POST', `/api/classes/${cls.id}/complete`, undefined, trainer);
  expect(report.completed).toBe(1);
  expect(report.failed).toBe(0);
  const certificateCode = report.certificates[0].code;

  // 我的学时
  await practitionerPage.goto(`${server.baseUrl}/`);
  await practitionerPage.getByText('我的学时', { exact: true }).click();
  const record = practitionerPage.locator('.credit-record').filter({ hasText: COURSE_TITLE });
  await record.getByText(`${CREDIT_HOURS} 学时`, { exact: true }).waitFor();
  await record.getByText('公需科目').waitFor();
  await record.getByText('培训', { exact: true }).waitFor();
  await record.getByText(certificateCode, { exact: false }).waitFor();
  expect((await practitionerPage.locator('.credits__earned').textContent())!.trim()).toBe(String(CREDIT_HOURS));
  await practitionerPage.locator('.credits__part').filter({ hasText: '公需科目' }).getByText(`${CREDIT_HOURS} 学时`).waitFor();
  await settledSnapshot(practitionerPage, 'my-hours');

  // 申报学时: a PDF through Taro.uploadFile (h5: the file input's object URL), then 我的申报
  await practitionerPage.locator('.credits').getByText('申报学时', { exact: true }).click();
  const claim = practitionerPage.locator('.claim');
  await claim.locator('input[placeholder="如：专利代理实务研修班"]').fill('知识产权保护高峰论坛');
  await claim.locator('input[placeholder="培训或会议的主办单位"]').fill('重庆市知识产权保护中心');
  await claim.locator('input[placeholder="如 8 或 4.5"]').fill('4.5');
  await claim.getByLabel('科目类别').selectOption({ label: '专业科目' });
  await claim.locator('input[type="file"]').setInputFiles({ name: '参会证明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% e2e evidence\n%%EOF\n') });
  await claim.getByText('参会证明.pdf').waitFor();
  await settledSnapshot(practitionerPage, 'credit-claim');
  await claim.getByText('提交申报', { exact: true }).click();
  const claimItem = practitionerPage.locator('.claim-item').filter({ hasText: '知识产权保护高峰论坛' });
  await claimItem.getByText('待审核', { exact: true }).waitFor();
  await claimItem.getByText('申报 4.5 学时').waitFor();
  await settledSnapshot(practitionerPage, 'credit-claims');

  // 我的证书 → 查看验证页
  await practitionerPage.goto(`${server.baseUrl}/`);
  await practitionerPage.getByText('我的证书', { exact: true }).click();
  const cert = practitionerPage.locator('.cert').filter({ hasText: certificateCode });
  await cert.getByText(COURSE_TITLE, { exact: true }).waitFor();
  await cert.getByText(CLASS_TITLE).waitFor();
  await settledSnapshot(practitionerPage, 'my-certificates');
  // 下载证书: fetched with the token, then shown in a new tab (or saved where tabs are blocked)
  const pdfResponse = practitionerPage.waitForResponse((r) => r.url().endsWith(`/api/certificates/${certificateCode}/pdf`));
  const opened = Promise.race([
    practitionerPage.context().waitForEvent('page').then((p) => `tab ${p.url()}`),
    practitionerPage.waitForEvent('download').then((d) => `download ${d.suggestedFilename()}`),
  ]);
  await cert.getByText('下载证书', { exact: true }).click();
  const pdf = await pdfResponse;
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  expect(await opened).toMatch(/^(tab blob:|download certificate-)/);
  await cert.getByText('查看验证页', { exact: true }).click();
  await practitionerPage.locator('.verify').getByText('证书有效', { exact: true }).waitFor();
  await practitionerPage.locator('.verify').getByText(MASKED_NAME, { exact: true }).waitFor();
  expect(await practitionerPage.locator('.verify').getByText(PRACTITIONER_NAME).count()).toBe(0);
  await settledSnapshot(practitionerPage, 'certificate-verify');

  // the QR on the PDF points at /verify/<code>: a stranger without an account opens it
  const stranger = await phonePage(browser);
  await stranger.goto(`${server.baseUrl}/verify/${certificateCode}`);
  await stranger.getByText('证书有效', { exact: true }).waitFor();
  await stranger.getByText(MASKED_NAME, { exact: true }).waitFor();
  await stranger.getByText(COURSE_TITLE, { exact: true }).waitFor();
  expect(new URL(stranger.url()).pathname).toBe('/pages/certificates/verify/index');
  await settledSnapshot(stranger, 'certificate-verify-public');
  // not sent to the login page
  expect(await stranger.locator('input[placeholder="请输入密码"]').count()).toBe(0);

  const unknown = await phonePage(browser);
  await unknown.goto(`${server.baseUrl}/verify/ZZZZZZZZZZZZZZZZ`);
  await unknown.getByText('未找到该证书', { exact: true }).waitFor();
  await settledSnapshot(unknown, 'certificate-verify-unknown');
});
