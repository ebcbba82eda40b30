/**
 * An organisation's users (issue 15): the list with what an administrator may do to each, the form
 * that adds one, and the confirmation before a password reset. Pure: built from the API's user views.
 */
import { isEmail } from 'class-validator';
import type { UserView } from '../../auth/dto';
import type { Role } from '../../common/enums';
import { formatGeneratedAt } from '../../reports/view/format';
import type { Pager } from './pager';
import type { FieldErrorLink } from '../web-pages';

export const ROLE_NAMES: Record<Role, string> = {
  admin: 'Platform administrator',
  host_admin: 'Host administrator',
  org_admin: 'Organisation administrator',
  partner_user: 'Partner user',
  board_viewer: 'Board member',
};

const ROLE_HINTS: Record<Role, string> = {
  admin: 'Runs the platform.',
  host_admin: 'Runs the partnerships your organisation hosts, and manages its users.',
  org_admin: 'Manages your organisation’s users, profile and invitations.',
  partner_user: 'Submits measurements and reads your organisation’s figures.',
  board_viewer: 'Reads your organisation’s figures and the partnership board reports.',
};

/** The ranks the API's rule uses (AuthService): an administrator grants its own rank or below. */
const RANK: Record<Role, number> = { board_viewer: 1, partner_user: 1, org_admin: 2, host_admin: 3, admin: 4 };

/** The roles the caller may give a user of its own organisation, highest first (never admin: admins belong to no organisation). */
export function grantableRoles(caller: Role): Role[] {
  return (['host_admin', 'org_admin', 'partner_user', 'board_viewer'] as const).filter((r) => RANK[r] <= RANK[caller]);
}

/** Whether the caller may disable, enable or reset `u` (the API's rule: not itself; its own rank or below unless an admin). */
export function manages(caller: { userId: string; role: Role }, u: { id: string; role: Role }): boolean {
  if (u.id === caller.userId) return false;
  return caller.role === 'admin' || RANK[u.role] <= RANK[caller.role];
}

export interface NewUserForm {
  email: string;
  role: string;
  errors: { id: 'email' | 'role'; message: string }[];
}

/** Reads the add-a-user form: an email as the API accepts it, a role the caller may grant. */
export function readNewUser(body: Record<string, unknown>, caller: Role): NewUserForm & { request: { email: string; role: Role } | null } {
  const email = typeof body.email === 'string' ? body.email.trim() : '';
  const role = typeof body.role === 'string' ? body.role : '';
  const errors: NewUserForm['errors'] = [];
  if (!email) errors.push({ id: 'email', message: 'Enter an email address' });
  else if (email.length > 320 || !isEmail(email)) errors.push({ id: 'email', message: 'Enter an email address in the correct format, like name@example.nhs.uk' });
  const roles = grantableRoles(caller);
  if (!roles.includes(role as Role)) errors.push({ id: 'role', message: 'Select what the user may do' });
  return { email, role, errors, request: errors.length ? null : { email, role: role as Role } };
}

export function userErrorLinks(errors: NewUserForm['errors']): FieldErrorLink[] {
  return errors.map((e) => ({ text: e.message, href: `#${e.id}` }));
}

export interface UsersPageInput {
  caller: { userId: string; role: Role };
  organisationName: string | null;
  users: UserView[];
  pager: Pager;
  form: NewUserForm;
  /** After a change: what was done, to whom. */
  done: { heading: string; body: string | null } | null;
  /** After adding a user or resetting a password: the temporary password, shown this once. */
  issued: { email: string; password: string; what: 'created' | 'reset' } | null;
  /** The service's refusal, in its words. */
  refusal: string | null;
}

export function usersView(i: UsersPageInput) {
  const error = (id: 'email' | 'role') => i.form.errors.find((e) => e.id === id)?.message ?? null;
  // an admin's users are everyone's, so adding one needs an organisation: the API does that
  const canAdd = i.caller.role !== 'admin';
  return {
    intro: i.organisationName
      ? `The people of ${i.organisationName} who can sign in, and what each may do.`
      : 'Everyone who can sign in, in every organisation, and what each may do.',
    done: i.done,
    issued: i.issued
      ? {
          heading: i.issued.what === 'created' ? `${i.issued.email} has been added` : `The password of ${i.issued.email} has been reset`,
          password: i.issued.password,
          body: 'Give them this temporary password securely (not in the same email as their username). It is shown only this once. When they sign in with it, they must choose their own password before they can do anything else.',
        }
      : null,
    refusal: i.refusal,
    users: i.users.map((u) => {
      const may = manages(i.caller, u);
      return {
        id: u.id,
        email: u.email,
        role: ROLE_NAMES[u.role],
        you: u.id === i.caller.userId,
        status: u.disabled
          ? { text: 'Disabled', colour: 'grey' }
          : u.mustChangePassword
            ? { text: 'Waiting for a new password', colour: 'yellow' }
            : { text: 'Active', colour: 'green' },
        added: formatGeneratedAt(u.createdAt),
        actions: may
          ? {
              toggle: { action: `/organisation/users/${u.id}`, value: u.disabled ? 'enable' : 'disable', text: u.disabled ? 'Enable' : 'Disable' },
              reset: `/organisation/users/${u.id}/reset`,
            }
          : null,
      };
    }),
    pager: i.pager,
    form: canAdd
      ? {
          action: '/organisation/users',
          email: { value: i.form.email, error: error('email') },
          role: {
            error: error('role'),
            // the first radio is `#role`, where the error summary links
            options: grantableRoles(i.caller.role).map((r, n) => ({
              value: r,
              text: ROLE_NAMES[r],
              hint: ROLE_HINTS[r],
              checked: i.form.role === r,
              id: n === 0 ? 'role' : `role-${r}`,
            })),
          },
        }
      : null,
  };
}

/** The confirmation before a password reset (the service manual's "are you sure" before an irreversible step). */
export function resetView(u: UserView) {
  return {
    email: u.email,
    role: ROLE_NAMES[u.role],
    action: `/organisation/users/${u.id}/reset`,
    backHref: '/organisation/users',
    rows: [
      { key: 'email', label: 'User', value: u.email },
      { key: 'role', label: 'Role', value: ROLE_NAMES[u.role] },
      { key: 'status', label: 'Status', value: u.disabled ? 'Disabled' : 'Active' },
    ],
  };
}
