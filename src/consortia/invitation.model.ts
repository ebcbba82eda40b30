export const INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/**
 * An invitation to join a consortium (domain.md §13): the host invites, the invited organisation's
 * administrator accepts (it becomes a member from `joinedOn`) or declines; the host may withdraw it
 * while it is pending. One pending invitation per organisation and consortium.
 */
export interface Invitation {
  id: string;
  consortiumId: string;
  organisationId: string;
  /** 'YYYY-MM-DD': the first day of membership once accepted. */
  joinedOn: string;
  status: InvitationStatus;
  invitedBy: string | null;
  decidedBy: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}
