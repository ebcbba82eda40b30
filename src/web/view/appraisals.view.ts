/**
 * The options appraisal pages (domain.md §15): the form (read without JavaScript: up to 4 options,
 * each with up to 3 one-off costs), the service's field errors turned into the form's links, the
 * results page and the list. Pure.
 */
import type { FieldError } from '../../common/errors/domain-error';
import { DELIVERY_MODELS } from '../../common/enums';
import type { AppraisalSummaryView, AppraisalView, CreateAppraisalDto } from '../../appraisals/dto';
import { multiLineChart } from '../../reports/charts';
import { formatGbp, formatNumber } from '../../reports/view/format';
import { OPTION_MODEL_LABELS, paybackText } from '../../reports/view/appraisal.view';
import { ReportTemplates } from '../../reports/templates';
import type { FieldErrorLink } from '../web-pages';
import { parsePounds } from './exit.view';
import { str } from './form-inputs';

export const FORM_OPTIONS = 4;
export const FORM_ONE_OFFS = 3;

export interface OneOffForm {
  n: number;
  year: string;
  amount: string;
  yearId: string;
  amountId: string;
  yearError: string | null;
  amountError: string | null;
}

export interface OptionForm {
  n: number;
  legend: string;
  name: string;
  deliveryModel: string;
  startYear: string;
  annualRunningCost: string;
  optimismBiasPercent: string;
  oneOffs: OneOffForm[];
  ids: { name: string; deliveryModel: string; startYear: string; annualRunningCost: string; optimismBiasPercent: string };
  errors: { name: string | null; deliveryModel: string | null; startYear: string | null; annualRunningCost: string | null; optimismBiasPercent: string | null };
  models: Array<{ value: string; text: string; selected: boolean }>;
}

export interface AppraisalForm {
  name: string;
  years: string;
  discountRatePercent: string;
  statusQuoAnnualCost: string;
  options: OptionForm[];
}

/** Errors by field id (the ids of the form's inputs). */
export type FormErrors = Record<string, string>;

const optionId = (i: number, f: string) => `option-${i + 1}-${f}`;
const oneOffId = (i: number, j: number, f: 'year' | 'amount') => `option-${i + 1}-oneOff-${j + 1}-${f}`;

function modelOptions(selected: string) {
  return [
    { value: '', text: 'Choose a delivery model', selected: selected === '' },
    ...DELIVERY_MODELS.map((m) => ({ value: m, text: OPTION_MODEL_LABELS[m], selected: m === selected })),
  ];
}

/** A blank form with the defaults (10 years, 3.5 %). */
export function blankForm(): AppraisalForm {
  return formFrom({ years: '10', discountRatePercent: '3.5' });
}

/** The form as sent (strings; absent fields empty). */
export function formFrom(body: Record<string, unknown>): AppraisalForm {
  const v = (k: string) => str(body[k]).trim();
  return {
    name: v('name'),
    years: v('years'),
    discountRatePercent: v('discountRatePercent'),
    statusQuoAnnualCost: v('statusQuoAnnualCost'),
    options: Array.from({ length: FORM_OPTIONS }, (_, i) => ({
      n: i + 1,
      legend: `Option ${i + 1}`,
      name: v(optionId(i, 'name')),
      deliveryModel: v(optionId(i, 'deliveryModel')),
      startYear: v(optionId(i, 'startYear')),
      annualRunningCost: v(optionId(i, 'annualRunningCost')),
      optimismBiasPercent: v(optionId(i, 'optimismBiasPercent')),
      oneOffs: Array.from({ length: FORM_ONE_OFFS }, (_, j) => ({
        n: j + 1,
        year: v(oneOffId(i, j, 'year')),
        amount: v(oneOffId(i, j, 'amount')),
        yearId: oneOffId(i, j, 'year'),
        amountId: oneOffId(i, j, 'amount'),
        yearError: null,
        amountError: null,
      })),
      ids: {
        name: optionId(i, 'name'),
        deliveryModel: optionId(i, 'deliveryModel'),
        startYear: optionId(i, 'startYear'),
        annualRunningCost: optionId(i, 'annualRunningCost'),
        optimismBiasPercent: optionId(i, 'optimismBiasPercent'),
      },
      errors: { name: null, deliveryModel: null, startYear: null, annualRunningCost: null, optimismBiasPercent: null },
      models: modelOptions(v(optionId(i, 'deliveryModel'))),
    })),
  };
}

const used = (o: OptionForm) => !!(o.name || o.deliveryModel || o.startYear || o.annualRunningCost || o.optimismBiasPercent || o.oneOffs.some((x) => x.year || x.amount));
const WHOLE = /^\d{1,3}$/;
const percent = (s: string) => s.replace(/%$/, '').trim();
const PERCENT = /^\d{1,3}(\.\d{1,4})?$/;

/**
 * Checks what a form can check alone (numbers are numbers, something is filled in) and builds the
 * service's request; `optionIndex[k]` is the form's option of the request's option k. The rules
 * between fields (years within the period, distinct names, ranges) are the service's, whose errors
 * `errorsFromService` maps back to the form.
 */
export function checkForm(f: AppraisalForm, consortiumId: string): { errors: FormErrors; dto: CreateAppraisalDto | null; optionIndex: number[] } {
  const e: FormErrors = {};
  if (!f.name) e.name = 'Enter a name for the appraisal';
  if (!WHOLE.test(f.years)) e.years = 'Enter the appraisal period as a whole number of years, like 10';
  if (!PERCENT.test(percent(f.discountRatePercent))) e.discountRatePercent = 'Enter the discount rate as a percentage, like 3.5';
  const sq = f.statusQuoAnnualCost ? parsePounds(f.statusQuoAnnualCost) : undefined;
  if (sq === null) e.statusQuoAnnualCost = 'Enter the status quo annual cost as an amount in pounds, like 3880000 or 3880000.50, or leave it empty';
  const optionIndex: number[] = [];
  const options: CreateAppraisalDto['options'] = [];
  f.options.forEach((o, i) => {
    if (!used(o)) return;
    const label = `option ${i + 1}`;
    if (!o.name) e[o.ids.name] = `Enter a name for ${label}`;
    if (!o.deliveryModel) e[o.ids.deliveryModel] = `Choose the delivery model of ${label}`;
    if (o.startYear && !WHOLE.test(o.startYear)) e[o.ids.startYear] = `Enter the start year of ${label} as a whole number, like 1`;
    const running = parsePounds(o.annualRunningCost);
    if (running === null) e[o.ids.annualRunningCost] = `Enter the annual running cost of ${label} as an amount in pounds, like 3400000`;
    if (o.optimismBiasPercent && !PERCENT.test(percent(o.optimismBiasPercent))) e[o.ids.optimismBiasPercent] = `Enter the optimism bias of ${label} as a percentage, like 24`;
    const oneOffCosts: Array<{ year: number; amount: string }> = [];
    o.oneOffs.forEach((x, j) => {
      if (!x.year && !x.amount) return;
      const which = `one-off cost ${j + 1} of ${label}`;
      if (!WHOLE.test(x.year)) e[x.yearId] = `Enter the year of ${which} as a whole number, like 0`;
      const amount = parsePounds(x.amount);
      if (amount === null) e[x.amountId] = `Enter the amount of ${which} in pounds, like 750000`;
      if (WHOLE.test(x.year) && amount !== null) oneOffCosts.push({ year: Number(x.year), amount });
    });
    optionIndex.push(i);
    options.push({
      name: o.name,
      deliveryModel: o.deliveryModel as (typeof DELIVERY_MODELS)[number],
      startYear: o.startYear ? Number(o.startYear) : 0,
      annualRunningCost: running ?? '0.00',
      oneOffCosts,
      optimismBiasPercent: o.optimismBiasPercent ? percent(o.optimismBiasPercent) : '0',
    });
  });
  if (!options.length) e[f.options[0].ids.name] = 'Enter at least one option: a name, a delivery model and its annual running cost';
  if (Object.keys(e).length) return { errors: e, dto: null, optionIndex };
  return {
    errors: e,
    optionIndex,
    dto: {
      consortiumId,
      name: f.name,
      years: Number(f.years),
      discountRatePercent: percent(f.discountRatePercent),
      ...(sq ? { statusQuoAnnualCost: sq } : {}),
      options,
    },
  };
}

/** Plain English for the service's messages, by field. */
function say(field: string, message: string, years: string): string {
  const last = /^\d+$/.test(years) && Number(years) >= 1 ? Number(years) - 1 : null;
  const within = last === null ? 'within the appraisal period' : `from 0 to ${last}`;
  const m = /^options\.(\d+)\.(.+)$/.exec(field);
  if (!m) {
    if (field === 'years') return 'The appraisal period must be from 1 to 60 years';
    if (field === 'discountRatePercent') return 'The discount rate must be from 0% to 100%, with at most 4 decimal places';
    if (field === 'statusQuoAnnualCost') return 'The status quo annual cost must be an amount in pounds';
    if (field === 'name') return 'Enter a name for the appraisal';
    return message;
  }
  const rest = m[2];
  if (rest === 'name') return message.includes('differ') ? 'Each option needs a different name' : 'Enter a name for the option';
  if (rest === 'startYear') return `The start year must be ${within}`;
  if (rest === 'optimismBiasPercent') return 'The optimism bias must be from 0% to 200%';
  if (rest === 'deliveryModel') return 'Choose a delivery model';
  if (rest === 'annualRunningCost') return 'The annual running cost must be an amount in pounds';
  if (/oneOffCosts\.\d+\.year$/.test(rest)) return `The year of a one-off cost must be ${within}`;
  if (/oneOffCosts\.\d+\.amount$/.test(rest)) return 'The amount of a one-off cost must be in pounds';
  return message;
}

/** The service's field errors (`options.k.startYear`, …) as the form's ids and plain English; null when one cannot be placed. */
export function errorsFromService(errors: readonly FieldError[], f: AppraisalForm, optionIndex: readonly number[]): FormErrors | null {
  const out: FormErrors = {};
  for (const e of errors) {
    const m = /^options\.(\d+)\.(name|deliveryModel|startYear|annualRunningCost|optimismBiasPercent|oneOffCosts\.(\d+)\.(year|amount))$/.exec(e.field);
    let id: string | null = null;
    if (m) {
      const i = optionIndex[Number(m[1])];
      if (i === undefined) return null;
      if (m[3] !== undefined) {
        // the k-th one-off cost sent is the k-th filled row of the option
        const rows = f.options[i].oneOffs.filter((x) => x.year || x.amount);
        const row = rows[Number(m[3])];
        if (!row) return null;
        id = m[4] === 'year' ? row.yearId : row.amountId;
      } else id = optionId(i, m[2]);
    } else if (['name', 'years', 'discountRatePercent', 'statusQuoAnnualCost'].includes(e.field)) id = e.field;
    else if (e.field === 'options') id = f.options[0].ids.name;
    if (!id) return null;
    const prefix = m ? `Option ${optionIndex[Number(m[1])] + 1}: ` : '';
    out[id] ??= `${prefix}${say(e.field, e.message, f.years)}`;
  }
  return out;
}

/** The form with its errors placed beside each field, and the error summary's links in the order of the form. */
export function withErrors(
  f: AppraisalForm,
  e: FormErrors,
): { form: AppraisalForm & { error: Record<'name' | 'years' | 'discountRatePercent' | 'statusQuoAnnualCost', string | null> }; links: FieldErrorLink[] } {
  const order = ['name', 'years', 'discountRatePercent', 'statusQuoAnnualCost'];
  for (const o of f.options) {
    order.push(o.ids.name, o.ids.deliveryModel, o.ids.startYear, o.ids.annualRunningCost, o.ids.optimismBiasPercent);
    for (const x of o.oneOffs) order.push(x.yearId, x.amountId);
  }
  const options = f.options.map((o) => ({
    ...o,
    errors: {
      name: e[o.ids.name] ?? null,
      deliveryModel: e[o.ids.deliveryModel] ?? null,
      startYear: e[o.ids.startYear] ?? null,
      annualRunningCost: e[o.ids.annualRunningCost] ?? null,
      optimismBiasPercent: e[o.ids.optimismBiasPercent] ?? null,
    },
    oneOffs: o.oneOffs.map((x) => ({ ...x, yearError: e[x.yearId] ?? null, amountError: e[x.amountId] ?? null })),
  }));
  const links = order.filter((k) => e[k]).map((k) => ({ text: e[k], href: `#${k}` }));
  return {
    form: {
      ...f,
      options,
      error: { name: e.name ?? null, years: e.years ?? null, discountRatePercent: e.discountRatePercent ?? null, statusQuoAnnualCost: e.statusQuoAnnualCost ?? null },
    },
    links,
  };
}

const rateText = (r: string) => `${formatNumber(r, (r.split('.')[1] ?? '').length)}%`;

/** The saved appraisals, newest first. */
export function listView(consortiumId: string, items: readonly AppraisalSummaryView[], mayCreate: boolean) {
  return {
    newHref: mayCreate ? `/consortium/${consortiumId}/appraisals/new` : null,
    rows: items.map((a) => ({
      id: a.id,
      name: a.name,
      href: `/consortium/${consortiumId}/appraisals/${a.id}`,
      preferred: a.preferred,
      period: `${a.years} years at ${rateText(a.discountRatePercent)}`,
      created: new Date(a.createdAt).toISOString().slice(0, 10),
    })),
  };
}

/** The results page of a saved appraisal. Figures are the API's, formatted as pounds. */
export function resultView(consortiumId: string, a: AppraisalView) {
  const labels = Array.from({ length: a.years }, (_, t) => `Year ${t}`);
  const series = [{ name: 'Status quo', s: a.statusQuo }, ...a.options.map((o) => ({ name: o.name, s: o }))];
  return {
    back: `/consortium/${consortiumId}/appraisals`,
    pdfHref: `/consortium/${consortiumId}/reports/appraisal.pdf?appraisalId=${a.id ?? ''}`,
    preferred: a.preferred,
    facts: [
      { key: 'Appraisal period', value: `${a.years} years (year 0 to year ${a.years - 1})` },
      { key: 'Discount rate', value: rateText(a.discountRatePercent) },
      { key: 'Status quo annual cost', value: `${formatGbp(a.statusQuoAnnualCost)}${a.statusQuoFromBaselines ? ' (the members’ current annual baselines)' : ''}` },
      { key: 'Status quo net present cost', value: formatGbp(a.statusQuo.npc) },
    ],
    ranking: a.options.map((o) => ({
      rank: o.rank,
      name: o.name,
      model: OPTION_MODEL_LABELS[o.deliveryModel] ?? o.deliveryModel,
      npc: formatGbp(o.npc),
      saving: formatGbp(o.savingVsStatusQuo),
      payback: paybackText(o.paybackYear),
      preferred: o.rank === 1,
      inputs: `Starts in year ${o.startYear}; runs at ${formatGbp(o.annualRunningCost)} a year; optimism bias ${o.optimismBiasPercent}%; one-off costs: ${
        o.oneOffCosts.length ? o.oneOffCosts.map((c) => `${formatGbp(c.amount)} in year ${c.year}`).join(', ') : 'none'
      }`,
    })),
    heads: series.map((x) => x.name),
    years: labels.map((label, t) => ({
      label,
      factor: a.discountFactors[t],
      costs: series.map((x) => formatGbp(x.s.costs[t])),
      presentValues: series.map((x) => formatGbp(x.s.presentValues[t])),
      cumulative: series.map((x) => formatGbp(x.s.cumulativeCosts[t])),
    })),
    npcs: series.map((x) => formatGbp(x.s.npc)),
    chart: ReportTemplates.trusted(
      multiLineChart({ title: 'Cumulative cost by option', labels, series: series.map((x) => ({ name: x.name, values: x.s.cumulativeCosts })), id: `appraisal-${a.id ?? 'new'}` }),
    ),
  };
}
