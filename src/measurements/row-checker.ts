/**
 * Checks one measurement row against the consortium's data, for the JSON batch and the CSV import
 * alike. Pure apart from the context it is given (loaded once per request).
 */
import { overlaps, type Period } from '../common/membership-periods';
import { dec, isDecimalString } from '../common/money';
import { firstDay, isMonth, lastDay, quarterStart } from '../common/months';
import type { FieldError } from '../common/errors/domain-error';
import { monthInWindow, monthWindowMessage } from '../common/validation/input-limits';

export interface CheckContext {
  kpis: Map<string, { unit: string }>;
  linesById: Map<string, { id: string; code: string; recipientIds: string[] | null }>;
  linesByCode: Map<string, { id: string; code: string; recipientIds: string[] | null }>;
  /** Membership periods per organisation id. */
  members: Map<string, { joinedOn: string; leftOn: string | null }[]>;
  /** ODS code → organisation id, for members. */
  odsToOrg: Map<string, string>;
  /** `${serviceLineId}|${kpiCode}` measured quarterly only (every SLA with that KPI on the line is quarterly). */
  quarterlyOnly: Set<string>;
  closedMonths: Set<string>;
  /** A partner user's own organisation: it may submit only for it, and never service-line wide. */
  restrictToOrganisation: string | null;
}

export interface CheckedRow {
  serviceLineId: string;
  kpiCode: string;
  organisationId: string | null;
  month: string;
  value: string;
}

export interface RawRow {
  kpiCode: unknown;
  /** JSON: serviceLineId; CSV: service line code. */
  serviceLine: unknown;
  /** JSON: id or undefined; CSV: ODS code, id or '' (service-line wide). */
  organisation: unknown;
  month: unknown;
  value: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An organisation given as JSON or a CSV cell, as text ('' when absent). */
function cellText(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (v === undefined || v === null) return '';
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : JSON.stringify(v);
}

function memberDuring(periods: Period[] | undefined, month: string): boolean {
  const range = { joinedOn: firstDay(month), leftOn: lastDay(month) };
  return !!periods?.some((p) => overlaps(p, range));
}

export function checkRow(raw: RawRow, ctx: CheckContext, fields: { serviceLine: string; organisation: string }): { row?: CheckedRow; errors: FieldError[]; closed?: boolean } {
  const errors: FieldError[] = [];
  const kpiCode = typeof raw.kpiCode === 'string' ? raw.kpiCode.trim() : '';
  const kpi = ctx.kpis.get(kpiCode);
  if (!kpi) errors.push({ field: 'kpiCode', message: kpiCode ? `unknown KPI ${kpiCode}` : 'kpiCode is required' });

  const slKey = typeof raw.serviceLine === 'string' ? raw.serviceLine.trim() : '';
  const line = ctx.linesById.get(slKey) ?? ctx.linesByCode.get(slKey);
  if (!line) errors.push({ field: fields.serviceLine, message: slKey ? `not a service line of this consortium: ${slKey}` : 'a service line is required' });

  const month = typeof raw.month === 'string' ? raw.month.trim() : '';
  if (!isMonth(month)) errors.push({ field: 'month', message: 'month must be YYYY-MM' });
  else if (!monthInWindow(month)) errors.push({ field: 'month', message: monthWindowMessage('month') });

  let organisationId: string | null = null;
  const orgKey = cellText(raw.organisation);
  if (orgKey) {
    organisationId = UUID.test(orgKey) ? orgKey.toLowerCase() : (ctx.odsToOrg.get(orgKey.toUpperCase()) ?? null);
    if (!organisationId || !ctx.members.has(organisationId)) {
      errors.push({ field: fields.organisation, message: `not a member of this consortium: ${orgKey}` });
      organisationId = null;
    } else if (ctx.restrictToOrganisation && organisationId !== ctx.restrictToOrganisation) {
      errors.push({ field: fields.organisation, message: 'partner users submit measurements for their own organisation only' });
    } else if (line && line.recipientIds && !line.recipientIds.includes(organisationId)) {
      errors.push({ field: fields.organisation, message: `does not receive service line ${line.code}` });
    } else if (isMonth(month) && !memberDuring(ctx.members.get(organisationId), month)) {
      errors.push({ field: fields.organisation, message: `was not a member in ${month}` });
    }
  } else if (ctx.restrictToOrganisation) {
    errors.push({ field: fields.organisation, message: 'partner users submit measurements for their own organisation only (service-line-wide values are the host’s)' });
  }

  const valueStr = typeof raw.value === 'number' && Number.isFinite(raw.value) ? String(raw.value) : typeof raw.value === 'string' ? raw.value.trim() : '';
  if (!isDecimalString(valueStr)) {
    errors.push({ field: 'value', message: 'value must be a number with at most four decimals' });
  } else if (kpi?.unit === 'percent' && (dec(valueStr).lt(0) || dec(valueStr).gt(100))) {
    errors.push({ field: 'value', message: 'a percentage must be between 0 and 100' });
  } else if (kpi && kpi.unit !== 'ratio' && dec(valueStr).isNegative()) {
    errors.push({ field: 'value', message: 'value must not be negative' });
  }

  if (line && kpi && isMonth(month) && ctx.quarterlyOnly.has(`${line.id}|${kpiCode}`) && quarterStart(month) !== month) {
    errors.push({ field: 'month', message: `quarterly measurements are recorded against the quarter's first month (${quarterStart(month)})` });
  }
  let closed = false;
  if (isMonth(month) && ctx.closedMonths.has(month)) {
    closed = true;
    errors.push({ field: 'month', message: `${month} is closed: its figures are final` });
  }
  if (errors.length) return { errors, closed };
  return { row: { serviceLineId: line!.id, kpiCode, organisationId, month, value: valueStr }, errors };
}
