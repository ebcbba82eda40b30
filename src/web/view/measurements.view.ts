/**
 * The "Submit measurements" page: a form for one result of the caller's organisation, chosen from
 * the targets of the service level agreements that apply to it and the months still open; a CSV
 * upload with its bad rows listed; a CSV template; the confirmation after a submission. Pure: the
 * service (MeasurementsService, as the API) does the real checks; these only read the form and
 * name the fields its answers are about.
 */
import { addMonths, isMonth, monthRange } from '../../common/months';
import { csvRow } from '../../common/csv/csv-cell';
import type { FieldError } from '../../common/errors/domain-error';
import { CSV_HEADER } from '../../measurements/measurements.service';
import { formatMonthLong } from '../../reports/view/format';

export interface FormSla {
  id: string;
  name: string;
  serviceLineId: string;
  frequency: 'monthly' | 'quarterly';
  effectiveFrom: string;
  effectiveTo: string | null;
  targets: { kpiCode: string; kpiName: string; unit: string; target: string }[];
}

export interface FormServiceLine {
  id: string;
  code: string;
  name: string;
  /** null = every member receives it. */
  recipientIds: string[] | null;
}

export interface MeasureOption {
  /** `serviceLineId:kpiCode` */
  value: string;
  serviceLineId: string;
  serviceLineCode: string;
  kpiCode: string;
  text: string;
  /** Measured only by quarterly agreements: the result goes against the quarter's first month. */
  quarterly: boolean;
  example: string;
}

export interface MeasurementFormOptions {
  /** The measures by service line (select option groups). */
  groups: { label: string; options: MeasureOption[] }[];
  /** The open months a result may be for, newest first. */
  months: string[];
  /** The month selected when the form opens: last month when open, else the newest open month. */
  defaultMonth: string | null;
}

const UNIT_HINTS: Record<string, string> = {
  percent: 'per cent',
  days: 'days',
  working_days: 'working days',
  hours: 'hours',
  gbp: 'pounds',
};

/**
 * The targets the caller's organisation may report (each service line and KPI once, from the
 * agreements on lines the organisation receives; every line for a caller without an organisation),
 * and the months: from the first agreement's start to this month, less the closed ones.
 */
export function measurementFormOptions(input: {
  slas: FormSla[];
  serviceLines: FormServiceLine[];
  organisationId: string | null;
  closedMonths: readonly string[];
  thisMonth: string;
}): MeasurementFormOptions {
  const lines = new Map(input.serviceLines.map((l) => [l.id, l]));
  const receives = (l: FormServiceLine | undefined) => !!l && (input.organisationId === null || l.recipientIds === null || l.recipientIds.includes(input.organisationId));
  const applicable = input.slas.filter((s) => receives(lines.get(s.serviceLineId)));
  const groups: MeasurementFormOptions['groups'] = [];
  const seen = new Map<string, MeasureOption>();
  for (const s of applicable) {
    const line = lines.get(s.serviceLineId)!;
    const label = `${line.name} (${line.code})`;
    for (const t of s.targets) {
      const value = `${line.id}:${t.kpiCode}`;
      const known = seen.get(value);
      if (known) {
        known.quarterly &&= s.frequency === 'quarterly';
        continue;
      }
      const unit = UNIT_HINTS[t.unit];
      const option: MeasureOption = {
        value,
        serviceLineId: line.id,
        serviceLineCode: line.code,
        kpiCode: t.kpiCode,
        text: `${t.kpiName}${unit ? ` (${unit})` : ''}`,
        quarterly: s.frequency === 'quarterly',
        example: t.target,
      };
      seen.set(value, option);
      let g = groups.find((x) => x.label === label);
      if (!g) groups.push((g = { label, options: [] }));
      g.options.push(option);
    }
  }
  for (const g of groups) for (const o of g.options) if (o.quarterly) o.text += ', quarterly';
  const firstMonth = applicable.map((s) => s.effectiveFrom).sort()[0];
  const closed = new Set(input.closedMonths);
  const months =
    firstMonth && firstMonth <= input.thisMonth
      ? monthRange(firstMonth, input.thisMonth)
          .filter((m) => !closed.has(m))
          .reverse()
      : [];
  const lastMonth = addMonths(input.thisMonth, -1);
  return { groups, months, defaultMonth: months.includes(lastMonth) ? lastMonth : (months[0] ?? null) };
}

export interface MeasurementForm {
  measure: string;
  month: string;
  value: string;
}

export interface MeasurementFormErrors {
  measure: string | null;
  month: string | null;
  value: string | null;
}

/** The field ids of the form, in page order (the error summary follows it). */
export const FORM_FIELDS = ['measure', 'month', 'value'] as const;

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export function readMeasurementForm(body: Record<string, unknown>): MeasurementForm {
  return { measure: text(body.measure), month: text(body.month), value: text(body.value) };
}

export function noErrors(): MeasurementFormErrors {
  return { measure: null, month: null, value: null };
}

/**
 * The form's own checks (what the selects offer, a number for the value); the item to submit when
 * there are none. The organisation is never the form's: it is the caller's (null = service-line wide,
 * for a platform administrator, who has none).
 */
export function checkMeasurementForm(
  form: MeasurementForm,
  options: MeasurementFormOptions,
  organisationId: string | null,
): { errors: MeasurementFormErrors; item: { kpiCode: string; serviceLineId: string; organisationId?: string; month: string; value: string } | null } {
  const errors = noErrors();
  const measure = options.groups.flatMap((g) => g.options).find((o) => o.value === form.measure);
  if (!measure) errors.measure = 'Select what the result measures';
  if (!options.months.includes(form.month)) errors.month = 'Select the month the result is for';
  if (form.value === '') errors.value = 'Enter the result';
  else if (!/^-?\d+(\.\d+)?$/.test(form.value)) errors.value = 'Enter the result as a number, like 99.5';
  if (errors.measure || errors.month || errors.value || !measure) return { errors, item: null };
  return {
    errors,
    item: {
      kpiCode: measure.kpiCode,
      serviceLineId: measure.serviceLineId,
      ...(organisationId ? { organisationId } : {}),
      month: form.month,
      value: form.value,
    },
  };
}

/** "value must be …" → "Value must be …". */
function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/**
 * The service's field errors for the one item (`items.0.value`, …) on the form's fields; null when
 * one of them is not about the item (the caller shows the service's message instead).
 */
export function formErrorsFromService(errors: readonly FieldError[]): MeasurementFormErrors | null {
  const out = noErrors();
  if (!errors.length) return null;
  for (const e of errors) {
    const m = /^items\.\d+\.(\w+)$/.exec(e.field);
    if (!m) return null;
    const field: keyof MeasurementFormErrors = m[1] === 'month' ? 'month' : m[1] === 'value' ? 'value' : 'measure';
    out[field] ??= sentence(e.message);
  }
  return out;
}

/** The error summary's links, in the form's order. */
export function errorLinks(errors: MeasurementFormErrors): { text: string; href: string }[] {
  return FORM_FIELDS.filter((f) => errors[f]).map((f) => ({ text: errors[f]!, href: `#${f}` }));
}

const CSV_COLUMNS: Record<string, string> = {
  kpiCode: 'kpiCode',
  serviceLine: 'serviceLine',
  organisation: 'organisation',
  month: 'month',
  value: 'value',
  row: 'The whole row',
  file: 'The file',
};

/** An import's bad rows, one line per fault (row number as in a spreadsheet: the header is row 1). */
export function csvErrorRows(errors: readonly FieldError[]): { row: string; column: string; message: string }[] {
  return errors.map((e) => ({ row: e.row === undefined ? '\u2013' : String(e.row), column: CSV_COLUMNS[e.field] ?? e.field, message: sentence(e.message) }));
}

/** The file field's error message for an import the service refused. */
export function csvSummary(errors: readonly FieldError[], message: string): string {
  const rows = new Set(errors.filter((e) => e.row !== undefined && e.row > 1).map((e) => e.row));
  if (rows.size) return `${rows.size === 1 ? '1 row has' : `${rows.size} rows have`} problems, so nothing was saved: correct the rows listed below and upload the file again`;
  const first = errors[0];
  return first ? `${sentence(first.message)}: nothing was saved` : `${message.replace(/\.$/, '')}`;
}

/** The CSV template: the header the import expects and one example row for the caller. */
export function csvTemplate(options: MeasurementFormOptions, organisation: string | null): string {
  const first = options.groups[0]?.options[0];
  const month = options.defaultMonth;
  const example =
    first && month ? [first.kpiCode, first.serviceLineCode, organisation ?? '', month, first.example] : ['PAY_ACCURACY', 'PAY', organisation ?? '', month ?? '2025-09', '99.5'];
  return csvRow([...CSV_HEADER]) + csvRow(example);
}

export interface Confirmation {
  heading: string;
  link: { href: string; text: string };
}

const count = (v: unknown): number | null => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : null);

/**
 * The banner after a submission (post/redirect/get): the counts come back in the query
 * (`saved=1&accepted=N&replaced=M`, and the month of a single result); anything else, no banner.
 */
export function confirmationOf(consortiumId: string, query: Record<string, unknown>): Confirmation | null {
  const accepted = count(query.accepted);
  const replaced = count(query.replaced);
  if (query.saved !== '1' || accepted === null || replaced === null) return null;
  const month = typeof query.month === 'string' && isMonth(query.month) ? query.month : null;
  const heading =
    `${accepted === 1 ? '1 measurement was' : `${accepted} measurements were`} accepted` +
    (replaced ? `; ${replaced === 1 ? '1 replaced an earlier value' : `${replaced} replaced earlier values`}` : '');
  return {
    heading,
    link: month
      ? { href: `/consortium/${consortiumId}/performance?month=${month}`, text: `View the scorecard for ${formatMonthLong(month)}` }
      : { href: `/consortium/${consortiumId}/performance`, text: 'View the scorecard' },
  };
}

/** Where to go after a submission, with the counts for the banner. */
export function confirmationHref(consortiumId: string, r: { accepted: number; replaced: number }, month: string | null): string {
  return `/consortium/${consortiumId}/measurements?saved=1&accepted=${r.accepted}&replaced=${r.replaced}${month ? `&month=${month}` : ''}`;
}

/** The view of the page: the form (values, errors, options marked selected), the upload and its errors. */
export function measurementsPageView(o: {
  consortiumId: string;
  organisationName: string | null;
  options: MeasurementFormOptions;
  form: MeasurementForm | null;
  errors: MeasurementFormErrors;
  csvErrors: { row: string; column: string; message: string }[];
  fileError: string | null;
  confirmation: Confirmation | null;
}) {
  const form = o.form ?? { measure: '', month: o.options.defaultMonth ?? '', value: '' };
  const base = `/consortium/${o.consortiumId}`;
  return {
    appliesTo: o.organisationName ?? 'every member receiving the service (a service-line-wide result)',
    hasMeasures: o.options.groups.length > 0 && o.options.months.length > 0,
    groups: o.options.groups.map((g) => ({ label: g.label, options: g.options.map((x) => ({ value: x.value, text: x.text, selected: x.value === form.measure })) })),
    noMeasureSelected: !o.options.groups.some((g) => g.options.some((x) => x.value === form.measure)),
    months: o.options.months.map((m) => ({ value: m, text: formatMonthLong(m), selected: m === form.month })),
    value: form.value,
    errors: o.errors,
    csvErrors: o.csvErrors,
    hasCsvErrors: o.csvErrors.length > 0,
    fileError: o.fileError,
    confirmation: o.confirmation,
    action: `${base}/measurements`,
    importAction: `${base}/measurements/import`,
    templateHref: `${base}/measurements/template`,
    scorecardHref: `${base}/performance`,
  };
}
