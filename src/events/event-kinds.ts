/**
 * What happens in a partnership that people or systems are told about (notifications by mail,
 * webhooks). One catalogue: the kinds, and what each one's payload holds. Payloads name ids and
 * figures, never personal data beyond what the consortium's host already sees.
 */
export const EVENT_KINDS = [
  /** A new version of the agreement is before the members' approvers. */
  'agreement.proposed',
  /** The proposed version was approved, rejected or withdrawn. */
  'agreement.decided',
  /** A measurement missed its SLA's target (breached) or its critical threshold (critical). */
  'sla.breached',
  /** A month was closed and every member's statement of it issued. */
  'month.closed',
  /** A statement batch (quarter-end PDFs) finished. */
  'batch.finished',
  /** The monthly board pack, on the working day the host chose. */
  'board_pack.due',
  /** Measurements are still missing for a month that is about to be closed. */
  'measurements.reminder',
  /** The host invited an organisation to join (its administrators decide). */
  'invitation.sent',
  /** The invited organisation accepted or declined. */
  'invitation.answered',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface EventPayloads {
  'agreement.proposed': { version: number; effectiveFrom: string; decisionRule: string };
  'agreement.decided': { version: number; effectiveFrom: string; outcome: 'approved' | 'rejected' | 'withdrawn' };
  'sla.breached': {
    organisationId: string;
    slaId: string;
    serviceLineId: string;
    kpiCode: string;
    kpiName: string;
    month: string;
    status: 'breached' | 'critical';
    value: string;
    target: string;
  };
  'month.closed': { month: string; statements: { organisationId: string; contentHash: string }[] };
  'batch.finished': { jobId: string; from: string; to: string; status: string; done: number; failed: number; requestedBy: string };
  'board_pack.due': { from: string; to: string; scheduledFor: string };
  'measurements.reminder': { month: string; closesOn: string | null; missing: { organisationId: string; count: number }[] };
  'invitation.sent': { invitationId: string; organisationId: string; joinedOn: string };
  'invitation.answered': { invitationId: string; organisationId: string; joinedOn: string; outcome: 'accepted' | 'declined' };
}

/** An event as stored in `domain_events` and handed to subscribers. */
export interface DomainEvent<K extends EventKind = EventKind> {
  id: string;
  consortiumId: string;
  kind: K;
  payload: EventPayloads[K];
  /** The user whose action caused it (null: a schedule). */
  actorUserId: string | null;
  occurredAt: Date;
}
