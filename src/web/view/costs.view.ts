/**
 * The host's costs page (issue 15): enter a cost (one form carrying an idempotency key made when the
 * form was drawn, so a second submit of the same form makes no second entry), enter a correction (a
 * negative entry in an open month referring to the original, as domain.md §9 and the ledger model
 * corrections), and the list of costs with its filters, totals and pages (the API's
 * `GET …/costs`). Pure.
 */
import { addMonths, cmp, isMonth } from '../../common/months';
import { isMoneyString } from '../../common/money';
import type { FieldError } from '../../common/errors/domain-error';
import type { CostList, CostView, CreateCostDto } from '../../ledger/dto';
import { COST_CATEGORIES, type CostCategoryName } from '../../ledger/dto';
import { formatGbp, formatMonthLong, minusMoney } from '../../reports/view/format';
import type { FieldErrorLink } from '../web-pages';
import { queryValue } from './periods';
import { formatLondonDate } from './statements.view';

export const PAGE_SIZE = 50;

export const CATEGORY_TEXT: Record<CostCategoryName, { text: string; hint: string }> = {
  operating: { text: 'Operating', hint: 'The running cost of a service line, shared by its members' },
  investment: { text: 'Investment', hint: 'A one-off cost, shared by a service line’s members or by every member' },
  risk: { text: 'Risk', hint: 'A risk that materialised, shared by every member or borne by the member who caused it' },
};

export interface Named {
  id: string;
  name: string;
}

export interface CostForm {
  month: string;
  category: string;
  serviceLineId: string;
  attributableTo: string;
  amount: string;
  description: string;
  idempotencyKey: string;
}

export type CostField = 'month' | 'category' | 'serviceLineId' | 'attributableTo' | 'amount' | 'description';
export type CostFormErrors = Partial<Record<CostField, string>>;

const FIELD_ORDER: CostField[] = ['month', 'category', 'serviceLineId', 'attributableTo', 'amount', 'description'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function readCostForm(body: Record<string, unknown>): CostForm {
  return {
    month: text(body.month),
    category: text(body.category),
    serviceLineId: text(body.serviceLineId),
    attributableTo: text(body.attributableTo),
    amount: text(body.amount),
    description: text(body.description),
    idempotencyKey: text(body.idempotencyKey),
  };
}

/** "£1,234.50", "1234.5", "-120" → a money string ("1234.50"), or null when it is not an amount of money. */
export function parseAmount(s: string): string | null {
  const v = s.replace(/[£,\s]/g, '').replace(/^\u2212/, '-');
  if (!isMoneyString(v)) return null;
  const [i, f = ''] = v.split('.');
  return `${i}.${f.padEnd(2, '0')}`;
}

/** The form's own checks (what the page can tell before asking the service), and the request when there are none. */
export function checkCostForm(
  f: CostForm,
  o: { openMonths: readonly string[]; lines: readonly Named[]; members: readonly Named[] },
): { errors: CostFormErrors; dto: CreateCostDto | null } {
  const errors: CostFormErrors = {};
  if (!f.month) errors.month = 'Select the month the money was spent';
  else if (!isMonth(f.month) || !o.openMonths.includes(f.month)) errors.month = 'Select an open month from the list';
  if (!(COST_CATEGORIES as readonly string[]).includes(f.category)) errors.category = 'Select the kind of cost';
  if (f.serviceLineId && !o.lines.some((l) => l.id === f.serviceLineId)) errors.serviceLineId = 'Select a service line from the list';
  else if (f.category === 'operating' && !f.serviceLineId) errors.serviceLineId = 'Select the service line of an operating cost';
  if (f.attributableTo && !o.members.some((m) => m.id === f.attributableTo)) errors.attributableTo = 'Select a member from the list';
  else if (f.attributableTo && f.category !== 'risk') errors.attributableTo = 'Only a risk can be borne by one member: choose "No, shared" or change the kind of cost to risk';
  const amount = parseAmount(f.amount);
  if (!f.amount) errors.amount = 'Enter the amount';
  else if (amount === null) errors.amount = 'Enter the amount in pounds and pence, like 1250.00 (a correction is negative, like -1250.00)';
  else if (/^-?0\.00$/.test(amount)) errors.amount = 'The amount must not be zero';
  if (!f.description) errors.description = 'Enter a description';
  else if (f.description.length > 500) errors.description = 'The description must be 500 characters or fewer';
  if (Object.keys(errors).length || amount === null) return { errors, dto: null };
  const dto: CreateCostDto = { month: f.month, category: f.category as CostCategoryName, amount, description: f.description };
  if (f.serviceLineId) dto.serviceLineId = f.serviceLineId;
  if (f.attributableTo) dto.attributableTo = f.attributableTo;
  return { errors, dto };
}

/** The service's field errors (400, or 409 month_closed) on the form's fields; null when one names no field of the form. */
export function costErrorsFromService(errors: readonly FieldError[]): CostFormErrors | null {
  const out: CostFormErrors = {};
  for (const e of errors) {
    if (!(FIELD_ORDER as string[]).includes(e.field)) return null;
    const message = e.message.charAt(0).toUpperCase() + e.message.slice(1);
    out[e.field as CostField] ??= message;
  }
  return Object.keys(out).length ? out : null;
}

export function costErrorLinks(errors: CostFormErrors, extra: FieldErrorLink[] = []): FieldErrorLink[] {
  return [...extra, ...FIELD_ORDER.filter((k) => errors[k]).map((k) => ({ text: errors[k]!, href: `#${k === 'category' ? 'category-operating' : k}` }))];
}

/** The open months a cost may be entered in: from the next month to close up to this month (the latest first). */
export function openMonths(nextToClose: string, thisMonth: string): string[] {
  const out: string[] = [];
  for (let m = thisMonth; cmp(m, nextToClose) >= 0; m = addMonths(m, -1)) out.push(m);
  return out;
}

/** A correction of `original`: the same kind, line and member, the opposite amount, in its month if still open (else the next month to close), described as a correction. */
export function correctionForm(original: CostView, o: { openMonths: readonly string[]; nextToClose: string; lineName: string | null; idempotencyKey: string }): CostForm {
  return {
    month: o.openMonths.includes(original.month) ? original.month : o.nextToClose,
    category: original.category,
    serviceLineId: original.serviceLineId ?? '',
    attributableTo: original.attributableTo ?? '',
    amount: minusMoney('0', original.amount),
    description:
      `Correction of "${original.description}" (${formatMonthLong(original.month)}${o.lineName ? `, ${o.lineName}` : ''}, ${formatGbp(original.amount)}, entry ${original.id.slice(0, 8)})`.slice(
        0,
        500,
      ),
    idempotencyKey: o.idempotencyKey,
  };
}

export interface CostFilters {
  from: string;
  to: string;
  serviceLineId: string;
  category: string;
  page: number;
  errors: { field: 'from' | 'to' | 'serviceLineId' | 'category'; message: string }[];
}

/** The list's filters from the query; a bad one is an error shown by its field (and left out of the request). */
export function readCostFilters(q: Record<string, unknown>, lines: readonly Named[]): CostFilters {
  const from = queryValue(q.from) ?? '';
  const to = queryValue(q.to) ?? '';
  const serviceLineId = queryValue(q.serviceLineId) ?? '';
  const category = queryValue(q.category) ?? '';
  const pageText = queryValue(q.page) ?? '';
  const errors: CostFilters['errors'] = [];
  if (from && !isMonth(from)) errors.push({ field: 'from', message: 'Enter the first month as a year and month, like 2025-07' });
  if (to && !isMonth(to)) errors.push({ field: 'to', message: 'Enter the last month as a year and month, like 2025-09' });
  if (from && to && isMonth(from) && isMonth(to) && cmp(from, to) > 0) errors.push({ field: 'to', message: 'The last month must be the same as or after the first month' });
  if (serviceLineId && !(UUID.test(serviceLineId) && lines.some((l) => l.id === serviceLineId)))
    errors.push({ field: 'serviceLineId', message: 'Select a service line from the list' });
  if (category && !(COST_CATEGORIES as readonly string[]).includes(category)) errors.push({ field: 'category', message: 'Select a kind of cost from the list' });
  const page = /^\d{1,6}$/.test(pageText) && Number(pageText) >= 1 ? Number(pageText) : 1;
  return { from, to, serviceLineId, category, page, errors };
}

/** The request to the list for valid filters (the API's query). */
export function costQuery(f: CostFilters): { from?: string; to?: string; serviceLineId?: string; category?: CostCategoryName; limit: number; offset: number } {
  const bad = new Set(f.errors.map((e) => e.field));
  return {
    ...(f.from && !bad.has('from') && !bad.has('to') ? { from: f.from } : {}),
    ...(f.to && !bad.has('to') ? { to: f.to } : {}),
    ...(f.serviceLineId && !bad.has('serviceLineId') ? { serviceLineId: f.serviceLineId } : {}),
    ...(f.category && !bad.has('category') ? { category: f.category as CostCategoryName } : {}),
    limit: PAGE_SIZE,
    offset: (f.page - 1) * PAGE_SIZE,
  };
}

export function costsHref(consortiumId: string, q: Record<string, string | number | undefined> = {}, hash = ''): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return `/consortium/${consortiumId}/costs${s ? `?${s}` : ''}${hash}`;
}

export interface CostsPageInput {
  consortiumId: string;
  list: CostList;
  filters: CostFilters;
  lines: readonly Named[];
  members: readonly Named[];
  openMonths: readonly string[];
  form: CostForm;
  errors: CostFormErrors;
  /** A correction is being entered (the original's description), or null. */
  correcting: CostView | null;
  /** After a submit: the entry recorded, and whether this submit was a repeat of one already recorded. */
  recorded: { entry: CostView; replayed: boolean } | null;
  /** A refusal that names no field (e.g. the form was already used for another entry). */
  notice: string | null;
}

export function costsPageView(i: CostsPageInput) {
  const lineName = new Map(i.lines.map((l) => [l.id, l.name]));
  const memberName = new Map(i.members.map((m) => [m.id, m.name]));
  const f = i.filters;
  const filterQuery = { from: f.from, to: f.to, serviceLineId: f.serviceLineId, category: f.category };
  const pages = Math.max(1, Math.ceil(i.list.total / PAGE_SIZE));
  const rows = i.list.items.map((c) => ({
    id: c.id,
    month: formatMonthLong(c.month),
    category: CATEGORY_TEXT[c.category].text,
    serviceLine: c.serviceLineId ? (lineName.get(c.serviceLineId) ?? 'A former service line') : 'All members',
    borneBy: c.attributableTo ? (memberName.get(c.attributableTo) ?? 'A former member') : null,
    description: c.description,
    amount: formatGbp(c.amount),
    enteredOn: formatLondonDate(c.createdAt),
    correctHref: costsHref(i.consortiumId, { ...filterQuery, page: f.page > 1 ? f.page : undefined, correct: c.id }, '#enter-cost'),
  }));
  const fieldError = (k: CostFilters['errors'][number]['field']) => f.errors.find((e) => e.field === k)?.message ?? null;
  return {
    recorded: i.recorded
      ? {
          heading: i.recorded.replayed ? 'This cost was already recorded' : 'Cost recorded',
          body: `${i.recorded.replayed ? 'The form was sent more than once: it was recorded once. ' : ''}${formatGbp(i.recorded.entry.amount)} for ${formatMonthLong(i.recorded.entry.month)}: ${i.recorded.entry.description}`,
        }
      : null,
    notice: i.notice,
    correcting: i.correcting ? { description: i.correcting.description, amount: formatGbp(i.correcting.amount), month: formatMonthLong(i.correcting.month) } : null,
    formHeading: i.correcting ? 'Enter a correction' : 'Enter a cost',
    action: `/consortium/${i.consortiumId}/costs`,
    form: i.form,
    errors: i.errors,
    monthOptions: [
      { value: '', text: 'Choose a month', selected: i.form.month === '' },
      ...i.openMonths.map((m) => ({ value: m, text: formatMonthLong(m), selected: m === i.form.month })),
    ],
    categoryOptions: COST_CATEGORIES.map((c) => ({ value: c, text: CATEGORY_TEXT[c].text, hint: CATEGORY_TEXT[c].hint, checked: c === i.form.category })),
    lineOptions: [
      { value: '', text: 'None (investment or risk shared by every member)', selected: i.form.serviceLineId === '' },
      ...i.lines.map((l) => ({ value: l.id, text: l.name, selected: l.id === i.form.serviceLineId })),
    ],
    memberOptions: [
      { value: '', text: 'No, shared', selected: i.form.attributableTo === '' },
      ...i.members.map((m) => ({ value: m.id, text: m.name, selected: m.id === i.form.attributableTo })),
    ],
    filters: {
      action: `/consortium/${i.consortiumId}/costs`,
      from: f.from,
      to: f.to,
      fromError: fieldError('from'),
      toError: fieldError('to'),
      lineError: fieldError('serviceLineId'),
      categoryError: fieldError('category'),
      lineOptions: [
        { value: '', text: 'All service lines', selected: f.serviceLineId === '' },
        ...i.lines.map((l) => ({ value: l.id, text: l.name, selected: l.id === f.serviceLineId })),
      ],
      categoryOptions: [
        { value: '', text: 'All kinds', selected: f.category === '' },
        ...COST_CATEGORIES.map((c) => ({ value: c, text: CATEGORY_TEXT[c].text, selected: c === f.category })),
      ],
      clearHref: costsHref(i.consortiumId),
    },
    rows,
    hasRows: rows.length > 0,
    total: {
      count: i.list.total,
      text: `${i.list.total} ${i.list.total === 1 ? 'entry' : 'entries'}`,
      amount: formatGbp(i.list.totalAmount),
    },
    pagination: {
      show: pages > 1,
      previous: f.page > 1 ? { href: costsHref(i.consortiumId, { ...filterQuery, page: f.page - 1 }), text: `Page ${f.page - 1} of ${pages}` } : null,
      next: f.page < pages ? { href: costsHref(i.consortiumId, { ...filterQuery, page: f.page + 1 }), text: `Page ${f.page + 1} of ${pages}` } : null,
      text: `Page ${Math.min(f.page, pages)} of ${pages}`,
    },
  };
}

/** Every error of the filters, for the error summary. */
export function filterErrorLinks(f: CostFilters): FieldErrorLink[] {
  return f.errors.map((e) => ({ text: e.message, href: `#filter-${e.field}` }));
}

/** An empty form with a fresh key. */
export function emptyCostForm(idempotencyKey: string): CostForm {
  return { month: '', category: '', serviceLineId: '', attributableTo: '', amount: '', description: '', idempotencyKey };
}
