/**
 * The "Change your password" page (every signed-in user; the only page open to one who signed in
 * with a temporary password an administrator gave them). Pure: reads the form, checks it by the
 * password rule of the API (src/auth/common-passwords.ts), and says each problem in plain English
 * on its field.
 */
import { checkPassword } from '../../auth/common-passwords';

export type PasswordField = 'current-password' | 'new-password' | 'confirm-password';

export interface PasswordFieldError {
  id: PasswordField;
  message: string;
}

export interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The form as posted, and what is wrong with it before the service is asked (every problem at once). */
export function readPasswordForm(body: Record<string, unknown>, temporary: boolean): { form: PasswordForm; errors: PasswordFieldError[] } {
  const form = { currentPassword: text(body.currentPassword), newPassword: text(body.newPassword), confirmPassword: text(body.confirmPassword) };
  const errors: PasswordFieldError[] = [];
  if (!form.currentPassword) errors.push({ id: 'current-password', message: temporary ? 'Enter the temporary password you signed in with' : 'Enter your current password' });
  if (!form.newPassword) errors.push({ id: 'new-password', message: 'Enter a new password' });
  else {
    const problem = checkPassword(form.newPassword);
    if (problem) errors.push({ id: 'new-password', message: `Your new password ${problem}` });
    else if (form.newPassword === form.currentPassword) errors.push({ id: 'new-password', message: 'Your new password must be different from your current one' });
  }
  if (!form.confirmPassword) errors.push({ id: 'confirm-password', message: 'Enter your new password again' });
  else if (form.newPassword && form.confirmPassword !== form.newPassword) errors.push({ id: 'confirm-password', message: 'The new passwords do not match' });
  return { form, errors };
}

/** The service's refusal on its field: a wrong current password, or too many tries. */
export function serviceError(status: number, temporary: boolean): PasswordFieldError {
  if (status === 429) return { id: 'current-password', message: 'You have tried too many times. Wait a few minutes, then try again' };
  return { id: 'current-password', message: temporary ? 'The temporary password is not right' : 'Your current password is not right' };
}

/** What the template shows; passwords are never written back into the page. */
export function passwordPageView(o: { temporary: boolean; next: string; errors?: PasswordFieldError[]; changed?: boolean }) {
  const errors = o.errors ?? [];
  const on = (id: PasswordField) => errors.find((e) => e.id === id)?.message ?? null;
  return {
    temporary: o.temporary,
    changed: o.changed === true,
    next: o.next,
    continueHref: o.next,
    errors: { current: on('current-password'), new: on('new-password'), confirm: on('confirm-password') },
  };
}

/** The error summary's links, in the order of the fields. */
export function passwordErrorLinks(errors: PasswordFieldError[]): { text: string; href: string }[] {
  const order: PasswordField[] = ['current-password', 'new-password', 'confirm-password'];
  return [...errors].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id)).map((e) => ({ text: e.message, href: `#${e.id}` }));
}
