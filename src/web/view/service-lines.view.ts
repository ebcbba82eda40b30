/**
 * The host's "Service lines" pages (issue 15): the list (name, code, function, go-live month,
 * recipients by name), the form to add one and the form to change one (name, go-live, recipients),
 * with the service's refusals next to their fields. Pure.
 */
import { CLASSIFICATIONS, FUNCTIONS, type Classification, type ServiceFunction } from '../../common/enums';
import type { ServiceLineView } from '../../service-lines/dto';
import { formatMonthLong } from '../../reports/view/format';
import { monthParts, readMonth, sentence, str, strs, withNames, type MonthParts } from './form-inputs';

export const FUNCTION_LABELS: Record<ServiceFunction, string> = {
  finance: 'Finance',
  hr: 'Human resources',
  payroll: 'Payroll',
  imt: 'Information management and technology',
  procurement: 'Procurement',
  estates: 'Estates and facilities',
  governance_risk: 'Governance and risk',
  legal: 'Legal',
  communications: 'Communications',
  occupational_health: 'Occupational health',
  other: 'Other',
};

export const CLASSIFICATION_LABELS: Record<Classification, { label: string; hint: string }> = {
  transactional: { label: 'Transactional', hint: 'High-volume routine work that is usually shared, for example paying invoices.' },
  operational: { label: 'Operational', hint: 'Work where members keep some control, for example treasury management.' },
  strategic: { label: 'Strategic', hint: 'Work members usually keep, for example management accounting.' },
};

export interface Member {
  organisationId: string;
  organisationName: string;
}

/** Recipients in words: "Every member" or the names. */
export function recipientsText(ids: string[] | null, names: Record<string, string>): string {
  if (ids === null) return 'Every member';
  return ids.map((id) => names[id] ?? 'a former member').join(', ');
}

export function serviceLinesListView(i: {
  consortiumId: string;
  lines: ServiceLineView[];
  names: Record<string, string>;
  manages: boolean;
  done: { added?: string; changed?: string };
}) {
  const base = `/consortium/${i.consortiumId}/service-lines`;
  const byId = new Map(i.lines.map((l) => [l.id, l]));
  const added = i.done.added ? byId.get(i.done.added) : undefined;
  const changed = i.done.changed ? byId.get(i.done.changed) : undefined;
  return {
    confirmation: added
      ? { heading: `${added.name} has been added`, body: `It goes live in ${formatMonthLong(added.goLive)}.` }
      : changed
        ? { heading: `${changed.name} has been changed`, body: '' }
        : null,
    addHref: i.manages ? `${base}/new` : null,
    lines: [...i.lines]
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((l) => ({
        id: l.id,
        code: l.code,
        name: l.name,
        function: FUNCTION_LABELS[l.function] ?? l.function,
        classification: CLASSIFICATION_LABELS[l.classification]?.label ?? l.classification,
        goLive: formatMonthLong(l.goLive),
        recipients: recipientsText(l.recipientIds, i.names),
        editHref: i.manages ? `${base}/${l.id}/edit` : null,
      })),
    none: i.lines.length === 0,
  };
}

export interface LineForm {
  name: string;
  code: string;
  function: string;
  classification: string;
  goLive: MonthParts;
  /** 'all' or 'chosen' */
  recipients: string;
  recipientIds: string[];
}

export interface ReadLineForm {
  form: LineForm;
  /** By field id. */
  errors: Record<string, string>;
}

/** The fields in page order, for the error summary. */
export const LINE_FIELDS = ['name', 'code', 'function', 'classification', 'goLive-month', 'recipients', 'recipientIds'] as const;

/** Reads the add form (`editing`: the change form, which has no code, function or classification). */
export function readLineForm(
  body: Record<string, unknown>,
  members: ReadonlySet<string>,
  editing: boolean,
): ReadLineForm & {
  create: { code: string; name: string; function: ServiceFunction; classification: Classification; goLive?: string; recipientIds?: string[] } | null;
  update: { name: string; goLive: string; recipientIds: string[] | null } | null;
} {
  const form: LineForm = {
    name: str(body.name),
    code: str(body.code).trim().toUpperCase(),
    function: str(body.function),
    classification: str(body.classification),
    goLive: { month: str(body['goLive-month']), year: str(body['goLive-year']) },
    recipients: str(body.recipients),
    recipientIds: strs(body.recipientIds),
  };
  const errors: Record<string, string> = {};
  const name = form.name.trim();
  if (!name) errors.name = 'Enter the name of the service line';
  else if (name.length > 200) errors.name = 'The name must be 200 characters or fewer';
  if (!editing) {
    if (!form.code) errors.code = 'Enter a short code for the service line, for example PAY';
    else if (!/^[A-Z0-9][A-Z0-9_-]{0,19}$/.test(form.code))
      errors.code = 'The code must be 1 to 20 capital letters, digits, hyphens or underscores, starting with a letter or digit';
    if (!(FUNCTIONS as readonly string[]).includes(form.function)) errors.function = 'Select the function of the service line';
    if (!(CLASSIFICATIONS as readonly string[]).includes(form.classification)) errors.classification = 'Select the kind of work';
  }
  const g = readMonth(form.goLive, 'the go-live month', !editing);
  if (g.error) errors['goLive-month'] = g.error;
  if (form.recipients !== 'all' && form.recipients !== 'chosen') errors.recipients = 'Select who receives the service line';
  else if (form.recipients === 'chosen') {
    const chosen = form.recipientIds.filter((id) => members.has(id));
    if (!chosen.length) errors.recipientIds = 'Select at least one member, or choose every member';
  }
  const recipientIds = form.recipients === 'chosen' ? [...new Set(form.recipientIds.filter((id) => members.has(id)))] : null;
  const ok = Object.keys(errors).length === 0;
  return {
    form,
    errors,
    create:
      ok && !editing
        ? {
            code: form.code,
            name,
            function: form.function as ServiceFunction,
            classification: form.classification as Classification,
            ...(g.month ? { goLive: g.month } : {}),
            ...(recipientIds ? { recipientIds } : {}),
          }
        : null,
    update: ok && editing ? { name, goLive: g.month!, recipientIds } : null,
  };
}

/** The form filled with a line as it is (the change form opening). */
export function lineFormOf(l: ServiceLineView): LineForm {
  return {
    name: l.name,
    code: l.code,
    function: l.function,
    classification: l.classification,
    goLive: monthParts(l.goLive),
    recipients: l.recipientIds === null ? 'all' : 'chosen',
    recipientIds: l.recipientIds ?? [],
  };
}

/** The service's field errors (`goLive`, `code`, `recipientIds.2`, …) as the form's, in plain English with names for ids. */
export function lineErrorsFromService(errors: { field: string; message: string }[], names: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const field =
      e.field === 'goLive' ? 'goLive-month' : e.field.startsWith('recipientIds') ? 'recipientIds' : (LINE_FIELDS as readonly string[]).includes(e.field) ? e.field : 'name';
    const msg = sentence(withNames(e.message.replace(/^goLive\b/, 'The go-live month').replace(/^code\b/, 'The code'), names));
    out[field] = out[field] ? `${out[field]} ${msg}` : msg;
  }
  return out;
}

export function lineFormView(i: { action: string; editing: boolean; form: LineForm; errors: Record<string, string>; members: Member[]; refusal: string | null; cancel: string }) {
  const f = i.form;
  const err = (k: string) => i.errors[k] ?? null;
  return {
    action: i.action,
    editing: i.editing,
    cancel: i.cancel,
    refusal: i.refusal,
    name: { value: f.name, error: err('name') },
    code: { value: f.code, error: err('code') },
    functions: FUNCTIONS.map((x) => ({ value: x, text: FUNCTION_LABELS[x], selected: x === f.function })),
    functionError: err('function'),
    classifications: CLASSIFICATIONS.map((x, n) => ({
      id: n === 0 ? 'classification' : `classification-${x}`,
      value: x,
      ...CLASSIFICATION_LABELS[x],
      checked: x === f.classification,
    })),
    classificationError: err('classification'),
    goLive: { ...f.goLive, error: err('goLive-month') },
    recipientsAll: f.recipients === 'all',
    recipientsChosen: f.recipients === 'chosen',
    recipientsError: err('recipients'),
    recipientIdsError: err('recipientIds'),
    members: [...i.members]
      .sort((a, b) => a.organisationName.localeCompare(b.organisationName))
      .map((m, n) => ({
        id: n === 0 ? 'recipientIds' : `recipientIds-${n}`,
        value: m.organisationId,
        text: m.organisationName,
        checked: f.recipientIds.includes(m.organisationId),
      })),
  };
}
