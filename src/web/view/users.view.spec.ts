import type { UserView } from '../../auth/dto';
import { pager } from './pager';
import { grantableRoles, manages, readNewUser, resetView, usersView } from './users.view';

const ME = '11111111-1111-4111-8111-111111111111';
const U = '22222222-2222-4222-8222-222222222222';
const H = '33333333-3333-4333-8333-333333333333';
const at = new Date('2025-07-03T09:15:00Z');
const user = (id: string, over: Partial<UserView> = {}): UserView => ({
  id,
  email: `${id.slice(0, 4)}@x.nhs.uk`,
  role: 'partner_user',
  organisationId: 'o',
  disabled: false,
  mustChangePassword: false,
  createdAt: at,
  ...over,
});

describe('users view', () => {
  it('roles an administrator may grant: its own rank or below, never admin', () => {
    expect(grantableRoles('host_admin')).toEqual(['host_admin', 'org_admin', 'partner_user', 'board_viewer']);
    expect(grantableRoles('org_admin')).toEqual(['org_admin', 'partner_user', 'board_viewer']);
    expect(manages({ userId: ME, role: 'org_admin' }, { id: H, role: 'host_admin' })).toBe(false);
    expect(manages({ userId: ME, role: 'org_admin' }, { id: ME, role: 'org_admin' })).toBe(false);
    expect(manages({ userId: ME, role: 'admin' }, { id: H, role: 'admin' })).toBe(true);
  });

  it('reads the add-a-user form: every error, on its field', () => {
    expect(readNewUser({ email: '', role: '' }, 'org_admin').errors).toEqual([
      { id: 'email', message: 'Enter an email address' },
      { id: 'role', message: 'Select what the user may do' },
    ]);
    expect(readNewUser({ email: 'not an email', role: 'host_admin' }, 'org_admin').errors).toEqual([
      { id: 'email', message: 'Enter an email address in the correct format, like name@example.nhs.uk' },
      { id: 'role', message: 'Select what the user may do' },
    ]);
    expect(readNewUser({ email: ' a@b.nhs.uk ', role: 'board_viewer' }, 'org_admin').request).toEqual({ email: 'a@b.nhs.uk', role: 'board_viewer' });
  });

  it('the list: actions only on users the caller manages, the temporary password shown once', () => {
    const v = usersView({
      caller: { userId: ME, role: 'org_admin' },
      organisationName: 'Riverside Trust',
      users: [user(ME, { role: 'org_admin' }), user(U, { disabled: true }), user(H, { role: 'host_admin', mustChangePassword: true })],
      pager: pager('/organisation/users', {}, { offset: 0, limit: 50, total: 3 }),
      form: { email: '', role: 'partner_user', errors: [] },
      done: null,
      issued: { email: 'new@x.nhs.uk', password: 'abcd-efgh-jkmn-pqrs-tuvw', what: 'created' },
      refusal: null,
    });
    expect(v.intro).toBe('The people of Riverside Trust who can sign in, and what each may do.');
    expect(v.users.map((u) => [u.role, u.you, u.status.text, u.actions?.toggle.text ?? null])).toEqual([
      ['Organisation administrator', true, 'Active', null],
      ['Partner user', false, 'Disabled', 'Enable'],
      ['Host administrator', false, 'Waiting for a new password', null],
    ]);
    expect(v.users[1].actions).toEqual({ toggle: { action: `/organisation/users/${U}`, value: 'enable', text: 'Enable' }, reset: `/organisation/users/${U}/reset` });
    expect(v.issued).toMatchObject({ heading: 'new@x.nhs.uk has been added', password: 'abcd-efgh-jkmn-pqrs-tuvw' });
    expect(v.form?.role.options.map((o) => [o.id, o.checked])).toEqual([
      ['role', false],
      ['role-partner_user', true],
      ['role-board_viewer', false],
    ]);
  });

  it('a platform admin sees everyone and adds users through the API (it must name an organisation)', () => {
    const v = usersView({
      caller: { userId: ME, role: 'admin' },
      organisationName: null,
      users: [],
      pager: pager('/x', {}, { offset: 0, limit: 50, total: 0 }),
      form: { email: '', role: '', errors: [] },
      done: null,
      issued: null,
      refusal: null,
    });
    expect(v.form).toBeNull();
    expect(v.intro).toBe('Everyone who can sign in, in every organisation, and what each may do.');
  });

  it('the reset confirmation', () => {
    expect(resetView(user(U)).rows).toEqual([
      { key: 'email', label: 'User', value: '2222@x.nhs.uk' },
      { key: 'role', label: 'Role', value: 'Partner user' },
      { key: 'status', label: 'Status', value: 'Active' },
    ]);
  });
});
