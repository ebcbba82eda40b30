import fc from 'fast-check';
import { passwordProblem, PASSWORD_MIN_LENGTH } from './password-rule';

const COMMON = new Set(['password1234', '123456789012', 'iloveyou']);

describe('passwordProblem', () => {
  it('refuses blank, short, common, repeated and run passwords, saying why', () => {
    expect(passwordProblem(' '.repeat(10), COMMON)).toBe('must not be blank');
    expect(passwordProblem(' '.repeat(20), COMMON)).toBe('must not be blank');
    expect(passwordProblem('1234567890', COMMON)).toBe('must be at least 12 characters');
    expect(passwordProblem('Password1234', COMMON)).toMatch(/most common/);
    expect(passwordProblem('password 1234', COMMON)).toMatch(/most common/);
    expect(passwordProblem('aaaaaaaaaaaaaa', COMMON)).toMatch(/too easy/);
    expect(passwordProblem('12345678901234', COMMON)).toMatch(/too easy/);
    expect(passwordProblem('qwertyuiopqwer', COMMON)).toMatch(/too easy/);
    expect(passwordProblem('zyxwvutsrqponm', COMMON)).toMatch(/too easy/);
    expect(passwordProblem('x'.repeat(201), COMMON)).toMatch(/at most 200/);
  });

  it('accepts long passphrases without composition rules', () => {
    expect(passwordProblem('correct horse battery staple', COMMON)).toBeNull();
    expect(passwordProblem('long-password-1', COMMON)).toBeNull();
    expect(passwordProblem('ábcdéfghíjklm', COMMON)).toBeNull();
  });

  it('never accepts anything shorter than the minimum (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: PASSWORD_MIN_LENGTH - 1 }), (s) => passwordProblem(s, COMMON) !== null));
  });
});
