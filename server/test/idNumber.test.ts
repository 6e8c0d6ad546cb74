import { checkCharacter, examineIdNumber, hashIdNumber, maskIdNumber } from '../src/talent/idNumber';
import { makeIdNumber } from './helpers/testApp';

describe('resident ID numbers (GB 11643)', () => {
  it('computes check characters, including X and 0', () => {
    // The standard's own worked example: 11010519491231002X.
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('44052418800101001')).toBe('4');
    // Worked by hand: weighted sum 159, 159 mod 11 = 5 → '7'.
    expect(checkCharacter('51010419790101000')).toBe('7');
  });

  it('accepts valid numbers, with a lower-case x and spaces around, and reads birth date and gender', () => {
    expect(examineIdNumber(' 11010519491231002x ')).toEqual({ normalized: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' });
    expect(examineIdNumber(makeIdNumber('500103', '19880512', 123))).toMatchObject({ birthDate: '1988-05-12', gender: 'male' });
  });

  it('names what is wrong', () => {
    expect(examineIdNumber('11010519491231002')).toBe('format');
    expect(examineIdNumber('1101051949123100AX')).toBe('format');
    expect(examineIdNumber('110105194912310021')).toBe('checkDigit');
    expect(examineIdNumber(makeIdNumber('500103', '19880230'))).toBe('birthDate');
    expect(examineIdNumber(makeIdNumber('500103', '18991231'))).toBe('birthDate');
    expect(examineIdNumber(makeIdNumber('500103', '20990101'), new Date('2026-01-01'))).toBe('birthDate');
  });

  it('masks to the contract form and hashes with the key', () => {
    expect(maskIdNumber('50010319880512123X')).toBe('500***********123X');
    const a = hashIdNumber('11010519491231002X', 'key-one-key-one-key');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(hashIdNumber('11010519491231002X', 'key-one-key-one-key')).toBe(a);
    expect(hashIdNumber('11010519491231002X', 'key-two-key-two-key')).not.toBe(a);
  });
});
