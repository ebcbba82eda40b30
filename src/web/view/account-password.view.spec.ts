import { passwordErrorLinks, passwordPageView, readPasswordForm, serviceError } from './account-password.view';

describe('account password page (view)', () => {
  const good = { currentPassword: 'abcd-efgh-jkmn-pqrs-tuvw', newPassword: 'three calm rivers at dawn', confirmPassword: 'three calm rivers at dawn' };

  it('a good form has no errors and keeps what was typed', () => {
    expect(readPasswordForm(good, true)).toEqual({ form: good, errors: [] });
  });

  it('every problem at once, each on its field, in plain English', () => {
    expect(readPasswordForm({}, false).errors).toEqual([
      { id: 'current-password', message: 'Enter your current password' },
      { id: 'new-password', message: 'Enter a new password' },
      { id: 'confirm-password', message: 'Enter your new password again' },
    ]);
    expect(readPasswordForm({}, true).errors[0]).toEqual({ id: 'current-password', message: 'Enter the temporary password you signed in with' });
    expect(readPasswordForm({ ...good, newPassword: 'short', confirmPassword: 'short' }, false).errors).toEqual([
      { id: 'new-password', message: 'Your new password must be at least 12 characters' },
    ]);
    expect(readPasswordForm({ ...good, newPassword: 'password1234', confirmPassword: 'password1234' }, false).errors.map((e) => e.id)).toEqual(['new-password']);
    expect(readPasswordForm({ ...good, newPassword: good.currentPassword, confirmPassword: good.currentPassword }, false).errors).toEqual([
      { id: 'new-password', message: 'Your new password must be different from your current one' },
    ]);
    expect(readPasswordForm({ ...good, confirmPassword: 'three calm rivers at dusk' }, false).errors).toEqual([
      { id: 'confirm-password', message: 'The new passwords do not match' },
    ]);
    // not a string (a repeated field posts an array): treated as not given
    expect(readPasswordForm({ ...good, currentPassword: ['a', 'b'] }, false).errors.map((e) => e.id)).toEqual(['current-password']);
  });

  it('the service’s refusals on the current password', () => {
    expect(serviceError(400, true)).toEqual({ id: 'current-password', message: 'The temporary password is not right' });
    expect(serviceError(400, false)).toEqual({ id: 'current-password', message: 'Your current password is not right' });
    expect(serviceError(429, false).message).toMatch(/^You have tried too many times/);
  });

  it('the view never carries a password; the summary links follow the fields', () => {
    const errors = [
      { id: 'confirm-password' as const, message: 'The new passwords do not match' },
      { id: 'current-password' as const, message: 'Enter your current password' },
    ];
    const v = passwordPageView({ temporary: true, next: '/performance', errors });
    expect(v).toEqual({
      temporary: true,
      changed: false,
      next: '/performance',
      continueHref: '/performance',
      errors: { current: 'Enter your current password', new: null, confirm: 'The new passwords do not match' },
    });
    expect(JSON.stringify(v)).not.toContain(good.newPassword);
    expect(passwordErrorLinks(errors)).toEqual([
      { text: 'Enter your current password', href: '#current-password' },
      { text: 'The new passwords do not match', href: '#confirm-password' },
    ]);
  });
});
