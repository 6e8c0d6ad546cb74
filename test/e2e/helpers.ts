/** Test data and screenshot helpers shared by the browser tests. */
import type { Page } from 'playwright-core';
import { snapshot } from './harness';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** A valid 18-character resident ID number (GB 11643 check character) for a man born 1990-01-01 in 渝中区. */
export function idNumber(sequence: number): string {
  const seq = String(sequence % 1000).padStart(3, '0');
  const first17 = `50010319900101${seq}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return first17 + CHECK_CHARS[sum % 11];
}

/** Distinct mainland mobile numbers per run. */
export function phone(n: number): string {
  return `139${String((Date.now() % 1e6) * 10 + n).padStart(8, '0').slice(-8)}`;
}

/**
 * Taro's h5 router slides a new page in from the right; a full-page screenshot taken during the
 * slide is wider than the phone. Wait until nothing sticks out, then take the picture.
 */
export async function settledSnapshot(page: Page, name: string): Promise<void> {
  await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth, undefined, { timeout: 5000 });
  await snapshot(page, name);
}

/** Signs in on the h5 sign-in page (home sends a visitor without a token there) and waits for home. */
export async function signIn(page: Page, baseUrl: string, phoneNo: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.locator('input[placeholder="请输入手机号"]').fill(phoneNo);
  await page.locator('input[placeholder="请输入密码"]').fill(password);
  await page.getByText('登录', { exact: true }).click();
  await page.locator('.home__name').waitFor();
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A valid 统一社会信用代码 (GB 32100 check character) of a company registered in `region`. */
export function creditCode(sequence: number, region = '500112'): string {
  const first17 = `91${region}MA${String(sequence).padStart(7, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(first17[i]) * CREDIT_WEIGHTS[i];
  const check = 31 - (sum % 31);
  return first17 + CREDIT_ALPHABET[check === 31 ? 0 : check];
}

/** A practitioner signed up over the API with a talent record (待审核) in `district`; returns the record's id. */
export async function practitionerWithRecord(
  server: { api: <T = Record<string, unknown>>(method: string, path: string, body?: unknown, token?: string) => Promise<T> },
  fields: { phone: string; name: string; idNumber: string; district: string; orgName?: string; agencyCreditCode?: string },
): Promise<{ id: number; token: string }> {
  const { token } = await server.api<{ token: string }>('POST', '/api/auth/register', { phone: fields.phone, password: 'practitioner-9', name: fields.name });
  const record = await server.api<{ id: number }>(
    'PUT',
    '/api/me/profile',
    {
      name: fields.name,
      idNumber: fields.idNumber,
      district: fields.district,
      orgName: fields.orgName ?? '重庆某知识产权代理有限公司',
      orgType: 'service_agency',
      category: 'agent',
      ipFields: ['patent'],
      titleLevel: 'intermediate',
      qualifications: [],
      ...(fields.agencyCreditCode ? { agencyCreditCode: fields.agencyCreditCode } : {}),
    },
    token,
  );
  return { id: record.id, token };
}
