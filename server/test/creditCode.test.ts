import { creditCodeCheckChar, examineCreditCode } from '../src/agencies/creditCode';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts real public codes (their check characters come out of the algorithm)', () => {
    for (const code of ['91110000802100433B', '91110108551385082Q', '91440300192185379H']) {
      expect(examineCreditCode(code)).toEqual({ code });
      expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
    }
  });

  it('computes check characters, including the wrap of 31 to 0 and letters', () => {
    // Worked by hand: 9·1 + 1·3 + 5·9 + 0… + M(21)·20 + A(10)·29 + 5·25 + U(27)·13 + 7·8 + G(16)·24 + 0·10 + F(15)·30 + 2·28 = 2189; 2189 mod 31 = 19; 31 − 19 = 12 → 'C'.
    expect(creditCodeCheckChar('91500000MA5U7G0F2')).toBe('C');
    expect(examineCreditCode('91500000MA5U7G0F2C')).toEqual({ code: '91500000MA5U7G0F2C' });
    // sum ≡ 0 (mod 31) gives 31, written 0: all zeros.
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it('normalises case, spaces and full-width characters', () => {
    expect(examineCreditCode(' 91500000ma5u7g0f2c ')).toEqual({ code: '91500000MA5U7G0F2C' });
    expect(examineCreditCode('９１５０００００ＭＡ５Ｕ７Ｇ０Ｆ２Ｃ')).toEqual({ code: '91500000MA5U7G0F2C' });
  });

  it('says in Chinese what is wrong', () => {
    expect(examineCreditCode('')).toEqual({ problem: '请填写统一社会信用代码' });
    expect(examineCreditCode('91500000MA5U7G0F2')).toEqual({ problem: expect.stringContaining('18 位') });
    expect(examineCreditCode('91500000MA5U7G0F2CC')).toEqual({ problem: expect.stringContaining('现为 19 位') });
    for (const letter of ['I', 'O', 'Z', 'S', 'V']) {
      expect(examineCreditCode(`91500000MA5U7G0F2${letter}`)).toEqual({ problem: expect.stringContaining(`第 18 位「${letter}」`) });
    }
    // Every wrong check character is refused.
    for (const wrong of '0123456789ABDEFGHJKLMNPQRTUWXY') {
      expect(examineCreditCode(`91500000MA5U7G0F2${wrong}`)).toEqual({ problem: expect.stringContaining('校验位') });
    }
    // One changed character anywhere (a typo) no longer matches the check character.
    expect(examineCreditCode('91110000802100434B')).toEqual({ problem: expect.stringContaining('校验位') });
  });
});
