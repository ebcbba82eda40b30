/**
 * Closing a month (issue 15, the host's pages): the closed months and the next one to close, the
 * preview of every member's figures for the month exactly as the close would issue them (the API's
 * `GET …/months/:month/preview`), the confirmation, and the statements issued with their hashes. Pure.
 */
import { cmp } from '../../common/months';
import type { ClosedMonthList, ClosedMonthView, IssuedStatementBodyView, MonthPreviewView } from '../../statements/dto';
import { formatGbp, formatMonthLong } from '../../reports/view/format';
import { formatLondonDate } from './statements.view';

export interface MemberName {
  organisationId: string;
  organisationName: string;
}

/** The lines of a member's month, in the order of a statement; the host's own lines are shown for the host only. */
export const MONTH_LINES: { key: keyof IssuedStatementBodyView; label: string; hostOnly?: boolean }[] = [
  { key: 'operating', label: 'Operating costs' },
  { key: 'fee', label: 'Management fee' },
  { key: 'investment', label: 'Investment' },
  { key: 'sharedRisk', label: 'Shared risk' },
  { key: 'attributedRisk', label: 'Risk borne alone' },
  { key: 'credits', label: 'Service credits' },
  { key: 'charge', label: 'Charge' },
  { key: 'baseline', label: 'Baseline (in-house cost)' },
  { key: 'savings', label: 'Savings' },
  { key: 'feeIncome', label: 'Management fee income (host)', hostOnly: true },
  { key: 'creditsFunded', label: 'Service credits funded (host)', hostOnly: true },
  { key: 'income', label: 'Income (host)', hostOnly: true },
  { key: 'costs', label: 'Costs (host)', hostOnly: true },
  { key: 'margin', label: 'Margin (host)', hostOnly: true },
];

export const monthsHref = (consortiumId: string, month?: string, rest = '') => `/consortium/${consortiumId}/months${month ? `/${month}${rest}` : ''}`;

/** "£1,234.50" for a money string, "–" when the statement has no such line. */
const money = (v: unknown) => (typeof v === 'string' ? formatGbp(v) : '\u2013');

/**
 * The month's figures as a table: one column per member (named, never by id), one row per line;
 * the host's own lines only when some statement has them. Each cell carries its organisation and
 * line, and each member's content hash is listed below.
 */
export function monthFigures(items: { organisationId: string; contentHash: string; statement: IssuedStatementBodyView }[], names: readonly MemberName[]) {
  const name = new Map(names.map((n) => [n.organisationId, n.organisationName]));
  const columns = items.map((i) => ({ organisationId: i.organisationId, name: name.get(i.organisationId) ?? 'A former member' }));
  const rows = MONTH_LINES.filter((l) => !l.hostOnly || items.some((i) => typeof i.statement[l.key] === 'string')).map((l) => ({
    key: l.key,
    label: l.label,
    total: l.key === 'charge',
    cells: items.map((i) => ({ organisationId: i.organisationId, value: money(i.statement[l.key]) })),
  }));
  const hashes = items.map((i) => ({ organisationId: i.organisationId, name: name.get(i.organisationId) ?? 'A former member', hash: i.contentHash }));
  return { columns, rows, hashes, empty: items.length === 0 };
}

export interface MonthsPageInput {
  consortiumId: string;
  months: ClosedMonthList;
  /** This month (UTC): a month closes once it has ended. */
  thisMonth: string;
}

export function monthsPageView(i: MonthsPageInput) {
  const next = i.months.nextToClose;
  const ended = cmp(next, i.thisMonth) < 0;
  return {
    closed: [...i.months.items].reverse().map((m) => ({
      month: m.month,
      text: formatMonthLong(m.month),
      closedOn: formatLondonDate(m.closedAt),
      href: monthsHref(i.consortiumId, m.month),
    })),
    hasClosed: i.months.items.length > 0,
    next: { month: next, text: formatMonthLong(next), ended, previewHref: monthsHref(i.consortiumId, next, '/preview') },
  };
}

export interface PreviewPageInput {
  consortiumId: string;
  preview: MonthPreviewView;
  names: readonly MemberName[];
  /** The close was refused because the figures changed since the preview the user saw. */
  changed: boolean;
}

export function previewPageView(i: PreviewPageInput) {
  const month = formatMonthLong(i.preview.month);
  return {
    month: i.preview.month,
    monthText: month,
    figures: monthFigures(i.preview.items, i.names),
    changed: i.changed,
    confirmHref: `${monthsHref(i.consortiumId, i.preview.month, '/close')}?${new URLSearchParams({ previewToken: i.preview.previewToken }).toString()}`,
    backHref: monthsHref(i.consortiumId),
  };
}

/** The confirmation: what will be closed, and the preview it closes (its token). */
export function confirmPageView(i: { consortiumId: string; month: string; previewToken: string; note: string; noteError: string | null }) {
  return {
    month: i.month,
    monthText: formatMonthLong(i.month),
    action: monthsHref(i.consortiumId, i.month, '/close'),
    previewToken: i.previewToken,
    previewHref: monthsHref(i.consortiumId, i.month, '/preview'),
    note: i.note,
    noteError: i.noteError,
  };
}

/** A preview token as the close takes it (64 hex characters), or null. */
export function readPreviewToken(v: unknown): string | null {
  return typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? v : null;
}

/** The optional note of the close (recorded in the audit log): trimmed; too long is an error. */
export function readCloseNote(v: unknown): { note: string; error: string | null } {
  const note = typeof v === 'string' ? v.trim() : '';
  return { note, error: note.length > 500 ? 'The note must be 500 characters or fewer' : null };
}

export function issuedPageView(i: { consortiumId: string; closed: ClosedMonthView; names: readonly MemberName[]; justClosed: boolean }) {
  return {
    month: i.closed.month,
    monthText: formatMonthLong(i.closed.month),
    closedOn: formatLondonDate(i.closed.closedAt),
    figures: monthFigures(i.closed.items, i.names),
    confirmation: i.justClosed
      ? {
          heading: `${formatMonthLong(i.closed.month)} is closed`,
          body: `${i.closed.items.length} statement${i.closed.items.length === 1 ? ' was' : 's were'} issued.`,
        }
      : null,
    backHref: monthsHref(i.consortiumId),
  };
}
