/**
 * Member statements (domain.md §5, §6) derived from a ledger (charges.ts): compute the ledger once
 * for a range, then every member's statement is O(months × service lines).
 *
 * Lines: operating, fee, investment, sharedRisk, attributedRisk, credits (≤ 0), charge = the sum of
 * those six; baseline = Σ over service lines received and months of annual baseline × f / 12,
 * computed exactly and rounded once; savings = baseline − charge; savingsPercent = savings /
 * baseline × 100 rounded to 2 decimals, null when the baseline is 0. Commercial: the monthly prices
 * are reported as `operating` (fee, investment and risks are 0).
 *
 * Host extras: co-operative `feeIncome` (every member's fee, the host's own share included) and
 * `creditsFunded` (Σ of the other members' credits, positive); commercial `income` (the other
 * members' charges less their credits), `costs` (all cost entries) and `margin` = income − costs.
 */
import type { Dec } from '../../common/money';
import { D, formatDecimal, formatMoney, roundPenny, ZERO } from '../../common/money';
import { cmp } from '../../common/months';
import type { Ledger } from './charges';
import { CalculationError } from './errors';
import { DAYS_LCM, scaledFactor } from './membership';

export interface ServiceLineStatement {
  serviceLineId: string;
  code: string;
  operating: Dec;
  fee: Dec;
  credits: Dec;
  baseline: Dec;
}

export interface StatementMonth {
  month: string;
  /** The month's charge (sum of its six lines). */
  charge: Dec;
  /** The month's baseline, Σ annual × f / 12 over the lines received, rounded once for the month. */
  baseline: Dec;
}

export interface Statement {
  organisationId: string;
  model: 'cooperative' | 'commercial';
  isHost: boolean;
  from: string;
  to: string;
  operating: Dec;
  fee: Dec;
  investment: Dec;
  sharedRisk: Dec;
  attributedRisk: Dec;
  credits: Dec;
  charge: Dec;
  baseline: Dec;
  savings: Dec;
  /** 2 decimals, or null when the baseline is 0. */
  savingsPercent: Dec | null;
  serviceLines: ServiceLineStatement[];
  months: StatementMonth[];
  /** Co-operative host only. */
  feeIncome?: Dec;
  /** Co-operative host only. */
  creditsFunded?: Dec;
  /** Commercial host only. */
  income?: Dec;
  /** Commercial host only. */
  costs?: Dec;
  /** Commercial host only. */
  margin?: Dec;
}

/** The API shape (api.md `GET /consortia/:id/statements/:organisationId`), money as strings. */
export interface StatementDto {
  organisationId: string;
  from: string;
  to: string;
  operating: string;
  fee: string;
  investment: string;
  sharedRisk: string;
  attributedRisk: string;
  credits: string;
  charge: string;
  baseline: string;
  savings: string;
  savingsPercent: string | null;
  serviceLines: { serviceLineId: string; code: string; operating: string; fee: string; credits: string; baseline: string }[];
  /** Beyond the contract: the monthly series for the statement chart. */
  months: { month: string; charge: string; baseline: string }[];
  feeIncome?: string;
  creditsFunded?: string;
  income?: string;
  costs?: string;
  margin?: string;
}

const TWELVE_LCM = new D(DAYS_LCM).times(12);

function checkRange(ledger: Ledger, from: string, to: string): string[] {
  if (cmp(from, ledger.from) < 0 || cmp(to, ledger.to) > 0) {
    throw new CalculationError('invalid_input', `statement range ${from}..${to} is outside the ledger's ${ledger.from}..${ledger.to}`);
  }
  return ledger.months.filter((m) => cmp(m, from) >= 0 && cmp(m, to) <= 0);
}

function build(ledger: Ledger, organisationId: string, months: string[], from: string, to: string): Statement {
  const ctx = ledger.context;
  const member = ctx.member(organisationId);
  const isHost = ledger.hostId === organisationId;

  // Service lines in the breakdown: those the member receives, and any other it was charged on.
  const lineIds: string[] = [];
  const received = new Set<string>();
  for (const s of ledger.input.serviceLines) {
    if (s.recipientIds === null || s.recipientIds.includes(organisationId)) received.add(s.id);
  }
  const charged = new Set<string>();
  for (const month of months) for (const id of ledger.byMonth.get(month)!.members.get(organisationId)!.lines.keys()) charged.add(id);
  for (const s of ledger.input.serviceLines) if (received.has(s.id) || charged.has(s.id)) lineIds.push(s.id);

  // Baseline: annual × f × DAYS_LCM per month and line is exact (f × DAYS_LCM is an integer), so the
  // sums stay exact until the one division; each month uses its own baseline rows (domain.md §12).
  const scaled = months.map((m) => scaledFactor(member, m));
  const baselineByLine = new Map<string, Dec>();
  const monthBaselines = months.map((m, i) => {
    let sum = new D(0);
    for (const id of received) {
      const v = ctx.annualBaseline(organisationId, id, m).times(scaled[i]);
      if (v.isZero()) continue;
      baselineByLine.set(id, (baselineByLine.get(id) ?? ZERO).plus(v));
      sum = sum.plus(v);
    }
    return sum;
  });
  const baselineTotal = monthBaselines.reduce((a, b) => a.plus(b), new D(0));

  const perLine = new Map<string, { operating: Dec; fee: Dec; credits: Dec }>();
  for (const id of lineIds) perLine.set(id, { operating: new D(0), fee: new D(0), credits: new D(0) });
  let investment = new D(0);
  let sharedRisk = new D(0);
  let attributedRisk = new D(0);
  let feeIncome = new D(0);
  let creditsFunded = new D(0);
  let income = new D(0);
  let costs = new D(0);
  const series: StatementMonth[] = [];

  months.forEach((month, i) => {
    const lm = ledger.byMonth.get(month)!;
    const mm = lm.members.get(organisationId)!;
    let charge = mm.investment.plus(mm.sharedRisk).plus(mm.attributedRisk);
    investment = investment.plus(mm.investment);
    sharedRisk = sharedRisk.plus(mm.sharedRisk);
    attributedRisk = attributedRisk.plus(mm.attributedRisk);
    for (const [id, lc] of mm.lines) {
      const acc = perLine.get(id)!;
      acc.operating = acc.operating.plus(lc.operating);
      acc.fee = acc.fee.plus(lc.fee);
      acc.credits = acc.credits.plus(lc.credits);
      charge = charge.plus(lc.operating).plus(lc.fee).plus(lc.credits);
    }
    if (isHost) {
      feeIncome = feeIncome.plus(lm.feeIncome);
      creditsFunded = creditsFunded.plus(lm.creditsFunded);
      income = income.plus(lm.memberIncome);
      costs = costs.plus(lm.costs);
    }
    series.push({ month, charge, baseline: roundPenny(monthBaselines[i].div(TWELVE_LCM)) });
  });

  const serviceLines: ServiceLineStatement[] = lineIds.map((id) => {
    const acc = perLine.get(id)!;
    return {
      serviceLineId: id,
      code: ctx.line(id).code,
      operating: acc.operating,
      fee: acc.fee,
      credits: acc.credits,
      baseline: roundPenny((baselineByLine.get(id) ?? ZERO).div(TWELVE_LCM)),
    };
  });
  return assembleStatement({
    organisationId,
    model: ledger.model,
    isHost,
    from,
    to,
    investment,
    sharedRisk,
    attributedRisk,
    baseline: roundPenny(baselineTotal.div(TWELVE_LCM)),
    serviceLines,
    months: series,
    host: { feeIncome, creditsFunded, income, costs },
  });
}

/**
 * The statement lines from their parts (domain.md §5): operating, fee and credits summed over the
 * service lines, charge = the six lines, savings = baseline − charge, savingsPercent to 2 dp (null
 * when the baseline is 0), and the host's extras for its model. Shared by the ledger path and the
 * month-parts path so both compute a statement the same way.
 */
export function assembleStatement(a: {
  organisationId: string;
  model: Statement['model'];
  isHost: boolean;
  from: string;
  to: string;
  investment: Dec;
  sharedRisk: Dec;
  attributedRisk: Dec;
  baseline: Dec;
  serviceLines: ServiceLineStatement[];
  months: Statement['months'];
  host: { feeIncome: Dec; creditsFunded: Dec; income: Dec; costs: Dec };
}): Statement {
  let operating = new D(0);
  let fee = new D(0);
  let credits = new D(0);
  for (const l of a.serviceLines) {
    operating = operating.plus(l.operating);
    fee = fee.plus(l.fee);
    credits = credits.plus(l.credits);
  }
  const charge = operating.plus(fee).plus(a.investment).plus(a.sharedRisk).plus(a.attributedRisk).plus(credits);
  const savings = a.baseline.minus(charge);
  const statement: Statement = {
    organisationId: a.organisationId,
    model: a.model,
    isHost: a.isHost,
    from: a.from,
    to: a.to,
    operating,
    fee,
    investment: a.investment,
    sharedRisk: a.sharedRisk,
    attributedRisk: a.attributedRisk,
    credits,
    charge,
    baseline: a.baseline,
    savings,
    savingsPercent: a.baseline.isZero() ? null : savings.times(100).div(a.baseline).toDecimalPlaces(2, D.ROUND_HALF_EVEN),
    serviceLines: a.serviceLines,
    months: a.months,
  };
  if (a.isHost && a.model === 'cooperative') {
    statement.feeIncome = a.host.feeIncome;
    statement.creditsFunded = a.host.creditsFunded;
  }
  if (a.isHost && a.model === 'commercial') {
    statement.income = a.host.income;
    statement.costs = a.host.costs;
    statement.margin = a.host.income.minus(a.host.costs);
  }
  return statement;
}

/** One member's statement over from..to (default: the ledger's whole range). */
export function buildStatement(ledger: Ledger, organisationId: string, from = ledger.from, to = ledger.to): Statement {
  const months = checkRange(ledger, from, to);
  return build(ledger, organisationId, months, from, to);
}

/** Every member's statement over from..to (default: the ledger's whole range), in input order. */
export function buildStatements(ledger: Ledger, from = ledger.from, to = ledger.to): Statement[] {
  const months = checkRange(ledger, from, to);
  return ledger.input.members.map((m) => build(ledger, m.organisationId, months, from, to));
}

/** Decimals to the API's two-decimal strings (savingsPercent: 2 decimals or null). */
export function formatStatement(s: Statement): StatementDto {
  const dto: StatementDto = {
    organisationId: s.organisationId,
    from: s.from,
    to: s.to,
    operating: formatMoney(s.operating),
    fee: formatMoney(s.fee),
    investment: formatMoney(s.investment),
    sharedRisk: formatMoney(s.sharedRisk),
    attributedRisk: formatMoney(s.attributedRisk),
    credits: formatMoney(s.credits),
    charge: formatMoney(s.charge),
    baseline: formatMoney(s.baseline),
    savings: formatMoney(s.savings),
    savingsPercent: s.savingsPercent === null ? null : formatDecimal(s.savingsPercent, 2),
    serviceLines: s.serviceLines.map((l) => ({
      serviceLineId: l.serviceLineId,
      code: l.code,
      operating: formatMoney(l.operating),
      fee: formatMoney(l.fee),
      credits: formatMoney(l.credits),
      baseline: formatMoney(l.baseline),
    })),
    months: s.months.map((m) => ({ month: m.month, charge: formatMoney(m.charge), baseline: formatMoney(m.baseline) })),
  };
  if (s.feeIncome !== undefined) dto.feeIncome = formatMoney(s.feeIncome);
  if (s.creditsFunded !== undefined) dto.creditsFunded = formatMoney(s.creditsFunded);
  if (s.income !== undefined) dto.income = formatMoney(s.income);
  if (s.costs !== undefined) dto.costs = formatMoney(s.costs);
  if (s.margin !== undefined) dto.margin = formatMoney(s.margin);
  return dto;
}
