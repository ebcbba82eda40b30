/**
 * Agreement terms: the rules of domain.md §4, §6 and §8 checked against one consortium (its delivery
 * model, members and service lines), and the mapping of stored terms onto the calculation core's
 * input. Pure: no framework or database imports. Every error names its field.
 */
import type { FieldError } from '../common/errors/domain-error';
import type { DeliveryModel } from '../common/enums';
import { dec, isDecimalString, isMoneyString } from '../common/money';
import type { AgreementTerms, Basis, CommercialExitTerms, CooperativeExitTerms, ExitChargeInput } from '../statements/core/types';

export interface CooperativeExitStored {
  minimumTermMonths: number;
  noticeMonths: number;
  earlyTerminationPercent: string;
  strandedCostMonths: number;
  fixedCostPercent: string;
  amortisationMonths: number;
}

export interface StoredCooperativeTerms {
  model: 'cooperative';
  basis: Exclude<Basis, 'activity'>;
  serviceLineBases: Record<string, Basis>;
  fixedShares: Record<string, string>;
  managementFeePercent: string;
  exit: CooperativeExitStored;
}

export interface StoredCommercialTerms {
  model: 'commercial';
  prices: { organisationId: string; serviceLineId: string; annualPrice: string }[];
  exit: { noticeMonths: number; exitChargeSchedule: ExitChargeInput[] };
}

export type StoredTerms = StoredCooperativeTerms | StoredCommercialTerms;

export interface TermsContext {
  deliveryModel: DeliveryModel;
  /** Organisations with a membership period in the consortium. */
  memberIds: ReadonlySet<string>;
  /** Service lines of the consortium: id → recipients (null = every member). */
  lines: ReadonlyMap<string, string[] | null>;
}

const BASES: readonly Basis[] = ['equal', 'turnover', 'headcount', 'fixed', 'activity'];
const COOP_EXIT = ['minimumTermMonths', 'noticeMonths', 'earlyTerminationPercent', 'strandedCostMonths', 'fixedCostPercent', 'amortisationMonths'] as const;

/** The agreement model a delivery model needs; null for in_house (no agreement). */
export function agreementModelFor(deliveryModel: DeliveryModel): 'cooperative' | 'commercial' | null {
  if (deliveryModel === 'in_house') return null;
  return deliveryModel === 'cooperative' ? 'cooperative' : 'commercial';
}

/** A percentage 0..100 with at most 4 decimals, given as a string or a JSON number; normalised to a string. */
function percent(v: unknown, field: string, errors: FieldError[]): string | undefined {
  const s = typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
  if (typeof s !== 'string' || !isDecimalString(s)) {
    errors.push({ field, message: `${field.split('.').pop()} must be a percentage with at most four decimals` });
    return undefined;
  }
  const d = dec(s);
  if (d.isNegative() || d.greaterThan(100)) {
    errors.push({ field, message: `${field.split('.').pop()} must be between 0 and 100` });
    return undefined;
  }
  return s;
}

function wholeMonths(v: unknown, field: string, errors: FieldError[]): number | undefined {
  if (v === undefined || v === null) {
    errors.push({ field, message: `${field.split('.').pop()} is required` });
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    errors.push({ field, message: `${field.split('.').pop()} must be a whole number of months ≥ 0` });
    return undefined;
  }
  return v;
}

function notAllowed(body: Record<string, unknown>, keys: string[], model: string, errors: FieldError[], prefix = ''): void {
  for (const k of keys) {
    if (body[k] !== undefined) errors.push({ field: `${prefix}${k}`, message: `${k} is not allowed in a ${model} agreement` });
  }
}

/**
 * Checks an agreement body (the PUT DTO, or stored terms being re-checked at approval) against the
 * consortium. Returns normalised terms, or the list of field errors.
 */
export function validateTerms(body: Record<string, unknown>, ctx: TermsContext): { terms?: StoredTerms; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const expected = agreementModelFor(ctx.deliveryModel);
  const model = body.model;
  if (model !== 'cooperative' && model !== 'commercial') return { errors: [{ field: 'model', message: 'model must be cooperative or commercial' }] };
  if (expected !== null && model !== expected) {
    return { errors: [{ field: 'model', message: `a ${ctx.deliveryModel} consortium needs a ${expected} agreement` }] };
  }
  const exit = (body.exit ?? {}) as Record<string, unknown>;
  if (body.exit === undefined || typeof body.exit !== 'object' || body.exit === null) errors.push({ field: 'exit', message: 'exit terms are required' });

  if (model === 'cooperative') {
    notAllowed(body, ['prices'], model, errors);
    notAllowed(exit, ['exitChargeSchedule'], model, errors, 'exit.');
    let basis: Exclude<Basis, 'activity'> | undefined;
    if (body.basis === undefined) errors.push({ field: 'basis', message: 'basis is required in a cooperative agreement' });
    else if (body.basis === 'activity') errors.push({ field: 'basis', message: 'the agreement-wide basis may not be activity (use serviceLineBases for activity-based lines)' });
    else if (!BASES.includes(body.basis as Basis)) errors.push({ field: 'basis', message: `basis must be one of ${BASES.filter((b) => b !== 'activity').join(', ')}` });
    else basis = body.basis as Exclude<Basis, 'activity'>;

    const serviceLineBases: Record<string, Basis> = {};
    const slb = body.serviceLineBases ?? {};
    if (typeof slb !== 'object' || slb === null || Array.isArray(slb))
      errors.push({ field: 'serviceLineBases', message: 'serviceLineBases must be an object keyed by service line id' });
    else {
      for (const [id, b] of Object.entries(slb)) {
        const field = `serviceLineBases.${id}`;
        if (!ctx.lines.has(id)) errors.push({ field, message: `${id} is not a service line of this consortium` });
        else if (!BASES.includes(b as Basis)) errors.push({ field, message: `the basis must be one of ${BASES.join(', ')}` });
        else serviceLineBases[id] = b as Basis;
      }
    }

    const fixedShares: Record<string, string> = {};
    const fs = body.fixedShares ?? {};
    let sharesOk = true;
    if (typeof fs !== 'object' || fs === null || Array.isArray(fs)) {
      errors.push({ field: 'fixedShares', message: 'fixedShares must be an object keyed by organisation id' });
      sharesOk = false;
    } else {
      for (const [id, v] of Object.entries(fs)) {
        const field = `fixedShares.${id}`;
        if (!ctx.memberIds.has(id)) {
          errors.push({ field, message: `${id} is not a member of this consortium` });
          sharesOk = false;
          continue;
        }
        const s = percent(v, field, errors);
        if (s === undefined) sharesOk = false;
        else fixedShares[id] = s;
      }
    }
    const usesFixed = basis === 'fixed' || Object.values(serviceLineBases).includes('fixed');
    if (usesFixed && sharesOk) {
      const total = Object.values(fixedShares).reduce((a, s) => a.plus(dec(s)), dec(0));
      if (!total.equals(100)) errors.push({ field: 'fixedShares', message: `the fixed shares must sum to exactly 100 (they sum to ${total.toFixed()})` });
    }

    let managementFeePercent: string | undefined;
    if (body.managementFeePercent === undefined)
      errors.push({ field: 'managementFeePercent', message: 'managementFeePercent is required in a cooperative agreement (0 for none)' });
    else managementFeePercent = percent(body.managementFeePercent, 'managementFeePercent', errors);

    const ex: Partial<CooperativeExitStored> = {};
    ex.minimumTermMonths = wholeMonths(exit.minimumTermMonths, 'exit.minimumTermMonths', errors);
    ex.noticeMonths = wholeMonths(exit.noticeMonths, 'exit.noticeMonths', errors);
    ex.strandedCostMonths = wholeMonths(exit.strandedCostMonths, 'exit.strandedCostMonths', errors);
    ex.amortisationMonths = wholeMonths(exit.amortisationMonths, 'exit.amortisationMonths', errors);
    for (const k of ['earlyTerminationPercent', 'fixedCostPercent'] as const) {
      if (exit[k] === undefined) errors.push({ field: `exit.${k}`, message: `${k} is required` });
      else ex[k] = percent(exit[k], `exit.${k}`, errors);
    }
    if (errors.length) return { errors };
    return {
      errors,
      terms: { model, basis: basis!, serviceLineBases, fixedShares, managementFeePercent: managementFeePercent!, exit: ex as CooperativeExitStored },
    };
  }

  // commercial (seeds 11.3–11.4): prices agreed in advance, no fee, no bases
  notAllowed(body, ['basis', 'serviceLineBases', 'fixedShares', 'managementFeePercent'], model, errors);
  notAllowed(
    exit,
    COOP_EXIT.filter((k) => k !== 'noticeMonths'),
    model,
    errors,
    'exit.',
  );
  const prices: StoredCommercialTerms['prices'] = [];
  if (!Array.isArray(body.prices) || body.prices.length === 0) {
    errors.push({ field: 'prices', message: 'a commercial agreement lists at least one annual price' });
  } else {
    const seen = new Map<string, number>();
    (body.prices as Record<string, unknown>[]).forEach((p, i) => {
      const org = p.organisationId as string;
      const line = p.serviceLineId as string;
      let ok = true;
      if (!ctx.memberIds.has(org)) {
        errors.push({ field: `prices.${i}.organisationId`, message: 'not a member of this consortium' });
        ok = false;
      }
      if (!ctx.lines.has(line)) {
        errors.push({ field: `prices.${i}.serviceLineId`, message: 'not a service line of this consortium' });
        ok = false;
      } else {
        const recipients = ctx.lines.get(line);
        if (ok && recipients && !recipients.includes(org)) {
          errors.push({ field: `prices.${i}.organisationId`, message: 'this member does not receive the service line' });
          ok = false;
        }
      }
      if (!isMoneyString(p.annualPrice) || String(p.annualPrice).startsWith('-')) {
        errors.push({ field: `prices.${i}.annualPrice`, message: 'annualPrice must be a non-negative amount as a string with at most two decimals' });
        ok = false;
      }
      const key = `${org}/${line}`;
      if (seen.has(key)) {
        errors.push({ field: `prices.${i}`, message: `a second price for the same member and service line (see prices.${seen.get(key)})` });
        ok = false;
      } else seen.set(key, i);
      if (ok) prices.push({ organisationId: org, serviceLineId: line, annualPrice: p.annualPrice as string });
    });
  }
  let noticeMonths = 0;
  if (exit.noticeMonths !== undefined) noticeMonths = wholeMonths(exit.noticeMonths, 'exit.noticeMonths', errors) ?? 0;
  const schedule: ExitChargeInput[] = [];
  if (!Array.isArray(exit.exitChargeSchedule)) {
    errors.push({ field: 'exit.exitChargeSchedule', message: 'a commercial agreement has an exitChargeSchedule ([] for no exit charges)' });
  } else {
    const years = new Map<number, number>();
    (exit.exitChargeSchedule as Record<string, unknown>[]).forEach((r, i) => {
      const y = r.contractYear as number;
      if (!Number.isInteger(y) || y < 1) errors.push({ field: `exit.exitChargeSchedule.${i}.contractYear`, message: 'contractYear must be a whole number ≥ 1' });
      else if (years.has(y))
        errors.push({ field: `exit.exitChargeSchedule.${i}.contractYear`, message: `contract year ${y} is listed twice (see exit.exitChargeSchedule.${years.get(y)})` });
      else years.set(y, i);
      if (!isMoneyString(r.amount) || String(r.amount).startsWith('-'))
        errors.push({ field: `exit.exitChargeSchedule.${i}.amount`, message: 'amount must be a non-negative amount as a string with at most two decimals' });
      schedule.push({ contractYear: y, amount: r.amount as string });
    });
  }
  if (errors.length) return { errors };
  schedule.sort((a, b) => a.contractYear - b.contractYear);
  return { errors, terms: { model: 'commercial', prices, exit: { noticeMonths, exitChargeSchedule: schedule } } };
}

/** Stored terms → the statements core's terms. */
export function ledgerTerms(t: StoredTerms): AgreementTerms {
  if (t.model === 'cooperative') {
    return { model: 'cooperative', basis: t.basis, serviceLineBases: { ...t.serviceLineBases }, fixedShares: { ...t.fixedShares }, managementFeePercent: t.managementFeePercent };
  }
  return { model: 'commercial', prices: t.prices.map((p) => ({ ...p })) };
}

/** Stored terms → the exit-quote core's terms. */
export function exitTerms(t: StoredTerms): CooperativeExitTerms | CommercialExitTerms {
  if (t.model === 'cooperative') return { model: 'cooperative', ...t.exit };
  return { model: 'commercial', noticeMonths: t.exit.noticeMonths, exitChargeSchedule: t.exit.exitChargeSchedule.map((r) => ({ ...r })) };
}
