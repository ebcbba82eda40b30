/**
 * The host's "Members and invitations" page (issue 15): the members with their dates and the host
 * tagged, every invitation with its status as a tag, the form to invite an organisation from the
 * directory and the withdrawal of a pending invitation; and the invited organisation's side (its
 * administrators accept or decline). Pure.
 */
import type { Role } from '../../common/enums';
import type { InvitationView, MemberView } from '../../consortia/dto';
import type { InvitationStatus } from '../../consortia/invitation.model';
import { formatDateLong } from '../../reports/view/format';
import type { Tag } from './agreement.view';
import { dateParts, readDate, str, type DateParts } from './form-inputs';
import { DELIVERY_MODEL_LABELS } from './home.view';

export const INVITATION_TAGS: Record<InvitationStatus, Tag> = {
  pending: { text: 'Waiting for an answer', colour: 'orange' },
  accepted: { text: 'Accepted', colour: 'green' },
  declined: { text: 'Declined', colour: 'red' },
  withdrawn: { text: 'Withdrawn', colour: 'grey' },
};

/** What home offers for the set-up: "Set up a new partnership" to whoever the API lets create one; invitations waiting for an organisation's administrators. */
export function homeSetupView(i: { role: Role; administers: boolean; pendingInvitations: number }) {
  const n = i.pendingInvitations;
  return {
    create: i.role === 'admin' || i.role === 'host_admin' ? { href: '/consortium/new', text: 'Set up a new partnership' } : null,
    invitations:
      i.administers && n > 0
        ? { href: '/organisation/invitations', text: `Your organisation has ${n === 1 ? 'an invitation' : `${n} invitations`} to join a partnership waiting for an answer` }
        : null,
  };
}

export interface InviteForm {
  organisationId: string;
  joinedOn: DateParts;
}

export interface ReadInviteForm {
  form: InviteForm;
  /** By field id: `organisationId`, `joinedOn-day`. */
  errors: Record<string, string>;
  request: { organisationId: string; joinedOn: string } | null;
}

export function readInviteForm(body: Record<string, unknown>, organisations: ReadonlySet<string>): ReadInviteForm {
  const form: InviteForm = {
    organisationId: str(body.organisationId),
    joinedOn: { day: str(body['joinedOn-day']), month: str(body['joinedOn-month']), year: str(body['joinedOn-year']) },
  };
  const errors: Record<string, string> = {};
  if (!organisations.has(form.organisationId)) errors.organisationId = 'Select the organisation to invite';
  const d = readDate(form.joinedOn, 'the date it joins');
  if (d.error) errors['joinedOn-day'] = d.error;
  return { form, errors, request: Object.keys(errors).length ? null : { organisationId: form.organisationId, joinedOn: d.date! } };
}

/** The service's field names → the form's field ids. */
export function inviteFieldOf(field: string): string {
  return field === 'joinedOn' ? 'joinedOn-day' : 'organisationId';
}

export interface MembersPageInput {
  consortiumId: string;
  archived: boolean;
  members: MemberView[];
  invitations: InvitationView[];
  /** The organisation directory (id, name, ODS code). */
  directory: { id: string; name: string; odsCode: string | null }[];
  today: string;
  form: ReadInviteForm | null;
  /** Back from an invitation or a withdrawal (POST-redirect-GET). */
  done: { invited?: string; withdrawn?: string };
  refusal: string | null;
}

export function membersView(i: MembersPageInput) {
  const base = `/consortium/${i.consortiumId}/members`;
  const memberNow = new Set(i.members.filter((m) => m.leftOn === null || m.leftOn >= i.today).map((m) => m.organisationId));
  const pending = new Set(i.invitations.filter((x) => x.status === 'pending').map((x) => x.organisationId));
  const byId = new Map(i.invitations.map((x) => [x.id, x]));
  let confirmation: { heading: string; body: string } | null = null;
  const invited = i.done.invited ? byId.get(i.done.invited) : undefined;
  const withdrawn = i.done.withdrawn ? byId.get(i.done.withdrawn) : undefined;
  if (invited)
    confirmation = {
      heading: `${invited.organisationName} has been invited`,
      body: `It becomes a member from ${formatDateLong(invited.joinedOn)} when one of its administrators accepts.`,
    };
  else if (withdrawn) confirmation = { heading: `The invitation to ${withdrawn.organisationName} has been withdrawn`, body: '' };
  const f = i.form;
  const chosen = f?.form.organisationId ?? '';
  return {
    confirmation,
    refusal: i.refusal,
    members: [...i.members]
      .sort((a, b) => Number(b.isHost) - Number(a.isHost) || a.organisationName.localeCompare(b.organisationName) || a.joinedOn.localeCompare(b.joinedOn))
      .map((m) => ({
        organisationId: m.organisationId,
        name: m.organisationName,
        odsCode: m.odsCode ?? '',
        host: m.isHost,
        joined: formatDateLong(m.joinedOn),
        leaving: m.leftOn ? formatDateLong(m.leftOn) : 'Not leaving',
      })),
    invitations: i.invitations.map((x) => ({
      id: x.id,
      organisationId: x.organisationId,
      name: x.organisationName,
      joins: formatDateLong(x.joinedOn),
      invitedOn: formatDateLong(new Date(x.createdAt).toISOString()),
      decidedOn: x.decidedAt ? formatDateLong(new Date(x.decidedAt).toISOString()) : '',
      status: x.status,
      tag: INVITATION_TAGS[x.status],
      withdraw: x.status === 'pending' && !i.archived ? { action: `${base}/invitations/${x.id}/withdraw`, label: `Withdraw the invitation to ${x.organisationName}` } : null,
    })),
    noInvitations: i.invitations.length === 0,
    form: i.archived
      ? null
      : {
          action: `${base}/invitations`,
          organisations: i.directory
            .filter((o) => !memberNow.has(o.id) && !pending.has(o.id))
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((o) => ({ id: o.id, text: o.odsCode ? `${o.name} (${o.odsCode})` : o.name, selected: o.id === chosen })),
          joinedOn: f?.form.joinedOn ?? dateParts(null),
          errors: { organisationId: f?.errors.organisationId ?? null, joinedOn: f?.errors['joinedOn-day'] ?? null },
        },
  };
}

/** The invited organisation's side: the invitations it has received, the pending ones with "Accept" and "Decline". */
export function receivedInvitationsView(items: InvitationView[], done: { accepted?: string; declined?: string }, refusal: string | null) {
  const byId = new Map(items.map((x) => [x.id, x]));
  let confirmation: { heading: string; body: string } | null = null;
  const accepted = done.accepted ? byId.get(done.accepted) : undefined;
  const declined = done.declined ? byId.get(done.declined) : undefined;
  if (accepted && accepted.status === 'accepted')
    confirmation = { heading: `${accepted.organisationName} has joined ${accepted.consortiumName}`, body: `It is a member from ${formatDateLong(accepted.joinedOn)}.` };
  else if (declined && declined.status === 'declined') confirmation = { heading: `You declined the invitation to join ${declined.consortiumName}`, body: '' };
  const row = (x: InvitationView) => ({
    id: x.id,
    consortiumId: x.consortiumId,
    consortium: x.consortiumName,
    status: x.status,
    tag: INVITATION_TAGS[x.status],
    rows: [
      { key: 'host', label: 'Host organisation', value: x.hostOrganisationName },
      { key: 'model', label: 'Delivery model', value: DELIVERY_MODEL_LABELS[x.deliveryModel] },
      { key: 'organisation', label: 'Organisation invited', value: x.organisationName },
      { key: 'joinedOn', label: 'Member from', value: formatDateLong(x.joinedOn) },
      { key: 'invitedOn', label: 'Invited on', value: formatDateLong(new Date(x.createdAt).toISOString()) },
    ],
    accept: { action: `/organisation/invitations/${x.id}/accept`, label: `Accept and join ${x.consortiumName}` },
    decline: { action: `/organisation/invitations/${x.id}/decline`, label: `Decline the invitation to ${x.consortiumName}` },
    decidedOn: x.decidedAt ? formatDateLong(new Date(x.decidedAt).toISOString()) : '',
  });
  return {
    confirmation,
    refusal,
    pending: items.filter((x) => x.status === 'pending').map(row),
    decided: items.filter((x) => x.status !== 'pending').map(row),
    none: items.length === 0,
  };
}
