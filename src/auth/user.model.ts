import type { Role } from '../common/enums';

/** A user account: one row of `users`. */
export interface User {
  id: string;
  /** Stored lower-case; unique within its organisation (a person may hold accounts in two). */
  email: string;
  passwordHash: string;
  role: Role;
  /** Null only for platform admins. */
  organisationId: string | null;
  /** When it was disabled (it cannot sign in and its sessions have ended), or null. */
  disabledAt: Date | null;
  createdAt: Date;
  /** The password was given by an administrator and the user has not chosen their own yet. */
  passwordTemporary: boolean;
}

/** A user as read for anything but signing in: without the password hash. */
export type UserRecord = Omit<User, 'passwordHash'>;
