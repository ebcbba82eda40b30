/**
 * The statements page: a member's statement for a period (the API's `GET …/statements/:organisationId`),
 * built with the statement PDF's own view model (so page and PDF agree to the penny), the form that
 * picks the period (and, for the partnership board and the host, the member), and the statements
 * issued at month close with their content hashes. Pure.
 */
import type Handlebars from 'handlebars';
import type { IssuedStatementView, StatementView } from '../../statements/dto';
import { serviceLineTable } from '../../reports/view/money-rows';
import { buildStatementView } from '../../reports/view/statement.view';
import { formatDateLong, formatGbp, formatMonthLong, formatMonthRange, formatPercent } from '../../reports/view/format';
import { cmp } from '../../common/months';
import type { FieldErrorLink } from '../web-pages';
import type { NamedPeriod, Period, PeriodField, StatementPeriods } from './periods';

export interface StatementMember {
  organisationId: string;
  organisationName: string;
  isHost: boolean;
}

export interface IssuedMonth {
  month: string;
  /** The statement issued for the member that month, or null (not a member then). */
  item: Pick<IssuedStatementView, 'contentHash' | 'issuedAt'> | null;
}

export interface StatementsPageInput {
  consortiumId: string;
  consortiumName: string;
  deliveryModel: string;
  hostOrganisationId: string;
  /** May pick any member (the partnership board and the host). */
  picksMember: boolean;
  members: StatementMember[];
  organisationId: string;
  /** The caller's organisation (null for a platform administrator). */
  ownOrganisationId: string | null;
  periods: StatementPeriods;
  choices: { value: string; text: string }[];
  form: { from: string; to: string; errors: PeriodField[] };
  /** The period shown (null when the form has errors). */
  period: Period | null;
  statement: StatementView | null;
  closedMonths: string[];
  issued: IssuedMonth[];
  at: Date;
  /**
   * Optional: keeps the statement part of the view by its inputs (the statement, its period, names and
   * closed months; never who asks), so a page read again for the same figures is not formatted again.
   * The part is a pure function of those inputs, so a kept one is the one that would be built.
   */
  memo?: { getByText(key: string, build: () => StatementPart): StatementPart };
}

export type StatementPart = ReturnType<typeof statementPart>;

/** Built once (constructing an Intl.DateTimeFormat costs far more than using one). */
const LONDON_YMD = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** A date in UK local time, "3 July 2025". */
export function formatLondonDate(at: Date | string): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  const ymd = LONDON_YMD.format(d);
  return formatDateLong(ymd);
}

export function statementsHref(consortiumId: string, q: { from?: string; to?: string; organisationId?: string | null }): string {
  const params = new URLSearchParams();
  if (q.from) params.set('from', q.from);
  if (q.to) params.set('to', q.to);
  if (q.organisationId) params.set('organisationId', q.organisationId);
  const s = params.toString();
  return `/consortium/${consortiumId}/statements${s ? `?${s}` : ''}`;
}

export function statementPdfHref(consortiumId: string, organisationId: string, p: Period): string {
  return `/consortium/${consortiumId}/statements/statement.pdf?${new URLSearchParams({ organisationId, from: p.from, to: p.to }).toString()}`;
}

/** Form errors for the error summary, each linked to its field. */
export function periodErrorLinks(errors: PeriodField[]): FieldErrorLink[] {
  return errors.map((e) => ({ text: e.message, href: `#${e.id}` }));
}

/** Members once each (a member that left and rejoined has several periods), host first, then by name. */
export function uniqueMembers(members: StatementMember[]): StatementMember[] {
  const byId = new Map<string, StatementMember>();
  for (const m of members) if (!byId.has(m.organisationId)) byId.set(m.organisationId, m);
  return [...byId.values()].sort((a, b) => (a.isHost !== b.isHost ? (a.isHost ? -1 : 1) : a.organisationName.localeCompare(b.organisationName)));
}

export function statementsView(i: StatementsPageInput) {
  const member = i.members.find((m) => m.organisationId === i.organisationId);
  const orgName = i.statement?.organisationName || member?.organisationName || (i.organisationId === i.ownOrganisationId ? 'your organisation' : 'this member');
  const own = i.organisationId === i.ownOrganisationId;
  const keepOrg = i.picksMember && !own ? i.organisationId : null;
  const fieldError = (id: 'from' | 'to') => i.form.errors.find((e) => e.id === id)?.message ?? null;
  const quick = (p: NamedPeriod | null, label: string) =>
    p
      ? {
          text: `${label}: ${p.text}`,
          href: statementsHref(i.consortiumId, { from: p.from, to: p.to, organisationId: keepOrg }),
          current: !!i.period && i.period.from === p.from && i.period.to === p.to,
        }
      : null;

  return {
    organisationName: orgName,
    own,
    periodText: i.period ? formatMonthRange(i.period.from, i.period.to) : null,
    quickLinks: {
      quarter: quick(i.periods.lastClosedQuarter, 'Last closed quarter'),
      yearToDate: i.periods.financialYearToDate ? quick(i.periods.financialYearToDate, `Financial year ${i.periods.financialYearToDate.financialYear} to date`) : null,
      noneClosed: i.periods.lastClosedQuarter
        ? null
        : i.periods.financialYearToDate
          ? `No financial quarter has been closed yet, so the statement opens on ${i.periods.default.text}.`
          : `No month has been closed yet, so there is no last closed quarter and no financial year to date. The statement opens on ${i.periods.default.text}, worked out from the ledger as it stands.`,
    },
    form: {
      action: `/consortium/${i.consortiumId}/statements`,
      from: { options: i.choices.map((c) => ({ ...c, selected: c.value === i.form.from })), error: fieldError('from') },
      to: { options: i.choices.map((c) => ({ ...c, selected: c.value === i.form.to })), error: fieldError('to') },
      member: i.picksMember
        ? {
            options: uniqueMembers(i.members).map((m) => ({
              value: m.organisationId,
              text: `${m.organisationName}${m.isHost ? ' (host)' : ''}${m.organisationId === i.ownOrganisationId ? ' (your organisation)' : ''}`,
              selected: m.organisationId === i.organisationId,
            })),
          }
        : null,
    },
    statement: i.statement && i.period ? memoisedStatementPart(i, i.statement, i.period, orgName) : null,
    issued: i.period ? issuedPart(i, i.period, orgName) : null,
  };
}

function memoisedStatementPart(i: StatementsPageInput, s: StatementView, period: Period, orgName: string): StatementPart {
  if (!i.memo) return statementPart(i, s, period, orgName);
  // everything statementPart reads (the generation time only reaches the PDF's frame, not this part)
  const key = JSON.stringify([i.consortiumId, i.consortiumName, i.deliveryModel, i.organisationId, i.hostOrganisationId, i.closedMonths, period, orgName, s]);
  return i.memo.getByText(key, () => statementPart(i, s, period, orgName));
}

function statementPart(i: StatementsPageInput, s: StatementView, period: Period, orgName: string) {
  const names = new Map(s.serviceLines.map((l) => [l.serviceLineId, l.serviceLineName]));
  const v = buildStatementView({
    consortiumName: i.consortiumName,
    deliveryModel: i.deliveryModel,
    organisationName: orgName,
    isHost: i.organisationId === i.hostOrganisationId,
    statement: s,
    serviceLineName: (id) => names.get(id) ?? id,
    exit: { unavailable: '' },
    at: i.at,
  });
  const closed = new Set(i.closedMonths);
  const open = (s.months ?? []).map((m) => m.month).filter((m) => !closed.has(m));
  // the PDF's service-line table (the same function), with each line's code kept beside its cells
  const table = serviceLineTable(s.serviceLines, s.baseline, 'the statement’s baseline, computed exactly and rounded once');
  return {
    organisationName: orgName,
    periodText: formatMonthRange(period.from, period.to),
    /** The part as markup (templates/web/partials/statement-figures.hbs), set by the page that renders it. */
    html: null as Handlebars.SafeString | null,
    summary: v.frame.summary,
    figures: [
      { key: 'Charge for the period', value: formatGbp(s.charge), figure: 'charge' },
      { key: 'Baseline', value: formatGbp(s.baseline), figure: 'baseline', hint: 'what running the same services alone would have cost' },
      { key: s.savings.startsWith('-') ? 'Extra cost against baseline' : 'Savings', value: formatGbp(s.savings), figure: 'savings' },
      { key: 'Savings as a percentage of baseline', value: s.savingsPercent === null ? 'No baseline recorded' : formatPercent(s.savingsPercent, 2), figure: 'savingsPercent' },
      // against the benefits plan (domain.md §16)
      {
        key: 'Planned savings',
        value: formatGbp(s.plannedSavings),
        figure: 'plannedSavings',
        hint: 'the benefits plan’s saving for each financial year, pro rata for the months of membership',
      },
      {
        key: s.savingsGap.startsWith('-') ? 'Behind plan by' : 'Ahead of plan by',
        value: formatGbp(s.savingsGap),
        figure: 'savingsGap',
        hint: 'actual less planned savings',
      },
      ...(s.guaranteed !== null
        ? [
            { key: 'Guaranteed savings', value: formatGbp(s.guaranteed), figure: 'guaranteed', hint: 'the guaranteed percentage of the baseline' },
            { key: 'Shortfall against the guarantee', value: formatGbp(s.shortfall ?? '0.00'), figure: 'shortfall', hint: 'how far actual savings fall short of the guarantee' },
          ]
        : []),
    ].map((f) => ({ hint: null, ...f })),
    lines: v.lines.map((r) => ({ label: r.label, note: r.note || null, amount: r.amount })),
    total: v.total.amount,
    hostLines: v.hostLines.map((r) => ({ label: r.label, note: r.note || null, amount: r.amount })),
    hasHostLines: v.hasHostLines,
    serviceLines: table.rows.map(({ line, cells }) => ({ name: `${line.serviceLineName} (${line.code})`, code: line.code, ...cells })),
    serviceLineTotal: v.serviceLineTotal,
    serviceLinesNote:
      `${v.serviceLinesOmitted ? `${v.serviceLinesOmitted} service line${v.serviceLinesOmitted === 1 ? '' : 's'} with no charge and no baseline in the period ${v.serviceLinesOmitted === 1 ? 'is' : 'are'} not listed.` : ''}${v.baselineRoundingNote}`.trim() ||
      null,
    chart: v.chart,
    months: v.months,
    hasMonths: v.hasMonths,
    openMonths: open.length
      ? `${listMonths(open)} ${open.length === 1 ? 'is' : 'are'} not closed yet: ${open.length === 1 ? 'its figures are' : 'their figures are'} worked out from the ledger as it stands and may still change.`
      : null,
    pdf: { href: statementPdfHref(i.consortiumId, i.organisationId, period), text: `Download the statement for ${orgName}, ${formatMonthRange(period.from, period.to)} (PDF)` },
  };
}

function listMonths(months: string[]): string {
  return months.length <= 2 ? months.map(formatMonthLong).join(' and ') : `${formatMonthLong(months[0])} to ${formatMonthLong(months[months.length - 1])}`;
}

function issuedPart(i: StatementsPageInput, period: Period, orgName: string) {
  const inPeriod = i.issued.filter((x) => cmp(x.month, period.from) >= 0 && cmp(x.month, period.to) <= 0);
  const rows = inPeriod
    .filter((x) => x.item)
    .map((x) => ({ month: formatMonthLong(x.month), issuedOn: formatLondonDate(x.item!.issuedAt), hash: x.item!.contentHash, monthValue: x.month }));
  return {
    rows,
    none: rows.length
      ? null
      : `No statement for ${orgName} has been issued for ${formatMonthRange(period.from, period.to)}: a month's statements are issued when the host closes the month.`,
  };
}
