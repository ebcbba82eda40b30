/**
 * The host's "SLAs" pages (issue 15): every SLA and OLA by service line with its targets; the form
 * to add one to a line with targets picked from the KPI catalogue filtered by the line's function
 * (every function only when the host says a cross-function KPI is intended, as the API requires);
 * the form to change its name and targets; and retiring it (its last month) after a confirmation.
 * Pure.
 */
import type { Kpi } from '../../kpis/kpi.model';
import type { ServiceLineView } from '../../service-lines/dto';
import type { SlaView } from '../../slas/dto';
import { cmp } from '../../common/months';
import { formatMonthLong, formatNumber } from '../../reports/view/format';
import type { Tag } from './agreement.view';
import { monthParts, readMonth, sentence, str, type MonthParts } from './form-inputs';
import { FUNCTION_LABELS } from './service-lines.view';

const UNIT_WORDS: Record<string, string> = { percent: '%', days: ' days', working_days: ' working days', hours: ' hours', gbp: ' pounds', count: '', ratio: '' };

/** A target or threshold with its unit: "99.5%", "5 working days". */
export function withUnitWords(value: string, unit: string): string {
  const dp = value.includes('.') ? Math.min(4, value.split('.')[1].replace(/0+$/, '').length) : 0;
  return `${formatNumber(value, dp)}${UNIT_WORDS[unit] ?? ''}`;
}

/** In effect, starting later, or retired (after its last month), as of `month`. */
export function slaStatus(s: Pick<SlaView, 'effectiveFrom' | 'effectiveTo'>, month: string): Tag {
  if (cmp(s.effectiveFrom, month) > 0) return { text: `Starts ${formatMonthLong(s.effectiveFrom)}`, colour: 'blue' };
  if (s.effectiveTo && cmp(s.effectiveTo, month) < 0) return { text: 'Retired', colour: 'grey' };
  if (s.effectiveTo) return { text: `In effect until ${formatMonthLong(s.effectiveTo)}`, colour: 'orange' };
  return { text: 'In effect', colour: 'green' };
}

export function slasListView(i: {
  consortiumId: string;
  lines: ServiceLineView[];
  slas: SlaView[];
  month: string;
  manages: boolean;
  done: { added?: string; changed?: string; retired?: string };
}) {
  const base = `/consortium/${i.consortiumId}/slas`;
  const byId = new Map(i.slas.map((s) => [s.id, s]));
  const d = (k: 'added' | 'changed' | 'retired') => (i.done[k] ? byId.get(i.done[k]) : undefined);
  let confirmation: { heading: string; body: string } | null = null;
  if (d('added')) confirmation = { heading: `${d('added')!.name} has been added`, body: `It applies from ${formatMonthLong(d('added')!.effectiveFrom)}.` };
  else if (d('changed')) confirmation = { heading: `${d('changed')!.name} has been changed`, body: '' };
  else if (d('retired') && d('retired')!.effectiveTo)
    confirmation = { heading: `${d('retired')!.name} has been retired`, body: `It applies up to ${formatMonthLong(d('retired')!.effectiveTo!)}, and no longer after.` };
  const lines = [...i.lines].sort((a, b) => a.code.localeCompare(b.code));
  return {
    confirmation,
    manages: i.manages,
    addAction: `${base}/new`,
    lineOptions: lines.map((l) => ({ value: l.id, text: `${l.name} (${l.code})` })),
    noLines: lines.length === 0,
    lines: lines
      .map((l) => ({
        id: l.id,
        code: l.code,
        heading: `${l.name} (${l.code})`,
        function: FUNCTION_LABELS[l.function] ?? l.function,
        addHref: i.manages ? `${base}/new?serviceLineId=${l.id}` : null,
        slas: i.slas
          .filter((s) => s.serviceLineId === l.id)
          .map((s) => ({
            id: s.id,
            name: s.name,
            tag: slaStatus(s, i.month),
            rows: [
              {
                key: 'kind',
                label: 'Kind',
                value: s.kind === 'SLA' ? 'Service level agreement (with service credits)' : 'Operational level agreement (inside the host, no credits)',
              },
              { key: 'frequency', label: 'Measured', value: s.frequency === 'monthly' ? 'Every month' : 'Every financial quarter' },
              { key: 'cap', label: 'Credits capped at', value: `${formatNumber(s.creditCapPercent, 0)}% of the charge for the line` },
              {
                key: 'effective',
                label: 'Applies',
                value: s.effectiveTo ? `${formatMonthLong(s.effectiveFrom)} to ${formatMonthLong(s.effectiveTo)}` : `From ${formatMonthLong(s.effectiveFrom)}`,
              },
            ],
            targets: s.targets.map((t) => ({
              kpiCode: t.kpiCode,
              kpi: t.kpiName,
              direction: t.direction === 'higher_is_better' ? 'Higher is better' : 'Lower is better',
              target: withUnitWords(t.target, t.unit),
              threshold: withUnitWords(t.threshold, t.unit),
              credit: `${formatNumber(t.creditPercent, 0)}%`,
            })),
            editHref: i.manages ? `${base}/${s.id}/edit` : null,
            retireHref: i.manages && !(s.effectiveTo && cmp(s.effectiveTo, i.month) < 0) ? `${base}/${s.id}/retire` : null,
          })),
      }))
      .map((l) => ({ ...l, none: l.slas.length === 0 })),
  };
}

export interface TargetRow {
  kpiCode: string;
  target: string;
  threshold: string;
  creditPercent: string;
}

export interface SlaForm {
  name: string;
  kind: string;
  frequency: string;
  creditCapPercent: string;
  effectiveFrom: MonthParts;
  effectiveTo: MonthParts;
  crossFunction: boolean;
  targets: TargetRow[];
}

export const EMPTY_ROWS = 2;
const DECIMAL = /^-?\d{1,10}(\.\d{1,4})?$/;

/** Reads the SLA form (`editing`: name and targets only). Empty target rows are left out. */
export function readSlaForm(body: Record<string, unknown>, kpis: ReadonlyMap<string, Kpi>, o: { editing: boolean; lineFunction: string; kind?: string }) {
  const form: SlaForm = {
    name: str(body.name),
    kind: o.kind ?? str(body.kind),
    frequency: str(body.frequency),
    creditCapPercent: str(body.creditCapPercent).trim(),
    effectiveFrom: { month: str(body['effectiveFrom-month']), year: str(body['effectiveFrom-year']) },
    effectiveTo: { month: str(body['effectiveTo-month']), year: str(body['effectiveTo-year']) },
    crossFunction: str(body.crossFunction) === 'true',
    targets: [],
  };
  for (let n = 0; n < 50; n++) {
    const row = {
      kpiCode: str(body[`targets-${n}-kpiCode`]),
      target: str(body[`targets-${n}-target`]).trim(),
      threshold: str(body[`targets-${n}-threshold`]).trim(),
      creditPercent: str(body[`targets-${n}-creditPercent`]).trim(),
    };
    if (row.kpiCode || row.target || row.threshold || row.creditPercent) form.targets.push(row);
  }
  const errors: Record<string, string> = {};
  if (!form.name.trim()) errors.name = 'Enter the name of the agreement';
  else if (form.name.trim().length > 200) errors.name = 'The name must be 200 characters or fewer';
  let from: string | null = null;
  let to: string | null = null;
  if (!o.editing) {
    if (form.kind !== 'SLA' && form.kind !== 'OLA') errors.kind = 'Select whether it is a service level agreement or an operational level agreement';
    if (form.frequency !== 'monthly' && form.frequency !== 'quarterly') errors.frequency = 'Select how often it is measured';
    if (!DECIMAL.test(form.creditCapPercent)) errors.creditCapPercent = 'Enter the cap on credits as a percentage, for example 10';
    const f = readMonth(form.effectiveFrom, 'the first month it applies');
    if (f.error) errors['effectiveFrom-month'] = f.error;
    from = f.month;
    const t = readMonth(form.effectiveTo, 'the last month it applies', true);
    if (t.error) errors['effectiveTo-month'] = t.error;
    to = t.month;
  }
  if (!form.targets.length) errors['targets-0-kpiCode'] = 'Add at least one target: choose an indicator and enter its target and threshold';
  form.targets.forEach((t, n) => {
    const kpi = kpis.get(t.kpiCode);
    if (!kpi) errors[`targets-${n}-kpiCode`] = `Choose the indicator of target ${n + 1}`;
    else if (kpi.function !== o.lineFunction && !form.crossFunction)
      errors[`targets-${n}-kpiCode`] =
        `${kpi.name} measures ${FUNCTION_LABELS[kpi.function as keyof typeof FUNCTION_LABELS] ?? kpi.function}, not this line's function: tick "Use indicators of other functions" if this is intended`;
    if (!DECIMAL.test(t.target)) errors[`targets-${n}-target`] = `Enter the target of target ${n + 1} as a number, for example 99.5`;
    if (!DECIMAL.test(t.threshold)) errors[`targets-${n}-threshold`] = `Enter the threshold of target ${n + 1} as a number, for example 98`;
    if (form.kind === 'SLA' && !DECIMAL.test(t.creditPercent)) errors[`targets-${n}-creditPercent`] = `Enter the service credit of target ${n + 1} as a percentage, for example 2`;
    if (form.kind === 'OLA' && t.creditPercent && !/^0+(\.0+)?$/.test(t.creditPercent))
      errors[`targets-${n}-creditPercent`] = `An operational level agreement carries no service credits: leave the credit of target ${n + 1} empty`;
  });
  const targets = form.targets.map((t) => ({ kpiCode: t.kpiCode, target: t.target, threshold: t.threshold, creditPercent: form.kind === 'OLA' ? '0' : t.creditPercent }));
  const ok = Object.keys(errors).length === 0;
  return {
    form,
    errors,
    create:
      ok && !o.editing
        ? {
            name: form.name.trim(),
            kind: form.kind as 'SLA' | 'OLA',
            frequency: form.frequency as 'monthly' | 'quarterly',
            creditCapPercent: form.creditCapPercent,
            effectiveFrom: from!,
            ...(to ? { effectiveTo: to } : {}),
            crossFunction: form.crossFunction,
            targets,
          }
        : null,
    update: ok && o.editing ? { name: form.name.trim(), crossFunction: form.crossFunction, targets } : null,
  };
}

export function slaFormOf(s: SlaView): SlaForm {
  return {
    name: s.name,
    kind: s.kind,
    frequency: s.frequency,
    creditCapPercent: s.creditCapPercent,
    effectiveFrom: monthParts(s.effectiveFrom),
    effectiveTo: monthParts(s.effectiveTo),
    crossFunction: s.crossFunction,
    targets: s.targets.map((t) => ({ kpiCode: t.kpiCode, target: t.target, threshold: t.threshold, creditPercent: s.kind === 'OLA' ? '' : t.creditPercent })),
  };
}

/** The service's field names (`targets.0.threshold`, `effectiveFrom`) → the form's ids, in plain English. */
export function slaErrorsFromService(errors: { field: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const m = /^targets\.(\d+)\.(\w+)$/.exec(e.field);
    const field = m
      ? `targets-${m[1]}-${m[2]}`
      : e.field === 'effectiveFrom' || e.field === 'effectiveTo'
        ? `${e.field}-month`
        : e.field === 'targets'
          ? 'targets-0-kpiCode'
          : e.field;
    const msg = sentence(e.message);
    out[field] = out[field] ? `${out[field]} ${msg}` : msg;
  }
  return out;
}

/** The fields in page order (the error summary's order). */
export function slaFieldOrder(rows: number): string[] {
  const t: string[] = [];
  for (let n = 0; n < rows; n++) t.push(`targets-${n}-kpiCode`, `targets-${n}-target`, `targets-${n}-threshold`, `targets-${n}-creditPercent`);
  return ['name', 'kind', 'frequency', 'creditCapPercent', 'effectiveFrom-month', 'effectiveTo-month', ...t];
}

/** The indicators offered for a line: its function's, or every one when a cross-function KPI is intended. */
export function kpiOptions(kpis: readonly Kpi[], lineFunction: string, crossFunction: boolean, chosen: string) {
  return kpis
    .filter((k) => crossFunction || k.function === lineFunction || k.code === chosen)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((k) => ({
      value: k.code,
      text: `${k.name}${k.function === lineFunction ? '' : ` (${FUNCTION_LABELS[k.function as keyof typeof FUNCTION_LABELS] ?? k.function})`}, ${k.direction === 'higher_is_better' ? 'higher is better' : 'lower is better'}`,
      selected: k.code === chosen,
    }));
}

export function slaFormView(i: {
  action: string;
  toggleHref: string;
  editing: boolean;
  line: ServiceLineView;
  kpis: readonly Kpi[];
  form: SlaForm;
  errors: Record<string, string>;
  refusal: string | null;
  cancel: string;
}) {
  const f = i.form;
  const err = (k: string) => i.errors[k] ?? null;
  const rows = [...f.targets, ...Array.from({ length: EMPTY_ROWS }, () => ({ kpiCode: '', target: '', threshold: '', creditPercent: '' }))];
  return {
    action: i.action,
    editing: i.editing,
    cancel: i.cancel,
    refusal: i.refusal,
    serviceLineId: i.line.id,
    lineText: `${i.line.name} (${i.line.code}), ${FUNCTION_LABELS[i.line.function] ?? i.line.function}`,
    functionText: FUNCTION_LABELS[i.line.function] ?? i.line.function,
    crossFunction: f.crossFunction,
    toggle: { href: i.toggleHref, text: f.crossFunction ? `Show only ${FUNCTION_LABELS[i.line.function] ?? i.line.function} indicators` : 'Use indicators of other functions' },
    name: { value: f.name, error: err('name') },
    kindSla: f.kind === 'SLA',
    kindOla: f.kind === 'OLA',
    kindError: err('kind'),
    monthly: f.frequency === 'monthly',
    quarterly: f.frequency === 'quarterly',
    frequencyError: err('frequency'),
    cap: { value: f.creditCapPercent, error: err('creditCapPercent') },
    effectiveFrom: { ...f.effectiveFrom, error: err('effectiveFrom-month') },
    effectiveTo: { ...f.effectiveTo, error: err('effectiveTo-month') },
    targets: rows.map((t, n) => ({
      n,
      number: n + 1,
      kpis: kpiOptions(i.kpis, i.line.function, f.crossFunction, t.kpiCode),
      target: t.target,
      threshold: t.threshold,
      creditPercent: t.creditPercent,
      errors: {
        kpiCode: err(`targets-${n}-kpiCode`),
        target: err(`targets-${n}-target`),
        threshold: err(`targets-${n}-threshold`),
        creditPercent: err(`targets-${n}-creditPercent`),
      },
    })),
  };
}

/** Retiring: the last month it applies, then "are you sure". */
export function readRetireForm(body: Record<string, unknown>): { parts: MonthParts; month: string | null; error: string | null } {
  const parts = { month: str(body['effectiveTo-month']), year: str(body['effectiveTo-year']) };
  const r = readMonth(parts, 'the last month it applies');
  return { parts, month: r.month, error: r.error };
}
