/**
 * The host's activity and baselines page (issue 15): each as an editable table (one row per member,
 * one column per service line; an input per cell the member receives, labelled, its error linked
 * from the error summary) and as a CSV upload (every bad row listed with its row, column and
 * problem; nothing written), each with a CSV template. The requests are the API's
 * `PUT …/activity` and `PUT …/baselines`. Pure.
 */
import type { FieldError } from '../../common/errors/domain-error';
import { D, isMoneyString } from '../../common/money';
import { cmp, firstDay, isMonth, lastDay } from '../../common/months';
import type { ActivityView, BaselineView } from '../../ledger/dto';
import { formatMonthLong } from '../../reports/view/format';
import type { FieldErrorLink } from '../web-pages';

export const ACTIVITY_HEADER = ['serviceLine', 'organisation', 'month', 'volume'] as const;
export const BASELINE_HEADER = ['serviceLine', 'organisation', 'annualAmount', 'effectiveFrom'] as const;
export type Kind = 'activity' | 'baselines';

export interface Line {
  id: string;
  code: string;
  name: string;
  /** null: every member receives it. */
  recipientIds: string[] | null;
}
export interface Member {
  organisationId: string;
  organisationName: string;
  odsCode: string | null;
  joinedOn: string;
  leftOn: string | null;
}
export interface ActivityItem {
  serviceLineId: string;
  organisationId: string;
  month: string;
  volume: string;
}
export interface BaselineItem {
  serviceLineId: string;
  organisationId: string;
  annualAmount: string;
  effectiveFrom: string;
}

const QUANTITY = /^\d{1,12}(\.\d{1,2})?$/;
const receives = (l: Line, organisationId: string) => l.recipientIds === null || l.recipientIds.includes(organisationId);
const inMonth = (m: Member, month: string) => m.joinedOn <= lastDay(month) && (m.leftOn === null || m.leftOn >= firstDay(month));
export const cellId = (kind: Kind, lineId: string, organisationId: string) => `${kind === 'activity' ? 'volume' : 'baseline'}-${lineId}-${organisationId}`;
export const cellName = (lineId: string, organisationId: string) => `cell.${lineId}.${organisationId}`;

/** One organisation per id (a member may have several periods), the latest period, in the members' order. */
export function distinctMembers(members: readonly Member[]): Member[] {
  const out = new Map<string, Member>();
  for (const m of members) {
    const seen = out.get(m.organisationId);
    if (!seen || seen.joinedOn < m.joinedOn) out.set(m.organisationId, m);
  }
  return [...out.values()];
}

/** Normalises a volume ("1,200" → "1200") or null when it is not a non-negative number with at most two decimals. */
export function parseVolume(s: string): string | null {
  const v = s.replace(/[,\s]/g, '');
  return QUANTITY.test(v) ? v : null;
}
/** Normalises an annual amount ("£1,200.5" → "1200.50") or null. */
export function parseAnnual(s: string): string | null {
  const v = s.replace(/[£,\s]/g, '');
  if (!isMoneyString(v) || v.startsWith('-')) return null;
  const [i, f = ''] = v.split('.');
  return `${i}.${f.padEnd(2, '0')}`;
}

/** Equal as exact decimals ("6000.00" and "6000"). */
const same = (a: string | undefined, b: string) => a !== undefined && new D(a).eq(new D(b));

export type CellErrors = Record<string, string>;

/**
 * The cells posted for a table, checked; the items to write are the cells that differ from the
 * value now (`current`, by `lineId/organisationId`). An empty cell is left as it is.
 */
export function readTable(
  kind: Kind,
  body: Record<string, unknown>,
  o: { lines: readonly Line[]; members: readonly Member[]; current: Map<string, string> },
): { values: Record<string, string>; errors: CellErrors; changed: { serviceLineId: string; organisationId: string; value: string; id: string }[] } {
  const values: Record<string, string> = {};
  const errors: CellErrors = {};
  const changed: { serviceLineId: string; organisationId: string; value: string; id: string }[] = [];
  for (const m of o.members) {
    for (const l of o.lines) {
      if (!receives(l, m.organisationId)) continue;
      const raw = body[cellName(l.id, m.organisationId)];
      const text = typeof raw === 'string' ? raw.trim() : '';
      const id = cellId(kind, l.id, m.organisationId);
      values[id] = text;
      if (!text) continue;
      const value = kind === 'activity' ? parseVolume(text) : parseAnnual(text);
      if (value === null) {
        errors[id] =
          kind === 'activity'
            ? `Enter ${m.organisationName}'s ${l.name} volume as a whole number or a number with up to 2 decimals, like 3480`
            : `Enter ${m.organisationName}'s ${l.name} baseline in pounds and pence, like 950000.00`;
        continue;
      }
      if (!same(o.current.get(`${l.id}/${m.organisationId}`), value)) changed.push({ serviceLineId: l.id, organisationId: m.organisationId, value, id });
    }
  }
  return { values, errors, changed };
}

/** The service's errors of a table's request (`items.N.field`) on the cells they name; anything else on `fallback`. */
export function tableErrorsFromService(errors: readonly FieldError[], cellIds: readonly string[], fallback: string): CellErrors {
  const out: CellErrors = {};
  for (const e of errors) {
    const m = /^items\.(\d+)/.exec(e.field);
    const id = m ? cellIds[Number(m[1])] : undefined;
    const message = e.message.charAt(0).toUpperCase() + e.message.slice(1);
    out[id ?? fallback] ??= message;
  }
  return out;
}

export function errorLinks(errors: CellErrors): FieldErrorLink[] {
  return Object.entries(errors).map(([id, text]) => ({ text, href: `#${id}` }));
}

/** One CSV row as an activity item, or its problems (field = the column). */
export function activityRow(
  cells: Record<(typeof ACTIVITY_HEADER)[number], string>,
  o: { lines: readonly Line[]; members: readonly Member[] },
): { item?: ActivityItem; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const line = o.lines.find((l) => l.code === cells.serviceLine);
  if (!cells.serviceLine) errors.push({ field: 'serviceLine', message: 'the service line code is empty' });
  else if (!line) errors.push({ field: 'serviceLine', message: `no service line with code ${cells.serviceLine}` });
  const member = o.members.find((m) => m.odsCode === cells.organisation || m.organisationId === cells.organisation);
  if (!cells.organisation) errors.push({ field: 'organisation', message: 'the organisation is empty: give its ODS code' });
  else if (!member) errors.push({ field: 'organisation', message: `${cells.organisation} is not a member of this partnership` });
  if (!isMonth(cells.month)) errors.push({ field: 'month', message: 'the month must be a year and month, like 2025-07' });
  const volume = parseVolume(cells.volume);
  if (volume === null) errors.push({ field: 'volume', message: 'the volume must be a number of 0 or more with at most 2 decimals' });
  if (errors.length || !line || !member || volume === null) return { errors };
  return { item: { serviceLineId: line.id, organisationId: member.organisationId, month: cells.month, volume }, errors };
}

/** One CSV row as a baseline item (effectiveFrom empty: the member's joining month, as the API), or its problems. */
export function baselineRow(
  cells: Record<(typeof BASELINE_HEADER)[number], string>,
  o: { lines: readonly Line[]; members: readonly Member[] },
): { item?: Omit<BaselineItem, 'effectiveFrom'> & { effectiveFrom?: string }; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const line = o.lines.find((l) => l.code === cells.serviceLine);
  if (!cells.serviceLine) errors.push({ field: 'serviceLine', message: 'the service line code is empty' });
  else if (!line) errors.push({ field: 'serviceLine', message: `no service line with code ${cells.serviceLine}` });
  const member = o.members.find((m) => m.odsCode === cells.organisation || m.organisationId === cells.organisation);
  if (!cells.organisation) errors.push({ field: 'organisation', message: 'the organisation is empty: give its ODS code' });
  else if (!member) errors.push({ field: 'organisation', message: `${cells.organisation} is not a member of this partnership` });
  const amount = parseAnnual(cells.annualAmount);
  if (amount === null) errors.push({ field: 'annualAmount', message: 'the annual amount must be pounds and pence of 0 or more, like 950000.00' });
  if (cells.effectiveFrom && !isMonth(cells.effectiveFrom)) errors.push({ field: 'effectiveFrom', message: 'effectiveFrom must be a year and month, like 2025-07, or empty' });
  if (errors.length || !line || !member || amount === null) return { errors };
  return {
    item: { serviceLineId: line.id, organisationId: member.organisationId, annualAmount: amount, ...(cells.effectiveFrom ? { effectiveFrom: cells.effectiveFrom } : {}) },
    errors,
  };
}

const ITEM_FIELD_COLUMN: Record<string, string> = {
  serviceLineId: 'serviceLine',
  organisationId: 'organisation',
  month: 'month',
  volume: 'volume',
  annualAmount: 'annualAmount',
  effectiveFrom: 'effectiveFrom',
};

/** The service's errors of an import's request (`items.N.field`) as rows of the file (`lines[N]`) and columns. */
export function csvErrorsFromService(errors: readonly FieldError[], lines: readonly number[]): { row: string; column: string; message: string }[] {
  return errors.map((e) => {
    const m = /^items\.(\d+)(?:\.(\w+))?/.exec(e.field);
    const row = m ? lines[Number(m[1])] : e.row;
    return {
      row: row === undefined ? '\u2013' : String(row),
      column: m ? (m[2] ? (ITEM_FIELD_COLUMN[m[2]] ?? m[2]) : 'row') : e.field,
      message: e.message.charAt(0).toUpperCase() + e.message.slice(1),
    };
  });
}

export function csvRows(errors: readonly FieldError[]): { row: string; column: string; message: string }[] {
  return errors.map((e) => ({ row: e.row === undefined ? '\u2013' : String(e.row), column: e.field, message: e.message.charAt(0).toUpperCase() + e.message.slice(1) }));
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csvLine = (cells: readonly string[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** The activity template: the header and a row per member receiving the first line, for `month`. */
export function activityTemplate(lines: readonly Line[], members: readonly Member[], month: string): string {
  const line = lines[0];
  const rows = line ? members.filter((m) => receives(line, m.organisationId) && inMonth(m, month)).map((m) => [line.code, m.odsCode ?? m.organisationId, month, '1000']) : [];
  return csvLine(ACTIVITY_HEADER) + rows.map(csvLine).join('');
}

export function baselineTemplate(lines: readonly Line[], members: readonly Member[], month: string): string {
  const line = lines[0];
  const rows = line ? members.filter((m) => receives(line, m.organisationId)).map((m) => [line.code, m.odsCode ?? m.organisationId, '100000.00', month]) : [];
  return csvLine(BASELINE_HEADER) + rows.map(csvLine).join('');
}

/** The baseline in force in `month` for each member and line: the latest row from on or before it (by `lineId/organisationId`). */
export function baselinesAt(rows: readonly BaselineView[], month: string): Map<string, string> {
  const out = new Map<string, { from: string; amount: string }>();
  for (const r of rows) {
    if (cmp(r.effectiveFrom, month) > 0) continue;
    const k = `${r.serviceLineId}/${r.organisationId}`;
    const seen = out.get(k);
    if (!seen || seen.from < r.effectiveFrom) out.set(k, { from: r.effectiveFrom, amount: r.annualAmount });
  }
  return new Map([...out].map(([k, v]) => [k, v.amount]));
}

export function activityAt(rows: readonly ActivityView[]): Map<string, string> {
  return new Map(rows.map((r) => [`${r.serviceLineId}/${r.organisationId}`, r.volume]));
}

export interface TableState {
  values: Record<string, string>;
  errors: CellErrors;
}

export interface ActivityPageInput {
  consortiumId: string;
  lines: readonly Line[];
  members: readonly Member[];
  openMonths: readonly string[];
  /** The month of the activity table, and the month the baselines table's changes apply from. */
  month: string;
  baselineFrom: string;
  activity: Map<string, string>;
  baselines: Map<string, string>;
  activityState: TableState | null;
  baselineState: TableState | null;
  activityCsv: { errors: { row: string; column: string; message: string }[]; fileError: string | null } | null;
  baselineCsv: { errors: { row: string; column: string; message: string }[]; fileError: string | null } | null;
  saved: { kind: Kind; count: number; month: string } | null;
}

function table(kind: Kind, i: ActivityPageInput, month: string, current: Map<string, string>, state: TableState | null) {
  const members = kind === 'activity' ? i.members.filter((m) => inMonth(m, month)) : i.members;
  return {
    columns: i.lines.map((l) => ({ id: l.id, name: l.name, code: l.code })),
    rows: members.map((m) => ({
      organisationId: m.organisationId,
      name: m.organisationName,
      cells: i.lines.map((l) => {
        const id = cellId(kind, l.id, m.organisationId);
        const received = receives(l, m.organisationId);
        return {
          id,
          name: cellName(l.id, m.organisationId),
          received,
          label: `${kind === 'activity' ? 'Volume' : 'Annual baseline'} of ${l.name} for ${m.organisationName}`,
          value: state?.values[id] ?? current.get(`${l.id}/${m.organisationId}`) ?? '',
          error: state?.errors[id] ?? null,
        };
      }),
    })),
  };
}

export function activityPageView(i: ActivityPageInput) {
  const monthOptions = (selected: string) => i.openMonths.map((m) => ({ value: m, text: formatMonthLong(m), selected: m === selected }));
  const base = `/consortium/${i.consortiumId}/activity`;
  const tableError = (s: TableState | null) => (s ? (Object.entries(s.errors).find(([id]) => id === 'activity-table' || id === 'baseline-table')?.[1] ?? null) : null);
  return {
    saved: i.saved
      ? {
          heading: i.saved.kind === 'activity' ? 'Activity saved' : 'Baselines saved',
          body:
            i.saved.kind === 'activity'
              ? `${i.saved.count} ${i.saved.count === 1 ? 'volume was' : 'volumes were'} saved for ${formatMonthLong(i.saved.month)}.`
              : `${i.saved.count} ${i.saved.count === 1 ? 'baseline was' : 'baselines were'} saved.`,
        }
      : null,
    month: i.month,
    monthText: formatMonthLong(i.month),
    hasOpenMonths: i.openMonths.length > 0,
    activity: {
      pickAction: base,
      action: base,
      monthOptions: monthOptions(i.month),
      table: table('activity', i, i.month, i.activity, i.activityState),
      tableError: tableError(i.activityState),
      importAction: `${base}/import`,
      templateHref: `${base}/template.csv?month=${i.month}`,
      csvErrors: i.activityCsv?.errors ?? [],
      hasCsvErrors: (i.activityCsv?.errors.length ?? 0) > 0,
      fileError: i.activityCsv?.fileError ?? null,
    },
    baselines: {
      action: `${base}/baselines`,
      monthOptions: monthOptions(i.baselineFrom),
      table: table('baselines', i, i.baselineFrom, i.baselines, i.baselineState),
      tableError: tableError(i.baselineState),
      importAction: `${base}/baselines/import`,
      templateHref: `${base}/baselines-template.csv?month=${i.baselineFrom}`,
      csvErrors: i.baselineCsv?.errors ?? [],
      hasCsvErrors: (i.baselineCsv?.errors.length ?? 0) > 0,
      fileError: i.baselineCsv?.fileError ?? null,
    },
  };
}

/** The file field's message for an import refused row by row. */
export function csvSummary(rows: readonly { row: string }[]): string {
  const n = new Set(rows.map((r) => r.row)).size;
  return `${n === 1 ? '1 row has' : `${n} rows have`} problems, so nothing was saved: correct the rows listed and upload the file again`;
}
