import { randomBytes } from 'node:crypto';
import { checkPassword } from '../common-passwords';
import { temporaryPassword, TEMPORARY_PASSWORD_BYTES } from './temporary-password';

describe('temporaryPassword', () => {
  it('five groups of four characters without look-alikes, acceptable to the password rule', () => {
    for (let i = 0; i < 200; i++) {
      const pw = temporaryPassword(randomBytes(TEMPORARY_PASSWORD_BYTES));
      expect(pw).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){4}$/);
      expect(checkPassword(pw)).toBeNull();
    }
  });
  it('skips bytes that would bias the choice, and refuses too few bytes', () => {
    const bytes = new Uint8Array(40).fill(0);
    bytes[0] = 255; // above the last multiple of 31: skipped
    expect(temporaryPassword(bytes)).toBe('aaaa-aaaa-aaaa-aaaa-aaaa');
    expect(() => temporaryPassword(new Uint8Array(19))).toThrow('not enough random bytes');
    expect(() => temporaryPassword(new Uint8Array(40).fill(250))).toThrow('not enough random bytes');
  });
});
