/**
 * The benefits page (domain.md §16): every member's savings against the benefits plan for a period
 * (planned, actual, gap, guaranteed, shortfall, from the statements service, formatted by the board
 * reports' own table) with a chart of planned against actual savings per member; the plan by member
 * and financial year; and for the host a form, one row per member for a chosen financial year, that
 * works without JavaScript. Pure.
 */
import { barVsLineChart } from '../../reports/charts';
import { benefitsTable, type BenefitsMemberInput, type BenefitsTableView } from '../../reports/view/benefits.view';
import { formatGbp, formatMonthRange } from '../../reports/view/format';
import { ReportTemplates } from '../../reports/templates';
import { dec, isDecimalString, isMoneyString } from '../../common/money';
import { financialYear, isFinancialYear } from '../../common/months';
import type { FieldErrorLink } from '../web-pages';
import type { NamedPeriod, Period, PeriodField, StatementPeriods } from './periods';
import type { StatementMember } from './statements.view';

export interface PlanRowInput {
  organisationId: string;
  organisationName: string;
  financialYear: string;
  plannedSavings: string;
  guaranteedPercent: string | null;
}

/** What the form read: the values as typed (to show back), the rows to write, the errors by field id. */
export interface PlanFormRead {
  financialYear: string;
  values: Record<string, { planned: string; guaranteed: string }>;
  items: { organisationId: string; financialYear: string; plannedSavings: string; guaranteedPercent: string | null }[];
  errors: Record<string, string>;
}

export interface BenefitsPageInput {
  consortiumId: string;
  consortiumName: string;
  hostOrganisationId: string;
  runsConsortium: boolean;
  /** The host and the partnership board see every member (and the totals); anyone else its own organisation. */
  seesWholeConsortium: boolean;
  /** Why no figures could be worked out for the period (e.g. no approved agreement), or null. */
  unavailable: string | null;
  periods: StatementPeriods;
  choices: { value: string; text: string }[];
  form: { from: string; to: string; errors: PeriodField[] };
  period: Period | null;
  /** The statements of the period with the plan's figures (every member, or the caller's own). */
  items: BenefitsMemberInput[] | null;
  totals: BenefitsMemberInput | null;
  plan: PlanRowInput[];
  members: StatementMember[];
  /** The financial year the host's form edits. */
  editYear: string;
  /** The financial years the form offers. */
  years: string[];
  /** The form as posted (after a refusal), or null to show the plan as stored. */
  posted: PlanFormRead | null;
  saved: { count: number; financialYear: string } | null;
}

export const plannedId = (n: number) => `planned-${n}`;
export const guaranteedId = (n: number) => `guaranteed-${n}`;

export function benefitsHref(consortiumId: string, q: { from?: string; to?: string; year?: string } = {}): string {
  const params = new URLSearchParams();
  if (q.from) params.set('from', q.from);
  if (q.to) params.set('to', q.to);
  if (q.year) params.set('year', q.year);
  const s = params.toString();
  return `/consortium/${consortiumId}/benefits${s ? `?${s}` : ''}`;
}

/** The financial years the form offers: from the consortium's first year to the year after this one. */
export function planYears(startMonth: string, currentMonth: string): string[] {
  const first = Number(financialYear(startMonth).slice(0, 4));
  const last = Number(financialYear(currentMonth).slice(0, 4)) + 1;
  const out: string[] = [];
  for (let y = first; y <= last; y++) out.push(`${y}/${String((y + 1) % 100).padStart(2, '0')}`);
  return out;
}

/**
 * Reads the host's form: `financialYear`, and for row n `organisation-n`, `planned-n` (an amount in
 * pounds, e.g. 250000 or 250,000.50; blank = leave the member's plan for the year as it is) and
 * `guaranteed-n` (a percentage, 0 to 100; blank = none guaranteed). Plain-English errors by field id.
 */
export function readPlanForm(body: Record<string, unknown>, members: readonly StatementMember[], years: readonly string[]): PlanFormRead {
  const str = (k: string) => (typeof body[k] === 'string' ? body[k].trim() : '');
  const fy = str('financialYear');
  const errors: Record<string, string> = {};
  if (!isFinancialYear(fy) || !years.includes(fy)) errors['financial-year'] = 'Select a financial year from the list';
  const values: PlanFormRead['values'] = {};
  const items: PlanFormRead['items'] = [];
  members.forEach((m, n) => {
    if (str(`organisation-${n}`) !== m.organisationId) return;
    const planned = str(plannedId(n));
    const guaranteed = str(guaranteedId(n));
    values[m.organisationId] = { planned, guaranteed };
    if (planned === '' && guaranteed === '') return;
    const amount = planned.replace(/^£/, '').replace(/,/g, '');
    if (planned === '') errors[plannedId(n)] = `Enter the planned savings for ${m.organisationName}, or clear its guaranteed percentage`;
    else if (!isMoneyString(amount) || amount.startsWith('-'))
      errors[plannedId(n)] = `Planned savings for ${m.organisationName} must be an amount in pounds, like 250000 or 250000.50`;
    const pct = guaranteed.replace(/%$/, '').trim();
    let pctOk: string | null = null;
    if (pct !== '') {
      if (!isDecimalString(pct) || dec(pct).isNegative() || dec(pct).greaterThan(100))
        errors[guaranteedId(n)] = `Guaranteed savings for ${m.organisationName} must be a percentage between 0 and 100, like 10 or 12.5`;
      else pctOk = pct;
    }
    if (!errors[plannedId(n)] && !errors[guaranteedId(n)]) items.push({ organisationId: m.organisationId, financialYear: fy, plannedSavings: amount, guaranteedPercent: pctOk });
  });
  if (!Object.keys(errors).length && !items.length) errors[plannedId(0)] = 'Enter the planned savings for at least one member';
  return { financialYear: fy, values, items, errors };
}

/** The form's errors for the error summary, each linked to its field (in the order of the form). */
export function planErrorLinks(errors: Record<string, string>, periodErrors: PeriodField[] = []): FieldErrorLink[] {
  const order = (id: string) => (id === 'financial-year' ? -1 : Number(id.split('-')[1]) * 2 + (id.startsWith('guaranteed') ? 1 : 0));
  return [
    ...periodErrors.map((e) => ({ text: e.message, href: `#${e.id}` })),
    ...Object.entries(errors)
      .sort(([a], [b]) => order(a) - order(b))
      .map(([id, text]) => ({ text, href: `#${id}` })),
  ];
}

/** "250000.00" → "250000.00"; a stored percentage "10.0000" → "10". */
function plainPercent(p: string | null): string {
  return p === null ? '' : dec(p).toFixed();
}

function quickLink(i: BenefitsPageInput, p: NamedPeriod | null, label: string) {
  return p
    ? { text: `${label}: ${p.text}`, href: benefitsHref(i.consortiumId, { from: p.from, to: p.to }), current: !!i.period && i.period.from === p.from && i.period.to === p.to }
    : null;
}

export function benefitsView(i: BenefitsPageInput) {
  const fieldError = (id: 'from' | 'to') => i.form.errors.find((e) => e.id === id)?.message ?? null;
  const ytd = i.periods.financialYearToDate;
  let table: (BenefitsTableView & { rows: (BenefitsTableView['rows'][number] & { organisationId: string })[] }) | null = null;
  let chart = null;
  if (i.items && i.totals) {
    const t = benefitsTable(i.items, i.totals, i.hostOrganisationId);
    table = { ...t, rows: t.rows.map((r, n) => ({ ...r, organisationId: i.items![n].organisationId })) };
    // one member's own figures: no total row, and the summary speaks of the member, not "the members"
    if (!i.seesWholeConsortium) table = { ...table, total: null as never, summary: table.summary.map((x) => x.replace('Together the members saved', 'Your organisation saved')) };
    chart = i.items.length
      ? ReportTemplates.trusted(
          barVsLineChart({
            title: `Actual against planned savings by member – ${i.consortiumName}`,
            months: i.items.map((m) => ({ label: m.organisationName, charge: m.savings, baseline: m.plannedSavings })),
            barLabel: 'Actual savings',
            lineLabel: 'Planned savings',
            joinBaseline: false,
            height: 260,
          }),
        )
      : null;
  }

  const planRows = [...i.plan]
    .sort((a, b) => a.organisationName.localeCompare(b.organisationName) || a.financialYear.localeCompare(b.financialYear))
    .map((r) => ({
      organisationId: r.organisationId,
      name: `${r.organisationName}${r.organisationId === i.hostOrganisationId ? ' (host)' : ''}`,
      financialYear: r.financialYear,
      planned: formatGbp(r.plannedSavings),
      guaranteed: r.guaranteedPercent === null ? 'None' : `${plainPercent(r.guaranteedPercent)}%`,
    }));

  const edit = i.runsConsortium
    ? {
        action: `/consortium/${i.consortiumId}/benefits`,
        pickAction: `/consortium/${i.consortiumId}/benefits`,
        year: i.editYear,
        yearError: i.posted?.errors['financial-year'] ?? null,
        years: i.years.map((y) => ({ value: y, text: y, selected: y === i.editYear })),
        rows: i.members.map((m, n) => {
          const stored = i.plan.find((r) => r.organisationId === m.organisationId && r.financialYear === i.editYear);
          const typed = i.posted?.values[m.organisationId];
          return {
            n,
            organisationId: m.organisationId,
            name: `${m.organisationName}${m.isHost ? ' (host)' : ''}`,
            plannedId: plannedId(n),
            guaranteedId: guaranteedId(n),
            planned: typed ? typed.planned : (stored?.plannedSavings ?? ''),
            guaranteed: typed ? typed.guaranteed : plainPercent(stored?.guaranteedPercent ?? null),
            plannedError: i.posted?.errors[plannedId(n)] ?? null,
            guaranteedError: i.posted?.errors[guaranteedId(n)] ?? null,
          };
        }),
      }
    : null;

  return {
    consortiumName: i.consortiumName,
    periodText: i.period ? formatMonthRange(i.period.from, i.period.to) : null,
    quickLinks: {
      quarter: quickLink(i, i.periods.lastClosedQuarter, 'Last closed quarter'),
      yearToDate: ytd ? quickLink(i, ytd, `Financial year ${ytd.financialYear} to date`) : null,
    },
    form: {
      action: `/consortium/${i.consortiumId}/benefits`,
      from: { options: i.choices.map((c) => ({ ...c, selected: c.value === i.form.from })), error: fieldError('from') },
      to: { options: i.choices.map((c) => ({ ...c, selected: c.value === i.form.to })), error: fieldError('to') },
    },
    benefits: table,
    unavailable: i.unavailable,
    seesWholeConsortium: i.seesWholeConsortium,
    chart,
    plan: planRows,
    hasPlan: planRows.length > 0,
    edit,
    saved: i.saved ? { heading: `The benefits plan for ${i.saved.financialYear} was saved`, body: `${i.saved.count} member${i.saved.count === 1 ? '' : 's'} updated.` } : null,
  };
}
