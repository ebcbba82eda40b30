/**
 * Options appraisal (domain.md §15, HM Treasury Green Book). Pure.
 *
 * - cost_t(status quo) = statusQuoAnnualCost for every year t < N;
 * - cost_t(option) = Σ its one-off amounts in year t × (1 + optimismBiasPercent/100)
 *   + (t ≥ startYear ? annualRunningCost : statusQuoAnnualCost);
 * - present value_t = cost_t / (1 + r/100)^t (year 0 undiscounted); npc = Σ_{t<N} present value_t,
 *   exact, rounded ONCE half to even to the penny;
 * - savingVsStatusQuo = npc(status quo) − npc(option) from the exact values, rounded once;
 * - paybackYear = the first t with Σ_{u≤t} cost_u(option) ≤ Σ_{u≤t} statusQuoAnnualCost (undiscounted,
 *   exact), counting only from the first year the option's cost differs from the status quo's; null
 *   when none within the period;
 * - options ranked by exact npc ascending, ties by name (code-point order); rank 1 is preferred.
 *
 * Display-only figures (rounded for showing, never summed again): the per-year `costs`,
 * `presentValues` and `cumulativeCosts` are each the exact value rounded half to even to the penny,
 * and `discountFactors` are rounded half to even to four decimals. So Σ of the shown present values
 * may differ from `npc` by a few pennies: `npc` is the exact sum, rounded once.
 */
import type { FieldError } from '../../common/errors/domain-error';
import { DELIVERY_MODELS, type DeliveryModel } from '../../common/enums';
import { D, isDecimalString, isMoneyString } from '../../common/money';
import { discountFactor, formatRational, growthFactor, Rational, roundRational, sumRational } from './discount';

export const APPRAISAL_DEFAULTS = { years: 10, discountRatePercent: '3.5' } as const;
export const APPRAISAL_LIMITS = { maxYears: 60, maxOptions: 10, maxOneOffCosts: 60, maxRatePercent: 100, maxOptimismBiasPercent: 200, maxNameLength: 120 } as const;

export interface OneOffCost {
  year: number;
  amount: string;
}

export interface AppraisalOption {
  name: string;
  deliveryModel: DeliveryModel;
  startYear: number;
  annualRunningCost: string;
  oneOffCosts: OneOffCost[];
  optimismBiasPercent: string;
}

/** Inputs with every default filled in (the caller fills `statusQuoAnnualCost` from the baselines when it is not given). */
export interface AppraisalInput {
  years: number;
  discountRatePercent: string;
  statusQuoAnnualCost: string;
  options: AppraisalOption[];
}

/** A cost stream: per-year figures rounded for display, and the npc from the exact values. */
export interface CostStream {
  /** cost_t, display-rounded to the penny */
  costs: string[];
  /** cost_t × discount factor_t, display-rounded to the penny */
  presentValues: string[];
  /** Σ_{u≤t} cost_u (undiscounted), display-rounded to the penny */
  cumulativeCosts: string[];
  /** Σ present values, exact, rounded once */
  npc: string;
}

export interface AppraisalOptionResult extends CostStream {
  name: string;
  deliveryModel: DeliveryModel;
  startYear: number;
  annualRunningCost: string;
  optimismBiasPercent: string;
  /** As given, by year */
  oneOffCosts: OneOffCost[];
  savingVsStatusQuo: string;
  paybackYear: number | null;
  rank: number;
}

export interface AppraisalResult {
  years: number;
  discountRatePercent: string;
  statusQuoAnnualCost: string;
  /** 1 / (1 + r/100)^t for t < N, rounded half to even to four decimals (display only) */
  discountFactors: string[];
  statusQuo: CostStream;
  /** In rank order */
  options: AppraisalOptionResult[];
  /** The name of the option ranked first */
  preferred: string;
}

function isWhole(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

function nonNegativeMoney(v: unknown): boolean {
  return isMoneyString(v) && !v.startsWith('-');
}

function percentIn(v: unknown, max: number): boolean {
  return typeof v === 'string' && isDecimalString(v) && !v.startsWith('-') && new D(v).lte(max);
}

/**
 * Every problem with the inputs, each naming its field (`options.1.oneOffCosts.0.year`); empty when
 * they are valid. Money: non-negative two-decimal strings; percentages: strings with at most four decimals.
 */
export function validateAppraisal(input: AppraisalInput): FieldError[] {
  const errors: FieldError[] = [];
  const err = (field: string, message: string) => errors.push({ field, message });
  const L = APPRAISAL_LIMITS;
  const yearsOk = isWhole(input.years) && input.years >= 1 && input.years <= L.maxYears;
  if (!yearsOk) err('years', `years must be a whole number from 1 to ${L.maxYears}`);
  if (!percentIn(input.discountRatePercent, L.maxRatePercent))
    err('discountRatePercent', `discountRatePercent must be a percentage from 0 to ${L.maxRatePercent} with at most 4 decimals, e.g. "3.5"`);
  if (!nonNegativeMoney(input.statusQuoAnnualCost)) err('statusQuoAnnualCost', 'statusQuoAnnualCost must be a non-negative amount with at most two decimals, e.g. "1234.50"');
  const options = Array.isArray(input.options) ? input.options : [];
  if (options.length < 1) err('options', 'options must list at least one option');
  if (options.length > L.maxOptions) err('options', `options must list at most ${L.maxOptions} options`);
  const inYears = (y: unknown) => isWhole(y) && y >= 0 && (!yearsOk || y < input.years);
  const yearsText = yearsOk ? `from 0 to ${input.years - 1}` : 'from 0 to years − 1';
  const names = new Map<string, number>();
  options.forEach((o, i) => {
    const f = (name: string) => `options.${i}.${name}`;
    const name = typeof o.name === 'string' ? o.name.trim() : '';
    if (!name) err(f('name'), 'name must not be empty');
    else if (name.length > L.maxNameLength) err(f('name'), `name must be at most ${L.maxNameLength} characters`);
    else {
      const key = name.toLowerCase();
      const first = names.get(key);
      if (first !== undefined) err(f('name'), `name must differ from the name of option ${first + 1}`);
      else names.set(key, i);
    }
    if (!(DELIVERY_MODELS as readonly string[]).includes(o.deliveryModel)) err(f('deliveryModel'), `deliveryModel must be one of ${DELIVERY_MODELS.join(', ')}`);
    if (!inYears(o.startYear)) err(f('startYear'), `startYear must be a whole number ${yearsText}`);
    if (!nonNegativeMoney(o.annualRunningCost)) err(f('annualRunningCost'), 'annualRunningCost must be a non-negative amount with at most two decimals, e.g. "1234.50"');
    if (!percentIn(o.optimismBiasPercent, L.maxOptimismBiasPercent))
      err(f('optimismBiasPercent'), `optimismBiasPercent must be a percentage from 0 to ${L.maxOptimismBiasPercent} with at most 4 decimals`);
    const oneOffs = Array.isArray(o.oneOffCosts) ? o.oneOffCosts : [];
    if (oneOffs.length > L.maxOneOffCosts) err(f('oneOffCosts'), `oneOffCosts must list at most ${L.maxOneOffCosts} costs`);
    oneOffs.forEach((c, j) => {
      if (!inYears(c.year)) err(f(`oneOffCosts.${j}.year`), `year must be a whole number ${yearsText}`);
      if (!nonNegativeMoney(c.amount)) err(f(`oneOffCosts.${j}.amount`), 'amount must be a non-negative amount with at most two decimals, e.g. "1234.50"');
    });
  });
  return errors;
}

/** The exact cost of each year t < N of an option (see the file comment). */
export function optionCosts(option: AppraisalOption, years: number, statusQuoAnnualCost: string): Rational[] {
  const uplift = Rational.ONE.add(Rational.fromDecimal(option.optimismBiasPercent).div(Rational.HUNDRED));
  const running = Rational.fromDecimal(option.annualRunningCost);
  const current = Rational.fromDecimal(statusQuoAnnualCost);
  return Array.from({ length: years }, (_, t) => {
    const oneOffs = sumRational(option.oneOffCosts.filter((c) => c.year === t).map((c) => Rational.fromDecimal(c.amount)));
    return oneOffs.mul(uplift).add(t >= option.startYear ? running : current);
  });
}

/** The status quo's exact cost of each year t < N. */
export function statusQuoCosts(years: number, statusQuoAnnualCost: string): Rational[] {
  const c = Rational.fromDecimal(statusQuoAnnualCost);
  return Array.from({ length: years }, () => c);
}

/** Exact present values cost_t / (1 + r/100)^t. */
export function presentValues(costs: readonly Rational[], discountRatePercent: string): Rational[] {
  const g = growthFactor(discountRatePercent);
  let factor = Rational.ONE; // g^t
  return costs.map((c, t) => {
    if (t > 0) factor = factor.mul(g);
    return c.div(factor);
  });
}

/** The exact net present cost Σ_t cost_t / (1 + r/100)^t. */
export function netPresentCost(costs: readonly Rational[], discountRatePercent: string): Rational {
  return sumRational(presentValues(costs, discountRatePercent));
}

/**
 * The first year whose cumulative option cost is at most the status quo's (exact, undiscounted);
 * null when none. Years before the option departs from the status quo (no one-off cost, not yet
 * started: its cost is the status quo's) pay nothing back, so they are not counted: an option
 * starting in year 2 with nothing spent before does not "pay back in year 0", and one that never
 * differs from the status quo has no payback year. (domain.md §15 read literally would give year 0
 * in both cases; a board would be misled by it.)
 */
export function paybackYear(option: readonly Rational[], statusQuo: readonly Rational[]): number | null {
  let a = Rational.ZERO;
  let b = Rational.ZERO;
  let departed = false;
  for (let t = 0; t < option.length; t++) {
    a = a.add(option[t]);
    b = b.add(statusQuo[t]);
    departed = departed || option[t].cmp(statusQuo[t]) !== 0;
    if (departed && a.cmp(b) <= 0) return t;
  }
  return null;
}

const money = (x: Rational) => formatRational(x, 2);

function cumulative(costs: readonly Rational[]): Rational[] {
  let t = Rational.ZERO;
  return costs.map((c) => (t = t.add(c)));
}

function stream(costs: Rational[], rate: string): { exactNpc: Rational; view: CostStream } {
  const pvs = presentValues(costs, rate);
  const exactNpc = sumRational(pvs);
  return { exactNpc, view: { costs: costs.map(money), presentValues: pvs.map(money), cumulativeCosts: cumulative(costs).map(money), npc: money(exactNpc) } };
}

/** The appraisal of valid inputs (check them with `validateAppraisal` first). */
export function appraise(input: AppraisalInput): AppraisalResult {
  const { years, discountRatePercent: rate, statusQuoAnnualCost: sq } = input;
  const sqCosts = statusQuoCosts(years, sq);
  const statusQuo = stream(sqCosts, rate);
  const ranked = input.options
    .map((o) => {
      const costs = optionCosts(o, years, sq);
      const s = stream(costs, rate);
      return { o, s, payback: paybackYear(costs, sqCosts) };
    })
    .sort((a, b) => a.s.exactNpc.cmp(b.s.exactNpc) || (a.o.name < b.o.name ? -1 : a.o.name > b.o.name ? 1 : 0));
  const options = ranked.map(({ o, s, payback }, i): AppraisalOptionResult => ({
    name: o.name,
    deliveryModel: o.deliveryModel,
    startYear: o.startYear,
    annualRunningCost: o.annualRunningCost,
    optimismBiasPercent: o.optimismBiasPercent,
    oneOffCosts: [...o.oneOffCosts].sort((a, b) => a.year - b.year),
    ...s.view,
    savingVsStatusQuo: money(statusQuo.exactNpc.sub(s.exactNpc)),
    paybackYear: payback,
    rank: i + 1,
  }));
  return {
    years,
    discountRatePercent: rate,
    statusQuoAnnualCost: sq,
    discountFactors: Array.from({ length: years }, (_, t) => formatRational(discountFactor(rate, t), 4)),
    statusQuo: statusQuo.view,
    options,
    preferred: options[0].name,
  };
}

/** Exposed for tests: the exact npc rounded once, as a money string. */
export function roundedNpc(costs: readonly Rational[], discountRatePercent: string): string {
  return roundRational(netPresentCost(costs, discountRatePercent), 2).toFixed(2);
}
