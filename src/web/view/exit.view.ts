/**
 * The exit quote page: the form (the notice date as the NHS date input, redundancy costs in
 * pounds) and the answer of `GET …/members/:organisationId/exit-quote` explained line by line, with
 * the exit terms it was worked out by (docs/calculation-rules.md §12). Pure.
 */
import { isDate, lastDay, monthOf } from '../../common/months';
import { dateInWindow, dateWindow } from '../../common/validation/input-limits';
import { formatDateLong, formatGbp, formatMonthLong, formatPercent, isZero } from '../../reports/view/format';
import type { ExitQuoteView } from '../../exit/dto';
import type { FieldErrorLink } from '../web-pages';
import { queryValue } from './periods';

export type DatePart = 'day' | 'month' | 'year';

export interface ExitForm {
  day: string;
  month: string;
  year: string;
  redundancyCosts: string;
}

export interface ExitFormErrors {
  /** The date's message and the parts at fault. */
  noticeDate: { message: string; parts: DatePart[] } | null;
  redundancyCosts: string | null;
}

export interface ReadExitForm {
  /** Whether the form was sent (any field given). */
  asked: boolean;
  form: ExitForm;
  errors: ExitFormErrors;
  /** The request for the service when the form is good. */
  request: { noticeDate: string; redundancyCosts?: string } | null;
}

const FIELD = 'noticeDate';
const NAMES: Record<DatePart, string> = { day: 'day', month: 'month', year: 'year' };

/** "45,000", "£45000.5", " 45000.50 " → "45000.50"; null when it is not an amount of pounds and pence. */
export function parsePounds(v: string): string | null {
  const s = v.replace(/^£/, '').replace(/,/g, '').trim();
  if (!/^\d{1,14}(\.\d{1,2})?$/.test(s)) return null;
  const [i, f = ''] = s.split('.');
  return `${i.replace(/^0+(?=\d)/, '')}.${f.padEnd(2, '0')}`;
}

/**
 * Reads the exit quote form: `noticeDate-day`, `-month`, `-year` (the date input), or `noticeDate`
 * as YYYY-MM-DD (a link), and `redundancyCosts` in pounds (optional).
 */
export function readExitForm(q: Record<string, unknown>): ReadExitForm {
  const iso = queryValue(q[FIELD]);
  let day = queryValue(q[`${FIELD}-day`]);
  let month = queryValue(q[`${FIELD}-month`]);
  let year = queryValue(q[`${FIELD}-year`]);
  const redundancy = queryValue(q.redundancyCosts);
  if (iso !== undefined && day === undefined && month === undefined && year === undefined) {
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(iso);
    if (m) [year, month, day] = [m[1], String(Number(m[2])), String(Number(m[3]))];
    else [day, month, year] = [iso, '', ''];
  }
  const form: ExitForm = { day: day ?? '', month: month ?? '', year: year ?? '', redundancyCosts: redundancy ?? '' };
  const asked = [iso, day, month, year, redundancy].some((v) => v !== undefined);
  const errors: ExitFormErrors = { noticeDate: null, redundancyCosts: null };
  if (!asked) return { asked, form, errors, request: null };

  const parts: Record<DatePart, string> = { day: form.day, month: form.month, year: form.year };
  const missing = (Object.keys(parts) as DatePart[]).filter((k) => !parts[k]);
  let noticeDate: string | null = null;
  if (missing.length === 3) errors.noticeDate = { message: 'Enter the date notice would be given', parts: ['day', 'month', 'year'] };
  else if (missing.length) {
    const what = missing.map((k) => `a ${NAMES[k]}`).join(' and ');
    errors.noticeDate = { message: `The date notice would be given must include ${what}`, parts: missing };
  } else if (!/^\d{1,2}$/.test(form.day) || !/^\d{1,2}$/.test(form.month) || !/^\d+$/.test(form.year)) {
    errors.noticeDate = { message: 'The date notice would be given must be a real date, in numbers, like 10 6 2025', parts: ['day', 'month', 'year'] };
  } else if (form.year.length !== 4) {
    errors.noticeDate = { message: 'The year must include 4 numbers', parts: ['year'] };
  } else {
    const candidate = `${form.year}-${form.month.padStart(2, '0')}-${form.day.padStart(2, '0')}`;
    if (!isDate(candidate)) errors.noticeDate = { message: 'The date notice would be given must be a real date', parts: ['day', 'month', 'year'] };
    else if (!dateInWindow(candidate)) {
      const w = dateWindow();
      errors.noticeDate = { message: `The date notice would be given must be between ${formatDateLong(w.start)} and ${formatDateLong(w.end)}`, parts: ['year'] };
    } else noticeDate = candidate;
  }

  let redundancyCosts: string | undefined;
  if (form.redundancyCosts) {
    const pounds = parsePounds(form.redundancyCosts);
    if (pounds === null) errors.redundancyCosts = 'Enter redundancy costs as an amount in pounds, like 45000 or 45000.50';
    else redundancyCosts = pounds;
  }
  const request = noticeDate && !errors.redundancyCosts ? { noticeDate, ...(redundancyCosts !== undefined ? { redundancyCosts } : {}) } : null;
  return { asked, form, errors, request };
}

/** The error summary's links: the date's first part at fault, the redundancy field. */
export function exitErrorLinks(e: ExitFormErrors, extra: FieldErrorLink[] = []): FieldErrorLink[] {
  const out: FieldErrorLink[] = [];
  if (e.noticeDate) out.push({ text: e.noticeDate.message, href: `#${FIELD}-${e.noticeDate.parts[0]}` });
  if (e.redundancyCosts) out.push({ text: e.redundancyCosts, href: '#redundancyCosts' });
  return [...out, ...extra];
}

/** The exit terms the quote was worked out by (the agreement version in force in the notice month). */
export interface ExitTermsInput {
  version: number;
  noticeMonths?: number;
  minimumTermMonths?: number;
  earlyTerminationPercent?: string;
  strandedCostMonths?: number;
  fixedCostPercent?: string;
  amortisationMonths?: number;
}

export interface ExitPageInput {
  consortiumId: string;
  read: ReadExitForm;
  /** A rule refused the quote (e.g. no complete month of charges before the notice month). */
  refusal: string | null;
  quote: ExitQuoteView | null;
  terms: ExitTermsInput | null;
  organisationName: string;
  /** The host picks the member (its own too). */
  members: { value: string; text: string; selected: boolean }[] | null;
  organisationId: string | null;
}

const months = (n: number) => `${n} month${n === 1 ? '' : 's'}`;

export function exitView(i: ExitPageInput) {
  const e = i.read.errors;
  const partError = (k: DatePart) => !!e.noticeDate?.parts.includes(k);
  return {
    organisationName: i.organisationName,
    form: {
      action: `/consortium/${i.consortiumId}/exit-quote`,
      members: i.members,
      day: { value: i.read.form.day, error: partError('day') },
      month: { value: i.read.form.month, error: partError('month') },
      year: { value: i.read.form.year, error: partError('year') },
      dateError: e.noticeDate?.message ?? null,
      redundancyCosts: { value: i.read.form.redundancyCosts, error: e.redundancyCosts },
    },
    refusal: i.refusal,
    quote: i.quote ? quotePart(i.quote, i.terms, i.organisationName) : null,
  };
}

function quotePart(q: ExitQuoteView, t: ExitTermsInput | null, orgName: string) {
  const noticeMonth = monthOf(q.noticeDate);
  const leaves = formatDateLong(lastDay(q.exitMonth));
  const notice =
    t?.noticeMonths !== undefined
      ? `The agreement asks for ${months(t.noticeMonths)}' notice, counted from the month notice is given (${formatMonthLong(noticeMonth)}).`
      : `Notice runs from the month it is given (${formatMonthLong(noticeMonth)}).`;
  const facts = [
    { key: 'Member', value: q.organisationName, figure: 'organisation' },
    { key: 'Notice given on', value: formatDateLong(q.noticeDate), figure: 'noticeDate' },
    { key: 'Membership would end on', value: leaves, figure: 'leaves' },
    ...(t ? [{ key: 'Exit terms', value: `Version ${t.version} of the agreement, in force in ${formatMonthLong(noticeMonth)}`, figure: 'terms' }] : []),
  ];
  const termsNote = 'The figures are worked out from the charges known today; a quote at the time notice is actually given may differ.';

  if (q.model === 'commercial') {
    const year = q.contractYear ?? 1;
    return {
      intro: `If ${orgName} gave notice on ${formatDateLong(q.noticeDate)}, it would leave on ${leaves}. ${notice}`,
      noticePeriod: `Until then it keeps paying the agreed prices month by month, as its statements show. Those charges are not part of the exit charge below.`,
      facts,
      rows: [
        {
          label: `Exit charge for contract year ${year}`,
          explanation: `It would leave in ${formatMonthLong(q.exitMonth)}, which falls in year ${year} of its contract, counted from the month it joined. The agreement's exit charge schedule sets this amount for that year (nothing when the schedule sets none).`,
          amount: formatGbp(q.exitCharge ?? '0'),
          figure: 'exitCharge',
        },
      ],
      average: null,
      total: { amount: formatGbp(q.total), explanation: 'The exit charge for the contract year it leaves in.' },
      remaining: null,
      note: termsNote,
    };
  }

  const avg = formatGbp(q.averageMonthlyCharge ?? '0');
  const early = q.earlyMonths ?? 0;
  const termEnd = q.minimumTermEndMonth ? formatMonthLong(q.minimumTermEndMonth) : null;
  const minTerm = t?.minimumTermMonths !== undefined ? `the minimum term of ${months(t.minimumTermMonths)}` : 'the minimum term';
  const pct = (v: string | undefined) => (v === undefined ? null : formatPercent(v));
  const rows = [
    {
      label: 'Early termination',
      explanation:
        early > 0
          ? `${months(early)} of ${minTerm} would be left after it leaves (the term ends in ${termEnd}). The charge is the average monthly charge × ${early}${pct(t?.earlyTerminationPercent) ? ` × ${pct(t?.earlyTerminationPercent)}` : ''}, the share of the remaining term the agreement asks a leaving member to pay.`
          : `Nothing: ${minTerm} ends in ${termEnd}, no later than the month it would leave.`,
      amount: formatGbp(q.earlyTermination ?? '0'),
      figure: 'earlyTermination',
    },
    {
      label: 'Stranded costs',
      explanation: `Costs that do not go away when a member leaves (staff, systems, premises) and would fall on the members who stay: the average monthly charge${t?.strandedCostMonths !== undefined ? ` × ${months(t.strandedCostMonths)}` : ''}${pct(t?.fixedCostPercent) ? ` × ${pct(t?.fixedCostPercent)}, the part of the costs that is fixed` : ''}.`,
      amount: formatGbp(q.strandedCosts ?? '0'),
      figure: 'strandedCosts',
    },
    {
      label: 'Unrecovered investment',
      explanation: `Its share of the partnership's investments that would not yet be paid off when it leaves: each investment is paid off evenly over ${t?.amortisationMonths !== undefined ? months(t.amortisationMonths) : 'the agreed number of months'} from the month it was made, and this is its share of the months still to come after ${formatMonthLong(q.exitMonth)}.`,
      amount: formatGbp(q.unrecoveredInvestment ?? '0'),
      figure: 'unrecoveredInvestment',
    },
    {
      label: 'Redundancy costs',
      explanation: isZero(q.redundancyCosts ?? '0')
        ? 'None entered. If staff would be made redundant because it leaves, enter the cost above to include it.'
        : 'The redundancy costs you entered, for staff made redundant because it leaves.',
      amount: formatGbp(q.redundancyCosts ?? '0'),
      figure: 'redundancyCosts',
    },
  ];
  return {
    intro: `If ${orgName} gave notice on ${formatDateLong(q.noticeDate)}, it would leave on ${leaves}. ${notice}`,
    noticePeriod: `Until then it stays a member and keeps paying its monthly charges as usual, as its statements show: going by its recent average, about ${avg} a month for its share of operating costs and the management fee, plus any investment, risk and credits. Those charges are not part of the exit charge below.`,
    facts,
    rows,
    average: {
      amount: avg,
      explanation: `The figures below start from ${orgName}'s average monthly charge: its share of operating costs plus the management fee, averaged over its complete months of membership before ${formatMonthLong(noticeMonth)} (the last 12 at most). Investment, risk and service credits are left out.`,
    },
    total: {
      amount: formatGbp(q.total),
      explanation: 'The sum of the four lines above. Each is worked out from the exact average, not the rounded one shown, and rounded to the penny once.',
    },
    remaining: (q.remainingMembers ?? []).length
      ? {
          intro: `If ${orgName} left, the costs it pays now would be shared among the members who stay. For each of them, how much its average monthly charge would rise: ${orgName}'s share of operating costs and the fee over the same months, shared out among them by the same bases.`,
          rows: (q.remainingMembers ?? []).map((r) => ({ name: r.organisationName, increase: formatGbp(r.averageMonthlyIncrease), id: r.organisationId })),
        }
      : null,
    note: termsNote,
  };
}
