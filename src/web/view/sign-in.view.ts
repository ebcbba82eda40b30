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

/** A path on this site to return to after signing in; anything else (another site, a protocol-relative URL) is home. */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\r\n]/.test(next)) return '/';
  if (next.startsWith('/sign-in') || next.startsWith('/sign-out')) return '/';
  return next;
}
