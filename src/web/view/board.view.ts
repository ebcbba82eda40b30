/**
 * The partnership board page: the consolidated statement for a period (the API's
 * `GET …/statements/consolidated`, built with the consolidated PDF's own view model so page and PDF
 * agree to the penny) and consortium-wide performance: every member's scorecard summary for the
 * latest measured month (the API's `GET …/performance?month=`), counted per member, with the
 * member's overall status as a tag in words. Pure.
 */
import { buildConsolidatedView, type ConsolidatedInput } from '../../reports/view/consolidated.view';
import { formatGbp, formatMonthLong, formatMonthRange, formatPercent, formatReduction } from '../../reports/view/format';
import type { FieldErrorLink } from '../web-pages';
import { CRITICAL_TAG, STATUS_TAGS, type Tag } from './performance.view';
import type { NamedPeriod, Period, PeriodField, StatementPeriods } from './periods';
import type { StatementMember } from './statements.view';
import { uniqueMembers } from './statements.view';

export interface BoardPerformanceItem {
  organisationId: string;
  organisationName?: string;
  status: string | null;
  critical: boolean;
}

export interface BoardPageInput {
  consortiumId: string;
  consortiumName: string;
  deliveryModel: string;
  hostOrganisationId: string;
  /** The caller's organisation (null for a platform administrator). */
  ownOrganisationId: string | null;
  members: StatementMember[];
  /** ODS codes by organisation id (the chart's short labels, as in the PDF). */
  odsCodes: ReadonlyMap<string, string | null>;
  periods: StatementPeriods;
  choices: { value: string; text: string }[];
  form: { from: string; to: string; errors: PeriodField[] };
  /** The period shown (null when the form has errors). */
  period: Period | null;
  consolidated: ConsolidatedInput | null;
  performance: { month: string; items: BoardPerformanceItem[] };
  at: Date;
}

export function boardHref(consortiumId: string, p?: Period): string {
  return `/consortium/${consortiumId}/board${p ? `?${new URLSearchParams({ from: p.from, to: p.to }).toString()}` : ''}`;
}

/** The board pack (consolidated statement, benefits against plan, performance, decisions) for a period. */
export function boardPackPdfHref(consortiumId: string, p: Period): string {
  return `/consortium/${consortiumId}/reports/board-pack.pdf?${new URLSearchParams({ from: p.from, to: p.to }).toString()}`;
}

export function consolidatedPdfHref(consortiumId: string, p: Period): string {
  return `/consortium/${consortiumId}/reports/consolidated.pdf?${new URLSearchParams({ from: p.from, to: p.to }).toString()}`;
}

/** Form errors for the error summary, each linked to its field. */
export function boardErrorLinks(errors: PeriodField[]): FieldErrorLink[] {
  return errors.map((e) => ({ text: e.message, href: `#${e.id}` }));
}

export interface MemberScorecard {
  organisationId: string;
  name: string;
  met: number;
  atRisk: number;
  breached: number;
  missing: number;
  pending: number;
  critical: number;
  targets: number;
}

/** Each member's scorecard counted from the month's rows (members without targets too, with 0), host first then by name. */
export function memberScorecards(members: StatementMember[], items: BoardPerformanceItem[], hostOrganisationId: string): MemberScorecard[] {
  const list = uniqueMembers(members.map((m) => ({ ...m, isHost: m.isHost || m.organisationId === hostOrganisationId })));
  const byId = new Map<string, MemberScorecard>();
  const card = (id: string, name: string) => {
    let c = byId.get(id);
    if (!c) byId.set(id, (c = { organisationId: id, name, met: 0, atRisk: 0, breached: 0, missing: 0, pending: 0, critical: 0, targets: 0 }));
    return c;
  };
  for (const m of list) card(m.organisationId, m.organisationName);
  for (const i of items) {
    const c = card(i.organisationId, i.organisationName ?? '');
    c.targets++;
    if (i.status === 'met') c.met++;
    else if (i.status === 'at_risk') c.atRisk++;
    else if (i.status === 'breached') c.breached++;
    else if (i.status === 'missing') c.missing++;
    else c.pending++;
    if (i.critical) c.critical++;
  }
  return [...byId.values()];
}

/** A member's month in one tag: the worst of its targets (critical, then breached or missing, at risk, met). */
export function overallTag(c: MemberScorecard): Tag | null {
  if (c.targets === 0) return null;
  if (c.critical) return CRITICAL_TAG;
  if (c.breached) return STATUS_TAGS.breached;
  if (c.missing) return STATUS_TAGS.missing;
  if (c.atRisk) return STATUS_TAGS.at_risk;
  if (c.met) return STATUS_TAGS.met;
  return STATUS_TAGS.pending;
}

function quickLink(consortiumId: string, p: NamedPeriod | null, label: string, shown: Period | null) {
  return p ? { text: `${label}: ${p.text}`, href: boardHref(consortiumId, p), current: !!shown && shown.from === p.from && shown.to === p.to } : null;
}

export function boardView(i: BoardPageInput) {
  const fieldError = (id: 'from' | 'to') => i.form.errors.find((e) => e.id === id)?.message ?? null;
  const ytd = i.periods.financialYearToDate;
  const quickLinks = {
    quarter: quickLink(i.consortiumId, i.periods.lastClosedQuarter, 'Last closed quarter', i.period),
    yearToDate: ytd ? quickLink(i.consortiumId, ytd, `Financial year ${ytd.financialYear} to date`, i.period) : null,
    noneClosed: i.periods.lastClosedQuarter
      ? null
      : `No financial quarter has been closed yet, so the consolidated statement opens on ${i.periods.default.text}, worked out from the ledger as it stands.`,
  };

  // ---- performance: one row per member
  const monthText = formatMonthLong(i.performance.month);
  const cards = memberScorecards(i.members, i.performance.items, i.hostOrganisationId);
  const performanceHref = `/consortium/${i.consortiumId}/performance?month=${i.performance.month}`;
  const performance = {
    monthText,
    href: performanceHref,
    pdfHref: `/consortium/${i.consortiumId}/reports/performance.pdf?month=${i.performance.month}`,
    rows: cards.map((c) => ({
      organisationId: c.organisationId,
      name: `${c.name}${c.organisationId === i.hostOrganisationId ? ' (host)' : ''}${c.organisationId === i.ownOrganisationId ? ' (your organisation)' : ''}`,
      met: String(c.met),
      atRisk: String(c.atRisk),
      breached: String(c.breached),
      missing: String(c.missing),
      pending: String(c.pending),
      critical: String(c.critical),
      tag: overallTag(c),
      noTargets: c.targets === 0 ? 'No targets applied' : null,
    })),
    total: (() => {
      const sum = (k: keyof Omit<MemberScorecard, 'organisationId' | 'name'>) => String(cards.reduce((t, c) => t + c[k], 0));
      return { met: sum('met'), atRisk: sum('atRisk'), breached: sum('breached'), missing: sum('missing'), pending: sum('pending'), critical: sum('critical') };
    })(),
    hasTargets: i.performance.items.length > 0,
    attention: (() => {
      const critical = cards.filter((c) => c.critical > 0).map((c) => c.name);
      const failing = cards.filter((c) => c.critical === 0 && c.breached + c.missing > 0).map((c) => c.name);
      const out: string[] = [];
      if (critical.length) out.push(`Persistent failures (breached or missing for three or more periods in a row) for ${critical.join(', ')}: for the board's attention.`);
      if (failing.length) out.push(`Targets breached or missing in ${monthText} for ${failing.join(', ')}.`);
      if (!out.length && i.performance.items.length) out.push(`No target was breached or missing in ${monthText}.`);
      return out;
    })(),
  };

  return {
    consortiumName: i.consortiumName,
    periodText: i.period ? formatMonthRange(i.period.from, i.period.to) : null,
    quickLinks,
    form: {
      action: `/consortium/${i.consortiumId}/board`,
      from: { options: i.choices.map((c) => ({ ...c, selected: c.value === i.form.from })), error: fieldError('from') },
      to: { options: i.choices.map((c) => ({ ...c, selected: c.value === i.form.to })), error: fieldError('to') },
    },
    consolidated: i.consolidated && i.period ? consolidatedPart(i, i.consolidated, i.period) : null,
    performance,
  };
}

function consolidatedPart(i: BoardPageInput, c: ConsolidatedInput, period: Period) {
  const v = buildConsolidatedView({
    consortiumName: i.consortiumName,
    deliveryModel: i.deliveryModel,
    hostOrganisationId: i.hostOrganisationId,
    consolidated: c,
    shortLabel: (id) => i.odsCodes.get(id) ?? null,
    at: i.at,
  });
  const t = c.totals;
  return {
    summary: v.frame.summary,
    figures: [
      { key: 'Total charge', value: formatGbp(t.charge), figure: 'charge', hint: `to ${c.items.length} member${c.items.length === 1 ? '' : 's'}` },
      { key: 'Combined baseline', value: formatGbp(t.baseline), figure: 'baseline', hint: 'what the members would have spent running the same services alone' },
      { key: t.savings.startsWith('-') ? 'Extra cost against baseline' : 'Savings', value: formatGbp(t.savings), figure: 'savings', hint: null },
      {
        key: 'Savings as a percentage of baseline',
        value: t.savingsPercent === null ? 'No baseline recorded' : formatPercent(t.savingsPercent, 2),
        figure: 'savingsPercent',
        hint: null,
      },
      { key: 'Service credits', value: formatReduction(t.credits), figure: 'credits', hint: 'reductions for missed service levels' },
    ],
    lines: v.lines.map((r) => ({ label: r.label, note: r.note || null, amount: r.amount })),
    total: v.total.amount,
    members: c.items.map((m, n) => ({ organisationId: m.organisationId, ...v.members[n] })),
    memberTotal: v.memberTotal,
    serviceLines: v.serviceLines.map((l) => ({ ...l, name: `${l.name} (${l.code})` })),
    serviceLineTotal: v.serviceLineTotal,
    serviceLinesNote:
      `${v.serviceLinesOmitted ? `${v.serviceLinesOmitted} service line${v.serviceLinesOmitted === 1 ? '' : 's'} with no charge and no baseline in the period ${v.serviceLinesOmitted === 1 ? 'is' : 'are'} not listed.` : ''} ${v.baselineRoundingNote}`.trim() ||
      null,
    chart: v.chart,
    pdfHref: consolidatedPdfHref(i.consortiumId, period),
    boardPackHref: boardPackPdfHref(i.consortiumId, period),
    // against the benefits plan (domain.md §16): the consolidated PDF's own table, row by row
    benefits: v.benefits
      ? {
          summary: v.benefits.summary,
          rows: c.items.map((m, n) => ({ organisationId: m.organisationId, ...v.benefits!.rows[n] })),
          total: v.benefits.total,
        }
      : null,
  };
}
