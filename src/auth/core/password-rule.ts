/**
 * The password rule, after the NCSC's guidance: length over complexity. A password is at least 12
 * characters, not blank, and not one that attackers try first: a common password (the list is
 * passed in: see ../common-passwords.ts), one character repeated, or a run along the digits, the
 * alphabet or a keyboard row. No composition rules (a digit, a symbol…): they make passwords harder
 * to remember, not to guess.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

const RUNS = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p'];

/** True when every character follows the one before it along one of RUNS (either way), wrapping round. */
function isRun(s: string): boolean {
  if (s.length < 3) return false;
  return RUNS.some((run) =>
    [run, [...run].reverse().join('')].some((r) => {
      const start = r.indexOf(s[0]);
      if (start < 0) return false;
      for (let i = 1; i < s.length; i++) if (r[(start + i) % r.length] !== s[i]) return false;
      return true;
    }),
  );
}

/** Why `password` is refused, in plain English, or null when it is acceptable. */
export function passwordProblem(password: string, common: ReadonlySet<string>): string | null {
  if (password.trim() === '') return 'must not be blank';
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const folded = password.toLowerCase();
  const squeezed = folded.replace(/\s+/g, '');
  if (common.has(folded) || common.has(squeezed)) return 'is one of the most common passwords; choose another';
  if (/^(.)\1*$/su.test(squeezed) || isRun(squeezed)) return 'is too easy to guess (one character repeated or a run of keys); choose another';
  return null;
}
