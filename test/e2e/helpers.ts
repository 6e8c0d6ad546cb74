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
