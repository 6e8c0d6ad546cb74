import { createHmac } from 'node:crypto';

/**
 * Resident ID numbers (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence (odd for
 * men), 1 check character. The raw number is only ever held in memory: we store its keyed hash (to find
 * the same person again) and a masked form (to show).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export interface IdNumberFacts {
  normalized: string;
  birthDate: string;
  gender: 'male' | 'female';
}

export type IdNumberProblem = 'format' | 'birthDate' | 'checkDigit';

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  format: '身份证号码应为 18 位，前 17 位为数字，最后一位为数字或 X',
  birthDate: '身份证号码中的出生日期无效',
  checkDigit: '身份证号码校验位不正确，请核对',
};

export function examineIdNumber(raw: string, today: Date = new Date()): IdNumberFacts | IdNumberProblem {
  const normalized = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(normalized)) return 'format';
  const y = Number(normalized.slice(6, 10));
  const m = Number(normalized.slice(10, 12));
  const d = Number(normalized.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  const realDate = birth.getUTCFullYear() === y && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d;
  if (!realDate || y < 1900 || birth.getTime() > today.getTime()) return 'birthDate';
  if (checkCharacter(normalized.slice(0, 17)) !== normalized[17]) return 'checkDigit';
  return {
    normalized,
    birthDate: `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`,
    gender: Number(normalized[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** `500***********123X`: region prefix and the last four, as the contract shows them. */
export function maskIdNumber(normalized: string): string {
  return `${normalized.slice(0, 3)}${'*'.repeat(11)}${normalized.slice(14)}`;
}

/** Keyed (HMAC-SHA256) so a leaked table cannot be reversed by hashing all ~10^11 plausible numbers. */
export function hashIdNumber(normalized: string, key: string): string {
  return createHmac('sha256', key).update(normalized).digest('hex');
}
