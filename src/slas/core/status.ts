/**
 * Status of a target (domain.md §7) and validation of a target's threshold. Pure; exact decimals.
 *
 * | direction        | met        | at_risk                | breached      |
 * | higher_is_better | v ≥ target | threshold ≤ v < target | v < threshold |
 * | lower_is_better  | v ≤ target | target < v ≤ threshold | v > threshold |
 */
import { D, dec, type Dec } from '../../common/money';
import type { Direction, Status } from './types';

/** Parses a decimal string exactly; throws on anything that is not a finite number. */
export function parseDecimal(value: string, what = 'value'): Dec {
  let x: Dec;
  try {
    x = dec(value.trim());
  } catch {
    throw new Error(`${what} is not a number: ${JSON.stringify(value)}`);
  }
  if (!x.isFinite()) throw new Error(`${what} is not a finite number: ${JSON.stringify(value)}`);
  return x;
}

function tryDecimal(value: unknown): Dec | null {
  if (typeof value === 'number') return Number.isFinite(value) ? new D(value) : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  try {
    const x = dec(value.trim());
    return x.isFinite() ? x : null;
  } catch {
    return null;
  }
}

/**
 * Status of a target given the period's value.
 * - value present: met / at_risk / breached by the table above (whether or not the period ended);
 * - value null and the period has ended: 'missing' (counts as breached for credits);
 * - value null and the period has not ended: null (pending, not yet due; not an API status).
 */
export function targetStatus(direction: Direction, target: string, threshold: string, value: string | null, periodEnded: boolean): Status | null {
  if (value === null || value === undefined) return periodEnded ? 'missing' : null;
  const v = parseDecimal(value, 'value');
  const t = parseDecimal(target, 'target');
  const th = parseDecimal(threshold, 'threshold');
  if (direction === 'higher_is_better') {
    if (v.gte(t)) return 'met';
    if (v.gte(th)) return 'at_risk';
    return 'breached';
  }
  if (direction === 'lower_is_better') {
    if (v.lte(t)) return 'met';
    if (v.lte(th)) return 'at_risk';
    return 'breached';
  }
  throw new Error(`unknown direction: ${JSON.stringify(direction)}`);
}

/** True for the statuses that earn credits and count as consecutive breaches. */
export function isFailure(status: Status | null): boolean {
  return status === 'breached' || status === 'missing';
}

/**
 * Checks a target's threshold against its direction: threshold ≤ target (higher_is_better) or
 * threshold ≥ target (lower_is_better); equal is allowed (no at-risk band).
 * Returns an error message, or null when valid.
 */
export function validateTarget(direction: Direction, target: string, threshold: string): string | null {
  if (direction !== 'higher_is_better' && direction !== 'lower_is_better') {
    return `direction must be higher_is_better or lower_is_better`;
  }
  const t = tryDecimal(target);
  if (t === null) return 'target must be a decimal number';
  const th = tryDecimal(threshold);
  if (th === null) return 'threshold must be a decimal number';
  if (direction === 'higher_is_better' && th.gt(t)) {
    return `threshold ${threshold} must be less than or equal to target ${target} for a higher_is_better KPI`;
  }
  if (direction === 'lower_is_better' && th.lt(t)) {
    return `threshold ${threshold} must be greater than or equal to target ${target} for a lower_is_better KPI`;
  }
  return null;
}

export interface FieldError {
  field: string;
  message: string;
}

/**
 * Validation of a whole SLA's numbers (for the API's 400 list): each target's threshold side,
 * creditPercent ≥ 0, creditCapPercent ≥ 0, no KPI twice, effectiveFrom ≤ effectiveTo.
 * Field names follow the request body (`targets[0].threshold`). Month format is not checked here.
 */
export function validateSlaNumbers(sla: {
  creditCapPercent: string;
  effectiveFrom: string;
  effectiveTo?: string | null;
  targets: { kpiCode: string; direction: Direction; target: string; threshold: string; creditPercent: string }[];
}): FieldError[] {
  const errors: FieldError[] = [];
  const cap = tryDecimal(sla.creditCapPercent);
  if (cap === null || cap.isNegative()) {
    errors.push({ field: 'creditCapPercent', message: 'creditCapPercent must be a number ≥ 0' });
  }
  if (sla.effectiveTo && sla.effectiveFrom && sla.effectiveTo < sla.effectiveFrom) {
    errors.push({ field: 'effectiveTo', message: 'effectiveTo must not be before effectiveFrom' });
  }
  const seen = new Set<string>();
  sla.targets.forEach((t, i) => {
    if (seen.has(t.kpiCode)) errors.push({ field: `targets[${i}].kpiCode`, message: `KPI ${t.kpiCode} appears twice` });
    seen.add(t.kpiCode);
    const msg = validateTarget(t.direction, t.target, t.threshold);
    if (msg) {
      const field = msg.startsWith('target ') ? 'target' : msg.startsWith('direction') ? 'kpiCode' : 'threshold';
      errors.push({ field: `targets[${i}].${field}`, message: msg });
    }
    const cp = tryDecimal(t.creditPercent);
    if (cp === null || cp.isNegative()) {
      errors.push({ field: `targets[${i}].creditPercent`, message: 'creditPercent must be a number ≥ 0' });
    }
  });
  return errors;
}
