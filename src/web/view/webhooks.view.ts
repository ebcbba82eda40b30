/** The host's "Webhooks" page (issue 17): endpoints with their status and latest deliveries, and the add form. Pure. */
import { EVENT_KINDS, type EventKind } from '../../events/event-kinds';
import { formatGeneratedAt } from '../../reports/view/format';
import type { DeliveryStatus } from '../../webhooks/webhook.model';
import { sentence, str, strs } from './form-inputs';

export const ALL = '*';

/** What each kind means, in plain English (the checkboxes and the tables). */
export const EVENT_WORDS: Record<EventKind, string> = {
  'agreement.proposed': 'A new agreement version is proposed',
  'agreement.decided': 'An agreement version is approved, rejected or withdrawn',
  'sla.breached': 'A service level target is breached or critical',
  'month.closed': 'A month is closed and its statements issued',
  'batch.finished': 'A statement batch has finished',
  'board_pack.due': 'The monthly board pack is due',
  'measurements.reminder': 'Measurements are missing before a month closes',
  'invitation.sent': 'An organisation is invited to join',
  'invitation.answered': 'An invited organisation accepts or declines',
};

const STATUS_TAGS: Record<DeliveryStatus, { text: string; colour: string }> = {
  pending: { text: 'Trying', colour: 'blue' },
  delivered: { text: 'Delivered', colour: 'green' },
  failed: { text: 'Failed', colour: 'red' },
  cancelled: { text: 'Cancelled', colour: 'grey' },
};

export const WEBHOOK_FIELDS = ['url', 'events', 'description'] as const;

export interface WebhookForm {
  url: string;
  events: string[];
  description: string;
}

export interface EndpointLike {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  enabled: boolean;
  consecutiveFailures: number;
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
}

export interface DeliveryLike {
  id: string;
  eventKind: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** The add form as posted: the values, or what is wrong by field. */
export function readWebhookForm(body: Record<string, unknown>): {
  form: WebhookForm;
  errors: Record<string, string>;
  create: { url: string; events: string[]; description: string | null } | null;
} {
  const form: WebhookForm = { url: str(body.url).trim(), events: strs(body.events), description: str(body.description).trim() };
  const errors: Record<string, string> = {};
  if (!form.url) errors.url = 'Enter the address the events are sent to';
  const known = form.events.filter((e) => e === ALL || (EVENT_KINDS as readonly string[]).includes(e));
  if (!known.length) errors.events = 'Choose the events to send, or every event';
  if (form.description.length > 500) errors.description = 'The description must be 500 characters or fewer';
  if (Object.keys(errors).length) return { form, errors, create: null };
  return { form, errors, create: { url: form.url, events: known.includes(ALL) ? [ALL] : known, description: form.description || null } };
}

/** The service's field errors (400 naming `url` or `events`) as the form's, in plain English. */
export function webhookErrorsFromService(errors: { field: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const field = (WEBHOOK_FIELDS as readonly string[]).includes(e.field) ? e.field : 'url';
    out[field] = sentence(e.message.replace(/^url /, 'The address ').replace(/^events /, 'The events '));
  }
  return out;
}

function eventsText(events: string[]): string {
  return events.includes(ALL) ? 'Every event' : events.map((e) => EVENT_WORDS[e as EventKind] ?? e).join('; ');
}

export function webhooksView(o: {
  consortiumId: string;
  manages: boolean;
  endpoints: { endpoint: EndpointLike; deliveries: DeliveryLike[]; totalDeliveries: number }[];
  form: WebhookForm;
  errors: Record<string, string>;
  /** Just made (or given a new secret): the secret, shown this once. */
  secret: { url: string; secret: string; rotated: boolean } | null;
  done: 'enabled' | 'disabled' | 'deleted' | null;
}) {
  const base = `/consortium/${o.consortiumId}/webhooks`;
  const chosen = new Set(o.form.events);
  const doneText = { enabled: 'The endpoint is enabled again', disabled: 'The endpoint is disabled', deleted: 'The endpoint was deleted' };
  return {
    manages: o.manages,
    action: base,
    secret: o.secret,
    confirmation: o.done ? { heading: doneText[o.done] } : null,
    none: o.endpoints.length === 0,
    endpoints: o.endpoints.map(({ endpoint: e, deliveries, totalDeliveries }, i) => ({
      n: i + 1,
      id: e.id,
      url: e.url,
      description: e.description,
      events: eventsText(e.events),
      status: e.enabled ? { text: 'Enabled', colour: 'green' } : { text: 'Disabled', colour: 'red' },
      disabledReason: e.enabled ? null : sentence(e.disabledReason ?? 'Disabled'),
      disabledAt: e.disabledAt ? formatGeneratedAt(e.disabledAt) : null,
      failures: e.consecutiveFailures,
      added: formatGeneratedAt(e.createdAt),
      enableAction: o.manages && !e.enabled ? `${base}/${e.id}/enable` : null,
      disableAction: o.manages && e.enabled ? `${base}/${e.id}/disable` : null,
      rotateAction: o.manages ? `${base}/${e.id}/rotate-secret` : null,
      deleteAction: o.manages ? `${base}/${e.id}/delete` : null,
      noDeliveries: deliveries.length === 0,
      more: totalDeliveries > deliveries.length ? totalDeliveries : null,
      deliveries: deliveries.map((d) => ({
        id: d.id,
        event: EVENT_WORDS[d.eventKind as EventKind] ?? d.eventKind,
        status: STATUS_TAGS[d.status],
        attempts: d.attempts,
        answer: d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : (d.lastError ?? (d.attempts ? 'No answer' : 'Not tried yet')),
        error: d.lastStatusCode !== null && d.status !== 'delivered' ? d.lastError : null,
        at: formatGeneratedAt(d.createdAt),
        deliveredAt: d.deliveredAt ? formatGeneratedAt(d.deliveredAt) : null,
      })),
    })),
    url: { value: o.form.url, error: o.errors.url ?? null },
    description: { value: o.form.description, error: o.errors.description ?? null },
    eventsError: o.errors.events ?? null,
    eventChoices: [
      { id: 'events', value: ALL, text: 'Every event, including kinds added later', checked: chosen.has(ALL) },
      ...EVENT_KINDS.map((k) => ({ id: `events-${k.replace(/[._]/g, '-')}`, value: k, text: EVENT_WORDS[k], checked: chosen.has(k) })),
    ],
  };
}
