/**
 * Who is told about an event, and how (issue 17). Pure: plain data in, plain data out.
 *
 * Tenancy first: a recipient is an active user of an organisation that is a party to the event's
 * consortium on the event's date (a membership period covering that day; the host always is one).
 * Two exceptions: a proposed agreement version's voters are the members in the version's first
 * month (as `electorateOf` decides), so an organisation that has agreed to join by then votes and
 * is told, while one that has already left is not; and an invitation is sent to the administrators
 * of the organisation invited, which is not a party yet. The requester of a statement batch is told
 * when it still belongs to a party (or is a platform admin, who may read every consortium).
 *
 * Who, by kind:
 * - agreement.proposed: the approvers (roles that cast votes: org_admin, host_admin, board_viewer)
 *   of each voting organisation;
 * - agreement.decided: every user of every member;
 * - sla.breached: every user of the breaching member and of the host;
 * - month.closed: the board viewers of each member whose statement was issued;
 * - batch.finished: the host's host_admin users and the requester;
 * - board_pack.due: the board viewers of each member;
 * - measurements.reminder: the partner users and organisation administrators of the members whose
 *   measurements are missing;
 * - invitation.sent: the administrators (org_admin, host_admin) of the organisation invited;
 * - invitation.answered: the host's host_admin users.
 */
import { EVENT_KINDS, type EventKind, type EventPayloads } from '../../events/event-kinds';
import { ORGANISATION_ADMIN_ROLES, type Role } from '../../common/enums';

export interface PeriodInput {
  organisationId: string;
  /** YYYY-MM-DD, inclusive. */
  joinedOn: string;
  /** YYYY-MM-DD, inclusive; null: still a member. */
  leftOn: string | null;
}

export interface UserInput {
  id: string;
  email: string;
  role: Role;
  organisationId: string | null;
  disabled: boolean;
}

export interface RecipientsInput<K extends EventKind = EventKind> {
  kind: K;
  payload: EventPayloads[K];
  /** YYYY-MM-DD (UTC) the event happened. */
  date: string;
  hostOrganisationId: string;
  periods: readonly PeriodInput[];
  /** The organisations deciding a proposed version (electorateOf), for agreement.proposed. */
  voters?: readonly string[];
  /** Candidates: at least every user of the organisations concerned (others are ignored). */
  users: readonly UserInput[];
}

/** Roles that cast an organisation's vote (agreements' VOTER_ROLES). */
export const APPROVER_ROLES: readonly Role[] = ['org_admin', 'host_admin', 'board_viewer'];

/** Organisations that are parties to the consortium on `date`: a membership period covers the day, and the host. */
export function partiesOn(periods: readonly PeriodInput[], date: string, hostOrganisationId: string): Set<string> {
  const out = new Set<string>([hostOrganisationId]);
  for (const p of periods) if (p.joinedOn <= date && (p.leftOn === null || p.leftOn >= date)) out.add(p.organisationId);
  return out;
}

/** Organisations that have not left by `date` (a period ending on or after it, or open). */
function notLeftBy(periods: readonly PeriodInput[], date: string, hostOrganisationId: string): Set<string> {
  const out = new Set<string>([hostOrganisationId]);
  for (const p of periods) if (p.leftOn === null || p.leftOn >= date) out.add(p.organisationId);
  return out;
}

interface Rule {
  organisations: Set<string>;
  roles: readonly Role[] | 'all';
  /** A user told whatever its organisation (the batch's requester), still subject to being a party or an admin. */
  alsoUser?: string;
}

const ALL = 'all' as const;

function ruleOf(i: RecipientsInput): Rule {
  const parties = partiesOn(i.periods, i.date, i.hostOrganisationId);
  const within = (ids: Iterable<string>) => new Set([...ids].filter((id) => parties.has(id)));
  switch (i.kind) {
    case 'agreement.proposed': {
      const open = notLeftBy(i.periods, i.date, i.hostOrganisationId);
      return { organisations: new Set((i.voters ?? []).filter((id) => open.has(id))), roles: APPROVER_ROLES };
    }
    case 'agreement.decided':
      return { organisations: parties, roles: ALL };
    case 'sla.breached': {
      const p = i.payload as EventPayloads['sla.breached'];
      return { organisations: within([p.organisationId, i.hostOrganisationId]), roles: ALL };
    }
    case 'month.closed': {
      const p = i.payload as EventPayloads['month.closed'];
      return { organisations: within(p.statements.map((s) => s.organisationId)), roles: ['board_viewer'] };
    }
    case 'batch.finished': {
      const p = i.payload as EventPayloads['batch.finished'];
      return { organisations: new Set([i.hostOrganisationId]), roles: ['host_admin'], alsoUser: p.requestedBy };
    }
    case 'board_pack.due':
      return { organisations: parties, roles: ['board_viewer'] };
    case 'measurements.reminder': {
      const p = i.payload as EventPayloads['measurements.reminder'];
      return { organisations: within(p.missing.map((m) => m.organisationId)), roles: ['partner_user', 'org_admin'] };
    }
    case 'invitation.sent': {
      const p = i.payload as EventPayloads['invitation.sent'];
      return { organisations: new Set([p.organisationId]), roles: ORGANISATION_ADMIN_ROLES };
    }
    case 'invitation.answered':
      return { organisations: new Set([i.hostOrganisationId]), roles: ['host_admin'] };
    default:
      return { organisations: new Set(), roles: [] };
  }
}

/** The users to tell about the event: active, of a party, by the kind's rule; each once, by email then id. */
export function recipientsOf(i: RecipientsInput): UserInput[] {
  const rule = ruleOf(i);
  const parties = partiesOn(i.periods, i.date, i.hostOrganisationId);
  const chosen = new Map<string, UserInput>();
  for (const u of i.users) {
    if (u.disabled || chosen.has(u.id)) continue;
    const inOrg = u.organisationId !== null && rule.organisations.has(u.organisationId) && (rule.roles === ALL || rule.roles.includes(u.role));
    const requester = rule.alsoUser === u.id && (u.role === 'admin' || (u.organisationId !== null && parties.has(u.organisationId)));
    if (inOrg || requester) chosen.set(u.id, u);
  }
  return [...chosen.values()].sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The organisations whose users `recipientsOf` may pick (what the caller loads users of). */
export function organisationsConcerned(i: Omit<RecipientsInput, 'users'>): string[] {
  return [...ruleOf({ ...i, users: [] }).organisations];
}

export type DeliveryMode = 'immediate' | 'digest';

export interface Preference {
  kind: EventKind;
  enabled: boolean;
  mode: DeliveryMode;
  attachPdf: boolean;
}

/** Every kind, in catalogue order, with the saved row or the default (on, immediate, no attachment). */
export function preferencesView(rows: readonly Preference[]): Preference[] {
  return EVENT_KINDS.map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    return row ? { kind, enabled: row.enabled, mode: row.mode, attachPdf: row.attachPdf } : { kind, enabled: true, mode: 'immediate' as const, attachPdf: false };
  });
}

/** Kinds whose mail can carry a PDF (the member's statement, the board pack). */
export const ATTACHABLE_KINDS: readonly EventKind[] = ['month.closed', 'board_pack.due'];

/** A user's preference for a kind; without a row: on, immediately, no attachment. */
export function preferenceFor(kind: EventKind, rows: readonly Preference[]): Preference {
  const row = rows.find((r) => r.kind === kind);
  return row ? { ...row, attachPdf: row.attachPdf && ATTACHABLE_KINDS.includes(kind) } : { kind, enabled: true, mode: 'immediate', attachPdf: false };
}

export type InitialStatus = 'pending' | 'pending_digest' | 'skipped';

export interface PlannedDelivery {
  userId: string;
  email: string;
  status: InitialStatus;
  attachPdf: boolean;
}

/**
 * One delivery per recipient who has not turned the kind off: immediate ('pending'), in the digest
 * ('pending_digest'), or recorded only ('skipped') when no mail server is configured.
 */
export function planDeliveries(kind: EventKind, recipients: readonly UserInput[], prefs: ReadonlyMap<string, readonly Preference[]>, mailOn: boolean): PlannedDelivery[] {
  const out: PlannedDelivery[] = [];
  for (const u of recipients) {
    const pref = preferenceFor(kind, prefs.get(u.id) ?? []);
    if (!pref.enabled) continue;
    const status: InitialStatus = !mailOn ? 'skipped' : pref.mode === 'digest' ? 'pending_digest' : 'pending';
    out.push({ userId: u.id, email: u.email, status, attachPdf: pref.attachPdf });
  }
  return out;
}
