/** The sign-in form's checks and where to go afterwards. Pure. */

export interface SignInErrors {
  email: string | null;
  password: string | null;
}

/** Field errors of the form as the service manual words them, or null when both are there. */
export function signInErrors(email: string, password: string): SignInErrors | null {
  const errors: SignInErrors = {
    email: email === '' ? 'Enter your email address' : /^[^\s@]+@[^\s@]+$/.test(email) ? null : 'Enter an email address in the correct format, like name@example.nhs.uk',
    password: password === '' ? 'Enter your password' : null,
  };
  return errors.email || errors.password ? errors : null;
}

/**
 * A path on this site to return to after signing in; anything else (another site, a protocol-relative
 * URL) is home. A backslash or a control character anywhere is refused too: browsers drop tabs and
 * newlines from a link's address and read `\` as `/`, so `/\t/evil.example` would become
 * `//evil.example` once written into a link.
 */
export function safeNext(next: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  if (!next || !next.startsWith('/') || next.startsWith('//') || /[\x00-\x1f\x7f\\]/.test(next)) return '/';
  if (next.startsWith('/sign-in') || next.startsWith('/sign-out')) return '/';
  return next;
}
