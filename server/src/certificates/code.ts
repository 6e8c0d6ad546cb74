import { randomBytes } from 'node:crypto';

/** Crockford base32: no I, L, O, U, so a code read aloud or typed is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 16 characters × 5 bits = 80 random bits: unguessable, short enough to print under a QR code. */
export function newCertificateCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

export const CERTIFICATE_CODE = /^[0-9A-HJKMNP-TV-Z]{16}$/;

/** 张三丰 → 张*丰, 张三 → 张*, 欧阳娜娜 → 欧**娜: enough to recognise, not enough to identify. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
