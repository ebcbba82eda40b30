/**
 * "Set up a new partnership" (issue 15): the question pages (name; the host organisation, for a
 * platform administrator only; delivery model; start date) and "check your answers" before
 * `POST /api/v1/consortia`. The answers travel with the journey in the query and in hidden fields
 * (never in server memory), so it works the same without JavaScript. Pure.
 */
import { DELIVERY_MODELS, type DeliveryModel } from '../../common/enums';
import type { CreateConsortiumDto } from '../../consortia/dto';
import { formatDateLong } from '../../reports/view/format';
import { DELIVERY_MODEL_LABELS } from './home.view';
import { readDate, str } from './form-inputs';

export type NewStep = 'name' | 'host' | 'model' | 'start';

export interface NewAnswers {
  name: string;
  hostOrganisationId: string;
  deliveryModel: string;
  startDay: string;
  startMonth: string;
  startYear: string;
}

/** The journey's fields as the forms and the query name them. */
const FIELDS: Record<keyof NewAnswers, string> = {
  name: 'name',
  hostOrganisationId: 'hostOrganisationId',
  deliveryModel: 'deliveryModel',
  startDay: 'startDate-day',
  startMonth: 'startDate-month',
  startYear: 'startDate-year',
};

const STEP_FIELDS: Record<NewStep, (keyof NewAnswers)[]> = {
  name: ['name'],
  host: ['hostOrganisationId'],
  model: ['deliveryModel'],
  start: ['startDay', 'startMonth', 'startYear'],
};

export const STEP_PATHS: Record<NewStep, string> = { name: '/consortium/new', host: '/consortium/new/host', model: '/consortium/new/model', start: '/consortium/new/start' };
export const CHECK_PATH = '/consortium/new/check';

/** The delivery models in plain English (domain.md §1, §6; seeds section 8). */
export const DELIVERY_MODEL_HINTS: Record<DeliveryModel, string> = {
  in_house: 'The host runs the services for itself alone: one member, service levels tracked, no agreement to share costs.',
  cooperative: 'The members share the cost of the services by an agreed basis (for example turnover, headcount or activity), and pay the host a management fee.',
  shared_services_company: 'A company owned by the members provides the services at prices agreed in advance; the company carries the risk of its costs.',
  joint_venture: 'The members and a partner (often a commercial one) jointly own the provider, which charges prices agreed in advance and carries the risk.',
  outsourcing: 'A provider supplies the services under contract at prices agreed in advance and carries the risk of its costs.',
};

export const MAX_NAME = 200;

/** Reads the answers from a query or a form body. */
export function readAnswers(src: Record<string, unknown>): NewAnswers {
  return {
    name: str(src[FIELDS.name]),
    hostOrganisationId: str(src[FIELDS.hostOrganisationId]),
    deliveryModel: str(src[FIELDS.deliveryModel]),
    startDay: str(src[FIELDS.startDay]),
    startMonth: str(src[FIELDS.startMonth]),
    startYear: str(src[FIELDS.startYear]),
  };
}

/** The steps a caller answers: a platform administrator also chooses the host; a host administrator's own organisation hosts. */
export function stepsFor(choosesHost: boolean): NewStep[] {
  return choosesHost ? ['name', 'host', 'model', 'start'] : ['name', 'model', 'start'];
}

/** The errors of one step (by field id), none when its answers are good. `hosts`: the organisations a platform administrator may choose. */
export function stepErrors(step: NewStep, a: NewAnswers, hosts: ReadonlySet<string>): Record<string, string> {
  switch (step) {
    case 'name': {
      const n = a.name.trim();
      if (!n) return { name: 'Enter a name for the partnership' };
      if (n.length > MAX_NAME) return { name: `The name must be ${MAX_NAME} characters or fewer` };
      return {};
    }
    case 'host':
      return hosts.has(a.hostOrganisationId) ? {} : { hostOrganisationId: 'Select the organisation that hosts the partnership' };
    case 'model':
      return (DELIVERY_MODELS as readonly string[]).includes(a.deliveryModel) ? {} : { deliveryModel: 'Select how the services are delivered' };
    case 'start': {
      const d = readDate({ day: a.startDay, month: a.startMonth, year: a.startYear }, 'the start date');
      return d.error ? { 'startDate-day': d.error } : {};
    }
  }
}

/** The first step whose answers are missing or wrong, or null when every step is answered. */
export function firstUnanswered(steps: readonly NewStep[], a: NewAnswers, hosts: ReadonlySet<string>): NewStep | null {
  return steps.find((s) => Object.keys(stepErrors(s, a, hosts)).length > 0) ?? null;
}

/** The step after `step` (after a "Change" link: back to the check page once everything is answered). */
export function nextPath(steps: readonly NewStep[], step: NewStep, a: NewAnswers, hosts: ReadonlySet<string>, returning: boolean): string {
  const unanswered = firstUnanswered(steps, a, hosts);
  if (returning && unanswered === null) return withAnswers(CHECK_PATH, a);
  const next = steps[steps.indexOf(step) + 1];
  return withAnswers(next ? STEP_PATHS[next] : CHECK_PATH, a);
}

/** `path` with the answers so far in its query (empty answers left out). */
export function withAnswers(path: string, a: NewAnswers, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const [k, f] of Object.entries(FIELDS) as [keyof NewAnswers, string][]) if (a[k]) q.set(f, a[k]);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** The other steps' answers, as hidden fields of a step's form. */
export function hiddenFields(a: NewAnswers, except: NewStep | null): { name: string; value: string }[] {
  const own = except ? STEP_FIELDS[except] : [];
  return (Object.keys(FIELDS) as (keyof NewAnswers)[]).filter((k) => !own.includes(k) && a[k] !== '').map((k) => ({ name: FIELDS[k], value: a[k] }));
}

/** The request for the service once every step is answered. */
export function createRequest(a: NewAnswers, hostOrganisationId: string): CreateConsortiumDto {
  const { date } = readDate({ day: a.startDay, month: a.startMonth, year: a.startYear }, 'the start date');
  return { name: a.name.trim(), deliveryModel: a.deliveryModel as DeliveryModel, hostOrganisationId, startDate: date! };
}

export function modelOptions(a: NewAnswers) {
  return DELIVERY_MODELS.map((m, i) => ({
    id: i === 0 ? 'deliveryModel' : `deliveryModel-${m}`,
    value: m,
    label: DELIVERY_MODEL_LABELS[m],
    hint: DELIVERY_MODEL_HINTS[m],
    checked: a.deliveryModel === m,
  }));
}

/** "Check your answers": each answer with its "Change" link back to its question. */
export function checkRows(steps: readonly NewStep[], a: NewAnswers, hostName: string) {
  const change = (s: NewStep) => withAnswers(STEP_PATHS[s], a, { return: 'check' });
  const { date } = readDate({ day: a.startDay, month: a.startMonth, year: a.startYear }, 'the start date');
  const rows = [
    { key: 'name', label: 'Name', value: a.name.trim(), href: change('name'), hidden: 'name' },
    { key: 'host', label: 'Host organisation', value: hostName, href: steps.includes('host') ? change('host') : null, hidden: 'host organisation' },
    {
      key: 'deliveryModel',
      label: 'Delivery model',
      value: DELIVERY_MODEL_LABELS[a.deliveryModel as DeliveryModel] ?? a.deliveryModel,
      href: change('model'),
      hidden: 'delivery model',
    },
    { key: 'startDate', label: 'Start date', value: date ? formatDateLong(date) : '', href: change('start'), hidden: 'start date' },
  ];
  return rows;
}

/** The date boxes of the start step. */
export function startBoxes(a: NewAnswers) {
  return { day: a.startDay, month: a.startMonth, year: a.startYear };
}
