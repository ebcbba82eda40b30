/**
 * The benchmarking KPI (domain.md §10, seeds §5.5): cost of a function as a percentage of turnover,
 *   KPI = cost / turnover × 100.
 * Exact: computed as a fraction (rational.ts); `kpi()` hands out a `Dec`.
 * Refused (BenchmarkError): an amount that is not money ('invalid_amount'), a negative cost
 * ('negative_cost'), a zero turnover ('zero_turnover') and a negative turnover ('negative_turnover').
 * A zero cost is allowed (KPI 0).
 */
import { D, isMoneyString, type Dec } from '../../common/money';
import { Rational } from './rational';
import { BenchmarkError } from './types';

/** Parses a money amount (string with at most two decimals, or a Dec with at most two). */
export function parseAmount(value: string | Dec, field: string, organisationId?: string): Dec {
  let d: Dec | undefined;
  if (typeof value === 'string') {
    if (isMoneyString(value)) d = new D(value);
  } else if (D.isDecimal(value)) {
    const v = new D(value);
    if (v.isFinite() && v.decimalPlaces() <= 2) d = v;
  }
  if (!d) {
    throw new BenchmarkError('invalid_amount', `${field} must be an amount in pounds with at most two decimals, got ${JSON.stringify(String(value))}`, field, organisationId);
  }
  return d.isZero() ? new D(0) : d; // no "-0"
}

/** Validated cost (≥ 0) and turnover (> 0). */
export function parseCostAndTurnover(cost: string | Dec, turnover: string | Dec, organisationId?: string): { cost: Dec; turnover: Dec } {
  const c = parseAmount(cost, 'cost', organisationId);
  const t = parseAmount(turnover, 'turnover', organisationId);
  if (c.isNegative()) {
    throw new BenchmarkError('negative_cost', `cost must not be negative, got ${c.toFixed(2)}`, 'cost', organisationId);
  }
  if (t.isZero()) {
    throw new BenchmarkError('zero_turnover', 'turnover must be greater than zero, got 0.00', 'turnover', organisationId);
  }
  if (t.isNegative()) {
    throw new BenchmarkError('negative_turnover', `turnover must be greater than zero, got ${t.toFixed(2)}`, 'turnover', organisationId);
  }
  return { cost: c, turnover: t };
}

/** KPI as an exact fraction: cost × 100 / turnover. */
export function kpiRatio(cost: string | Dec, turnover: string | Dec, organisationId?: string): Rational {
  const { cost: c, turnover: t } = parseCostAndTurnover(cost, turnover, organisationId);
  return Rational.fromDecimal(c).mul(Rational.HUNDRED).div(Rational.fromDecimal(t));
}

/** KPI = cost / turnover × 100 (% of turnover), e.g. kpi("800000.00", "100000000.00") = 0.8. */
export function kpi(cost: string | Dec, turnover: string | Dec): Dec {
  return kpiRatio(cost, turnover).toDecimal();
}
