/**
 * One period of membership: from joinedOn to leftOn, both inclusive (leftOn null = still a member).
 * An organisation may leave and rejoin: each period is a row, and periods never overlap (checked by
 * the service and by an exclusion constraint in the database).
 */
export interface Member {
  id: string;
  consortiumId: string;
  organisationId: string;
  /** 'YYYY-MM-DD'. */
  joinedOn: string;
  /** 'YYYY-MM-DD', or null while a member. */
  leftOn: string | null;
  createdAt: Date;
}
