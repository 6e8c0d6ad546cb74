/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from 31 (digits and
 * capital letters without I, O, Z, S, V), the last one a check character computed from the first 17.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of the first 17 characters (all from the alphabet). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  const check = 31 - (sum % 31);
  return ALPHABET[check === 31 ? 0 : check];
}

/** Full-width letters and digits (ＡＢ１２, as Chinese input methods type them) become ASCII; spaces go. */
function normalize(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000-]/g, '')
    .toUpperCase();
}

export type CreditCodeResult = { code: string } | { problem: string };

/** The code normalised (upper case, no spaces), or what is wrong with it, in Chinese. */
export function examineCreditCode(text: string): CreditCodeResult {
  const code = normalize(text);
  if (code === '') return { problem: '请填写统一社会信用代码' };
  if (code.length !== 18) return { problem: `统一社会信用代码应为 18 位（现为 ${code.length} 位）` };
  for (let i = 0; i < 18; i++) {
    if (!ALPHABET.includes(code[i])) {
      return { problem: `统一社会信用代码第 ${i + 1} 位「${code[i]}」不是有效字符（只用数字和除 I、O、Z、S、V 以外的大写字母）` };
    }
  }
  if (creditCodeCheckChar(code) !== code[17]) return { problem: '统一社会信用代码的校验位不正确，请核对' };
  return { code };
}
