/**
 * Temporary passwords an administrator hands a user after a reset: 20 characters from an alphabet
 * without look-alikes (no 0/o, 1/l/i), in groups of four so that they can be read out or typed from
 * a note: "k7mw-3xqa-b9tz-hc4e-rn2p" (about 100 bits). Pure: the random bytes are given.
 */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // 31 characters

/** How many random bytes temporaryPassword needs. */
export const TEMPORARY_PASSWORD_BYTES = 40;

/**
 * @param random at least TEMPORARY_PASSWORD_BYTES bytes from a CSPRNG; a byte is used only below
 *   the largest multiple of the alphabet's size (no modulo bias), so a few more may be needed: a
 *   too-short buffer throws
 */
export function temporaryPassword(random: Uint8Array): string {
  const limit = 256 - (256 % ALPHABET.length);
  const out: string[] = [];
  for (const b of random) {
    if (out.length === 20) break;
    if (b < limit) out.push(ALPHABET[b % ALPHABET.length]);
  }
  if (out.length < 20) throw new RangeError('temporaryPassword: not enough random bytes');
  return [0, 4, 8, 12, 16].map((i) => out.slice(i, i + 4).join('')).join('-');
}
