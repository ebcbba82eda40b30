/**
 * The page of a user's email notification preferences (`/account/notifications`). Pure: the
 * preferences in, the page's view out; the form's fields read back into preferences.
 *
 * Fields per event kind (names use the kind's id: `agreement-proposed`): `<id>-enabled` (checkbox,
 * "yes"), `<id>-mode` (radios: immediate, digest), and for the kinds with a PDF `<id>-attach`
 * (checkbox, "yes"). An unticked checkbox sends nothing, so a missing field means "no".
 */
import type { EventKind } from '../../events/event-kinds';
import { EVENT_KINDS } from '../../events/event-kinds';
import { ATTACHABLE_KINDS, type Preference } from '../../notifications/core/recipients';
import type { FieldErrorLink } from '../web-pages';

export const KIND_LABELS: Record<EventKind, { title: string; hint: string; pdf?: string }> = {
  'agreement.proposed': { title: 'A new version of the agreement is proposed', hint: 'Sent to the people who vote for their organisation.' },
  'agreement.decided': { title: 'A version of the agreement is approved, rejected or withdrawn', hint: 'Sent to everyone in the partnership.' },
  'sla.breached': { title: 'A service target is missed', hint: 'Sent to the organisation that missed it and to the host.' },
  'month.closed': { title: 'A month is closed and statements are issued', hint: 'Sent to board members.', pdf: 'Attach my organisation’s statement (PDF)' },
  'batch.finished': { title: 'A batch of statements has finished', hint: 'Sent to host administrators and whoever asked for the batch.' },
  'board_pack.due': { title: 'The monthly board pack is ready', hint: 'Sent to board members.', pdf: 'Attach the board pack (PDF)' },
  'measurements.reminder': { title: 'Measurements are still to be submitted', hint: 'Sent to partner users and organisation administrators.' },
  'invitation.sent': { title: 'My organisation is invited to join a partnership', hint: 'Sent to organisation administrators.' },
  'invitation.answered': { title: 'An organisation accepts or declines an invitation', hint: 'Sent to host administrators.' },
};

/** The id of a kind in the form: `agreement.proposed` → `agreement-proposed`. */
export function fieldId(kind: EventKind): string {
  return kind.replace(/[._]/g, '-');
}

export interface NotificationsForm {
  items: Preference[];
  /** Kinds whose `mode` was missing or unknown. */
  errors: { kind: EventKind; message: string }[];
}

/** Reads the submitted form: every kind, a missing checkbox as "no", a missing or unknown mode an error. */
export function readNotificationsForm(body: Record<string, unknown>): NotificationsForm {
  const items: Preference[] = [];
  const errors: NotificationsForm['errors'] = [];
  for (const kind of EVENT_KINDS) {
    const id = fieldId(kind);
    const enabled = body[`${id}-enabled`] === 'yes';
    const modeValue = body[`${id}-mode`];
    const mode = modeValue === 'immediate' || modeValue === 'digest' ? modeValue : null;
    if (!mode) errors.push({ kind, message: `Select when to get emails about: ${KIND_LABELS[kind].title.toLowerCase()}` });
    items.push({ kind, enabled, mode: mode ?? 'immediate', attachPdf: ATTACHABLE_KINDS.includes(kind) && body[`${id}-attach`] === 'yes' });
  }
  return { items, errors };
}

export interface NotificationsPageView {
  intro: string;
  action: string;
  saved: boolean;
  kinds: {
    id: string;
    /** The first radio's id (the error summary links to it). */
    modeId: string;
    title: string;
    hint: string;
    enabled: boolean;
    error: string | null;
    modes: { id: string; value: string; text: string; checked: boolean }[];
    attach: { id: string; text: string; checked: boolean } | null;
  }[];
}

export function notificationsView(prefs: readonly Preference[], o: { saved?: boolean; errors?: NotificationsForm['errors'] } = {}): NotificationsPageView {
  return {
    intro: 'Choose which emails you get about your partnerships, and whether they come straight away or together in one email each morning.',
    action: '/account/notifications',
    saved: !!o.saved,
    kinds: prefs.map((p) => {
      const id = fieldId(p.kind);
      const label = KIND_LABELS[p.kind];
      return {
        id,
        modeId: `${id}-mode`,
        title: label.title,
        hint: label.hint,
        enabled: p.enabled,
        error: o.errors?.find((e) => e.kind === p.kind)?.message ?? null,
        modes: [
          { id: `${id}-mode`, value: 'immediate', text: 'Straight away, one email each time', checked: p.mode === 'immediate' },
          { id: `${id}-mode-digest`, value: 'digest', text: 'In a daily summary email', checked: p.mode === 'digest' },
        ],
        attach: label.pdf ? { id: `${id}-attach`, text: label.pdf, checked: p.attachPdf } : null,
      };
    }),
  };
}

/** The error summary's links: each to the kind's first radio. */
export function notificationErrorLinks(errors: NotificationsForm['errors']): FieldErrorLink[] {
  return errors.map((e) => ({ text: e.message, href: `#${fieldId(e.kind)}-mode` }));
}
