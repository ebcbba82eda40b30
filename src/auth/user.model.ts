import type { Role } from '../common/enums';

/** A user account: one row of `users`. */
export interface User {
  id: string;
  /** Stored lower-case; unique. */
  email: string;
  passwordHash: string;
  role: Role;
  /** Null only for platform admins. */
  organisationId: string | null;
  createdAt: Date;
}

/** A user as read for anything but signing in: without the password hash. */
export type UserRecord = Omit<User, 'passwordHash'>;
