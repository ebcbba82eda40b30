/**
 * Statements summed from month parts (domain.md §5, §9). Pure.
 *
 * Closing a month freezes each member's figures for that month; a statement over a longer range is
 * then the sum of frozen months and months still computed from the ledger. A `MonthPart` holds one
 * member's month exactly: the money lines (already whole pennies, so they add up exactly) and the
 * baseline as an exact numerator (annual baseline × f × DAYS_LCM), so that the baseline of a range
 * is still "computed exactly and rounded once" however the range is split.
 *
 *   statementFromParts(monthParts(ledger, p)) ≡ buildStatement(ledger, p)
 *
 * for every member and range (tested), provided service lines are given to the ledger in code order
 * (the order breakdowns are listed in).
 */
import type { Dec } from '../../common/money';
import { D, formatMoney, roundPenny, storedMoney, ZERO } from '../../common/money';
import { cmp, isMonth, monthRange } from '../../common/months';
import type { Ledger } from './charges';
import { CalculationError } from './errors';
import { DAYS_LCM, scaledFactor } from './membership';
import { assembleStatement, type ServiceLineStatement, type Statement, type StatementMonth } from './statement';

export interface LinePart {
  serviceLineId: string;
  code: string;
  operating: Dec;
  fee: Dec;
  credits: Dec;
  /** Annual baseline × f × DAYS_LCM for the month (0 when the member does not receive the line). */
  baselineScaled: Dec;
}

export interface MonthPart {
  month: string;
  organisationId: string;
  investment: Dec;
  sharedRisk: Dec;
  attributedRisk: Dec;
  /** Lines the member receives or was charged on that month, in service-line code order. */
  lines: LinePart[];
  /** Co-operative host only. */
  feeIncome?: Dec;
  /** Co-operative host only. */
  creditsFunded?: Dec;
  /** Commercial host only. */
  income?: Dec;
  /** Commercial host only. */
  costs?: Dec;
}

/** A month part as JSON (money as two-decimal strings, numerators as plain decimals). */
export interface MonthPartJson {
  month: string;
  organisationId: string;
  investment: string;
  sharedRisk: string;
  attributedRisk: string;
  lines: { serviceLineId: string; code: string; operating: string; fee: string; credits: string; baselineScaled: string }[];
  feeIncome?: string;
  creditsFunded?: string;
  income?: string;
  costs?: string;
}

const TWELVE_LCM = new D(DAYS_LCM).times(12);

const lineOrder = (a: { code: string; serviceLineId: string }, b: { code: string; serviceLineId: string }) => cmp(a.code, b.code) || cmp(a.serviceLineId, b.serviceLineId);

/** One member's month parts for every month of `from..to` (default: the ledger's range). */
export function monthParts(ledger: Ledger, organisationId: string, from = ledger.from, to = ledger.to): MonthPart[] {
  if (cmp(from, ledger.from) < 0 || cmp(to, ledger.to) > 0) {
    throw new CalculationError('invalid_input', `month parts ${from}..${to} are outside the ledger's ${ledger.from}..${ledger.to}`);
  }
  const ctx = ledger.context;
  const member = ctx.member(organisationId);
  const isHost = ledger.hostId === organisationId;
  const received = new Set(ledger.input.serviceLines.filter((s) => s.recipientIds === null || s.recipientIds.includes(organisationId)).map((s) => s.id));
  return ledger.months
    .filter((m) => cmp(m, from) >= 0 && cmp(m, to) <= 0)
    .map((month) => {
      const lm = ledger.byMonth.get(month)!;
      const mm = lm.members.get(organisationId)!;
      const scaled = scaledFactor(member, month);
      const lines: LinePart[] = [];
      for (const s of ledger.input.serviceLines) {
        const lc = mm.lines.get(s.id);
        if (!lc && !received.has(s.id)) continue;
        lines.push({
          serviceLineId: s.id,
          code: s.code,
          operating: lc?.operating ?? ZERO,
          fee: lc?.fee ?? ZERO,
          credits: lc?.credits ?? ZERO,
          baselineScaled: received.has(s.id) ? ctx.annualBaseline(organisationId, s.id, month).times(scaled) : ZERO,
        });
      }
      lines.sort(lineOrder);
      const part: MonthPart = {
        month,
        organisationId,
        investment: mm.investment,
        sharedRisk: mm.sharedRisk,
        attributedRisk: mm.attributedRisk,
        lines,
      };
      if (isHost && ledger.model === 'cooperative') {
        part.feeIncome = lm.feeIncome;
        part.creditsFunded = lm.creditsFunded;
      }
      if (isHost && ledger.model === 'commercial') {
        part.income = lm.memberIncome;
        part.costs = lm.costs;
      }
      return part;
    });
}

/** A month with nothing charged: `lines` lists the service lines received, all zero. */
export function emptyMonthPart(organisationId: string, month: string, lines: { serviceLineId: string; code: string }[]): MonthPart {
  return {
    month,
    organisationId,
    investment: ZERO,
    sharedRisk: ZERO,
    attributedRisk: ZERO,
    lines: lines.map((l) => ({ serviceLineId: l.serviceLineId, code: l.code, operating: ZERO, fee: ZERO, credits: ZERO, baselineScaled: ZERO })).sort(lineOrder),
  };
}

/**
 * A member's statement over from..to from one part per month (a missing month counts as nothing
 * charged). `isHost` and `model` choose the host extras (co-operative feeIncome/creditsFunded,
 * commercial income/costs/margin).
 */
export function statementFromParts(
  organisationId: string,
  from: string,
  to: string,
  parts: readonly MonthPart[],
  opts: { model: 'cooperative' | 'commercial'; isHost: boolean },
): Statement {
  if (!isMonth(from) || !isMonth(to) || cmp(from, to) > 0) throw new CalculationError('invalid_input', `bad month range ${from}..${to}`);
  const byMonth = new Map<string, MonthPart>();
  for (const p of parts) {
    if (p.organisationId !== organisationId) throw new CalculationError('invalid_input', `a part of ${p.organisationId} in the statement of ${organisationId}`);
    if (byMonth.has(p.month)) throw new CalculationError('invalid_input', `two parts for ${p.month}`, { month: p.month, organisationId });
    byMonth.set(p.month, p);
  }
  const perLine = new Map<string, { code: string; operating: Dec; fee: Dec; credits: Dec; baselineScaled: Dec }>();
  let investment = new D(0);
  let sharedRisk = new D(0);
  let attributedRisk = new D(0);
  let baselineScaled = new D(0);
  let feeIncome = new D(0);
  let creditsFunded = new D(0);
  let income = new D(0);
  let costs = new D(0);
  const series: StatementMonth[] = [];
  for (const month of monthRange(from, to)) {
    const p = byMonth.get(month);
    if (!p) {
      series.push({ month, charge: new D(0), baseline: new D(0) });
      continue;
    }
    let charge = p.investment.plus(p.sharedRisk).plus(p.attributedRisk);
    let monthBaseline = new D(0);
    investment = investment.plus(p.investment);
    sharedRisk = sharedRisk.plus(p.sharedRisk);
    attributedRisk = attributedRisk.plus(p.attributedRisk);
    for (const l of p.lines) {
      const acc = perLine.get(l.serviceLineId) ?? { code: l.code, operating: new D(0), fee: new D(0), credits: new D(0), baselineScaled: new D(0) };
      acc.operating = acc.operating.plus(l.operating);
      acc.fee = acc.fee.plus(l.fee);
      acc.credits = acc.credits.plus(l.credits);
      acc.baselineScaled = acc.baselineScaled.plus(l.baselineScaled);
      perLine.set(l.serviceLineId, acc);
      charge = charge.plus(l.operating).plus(l.fee).plus(l.credits);
      monthBaseline = monthBaseline.plus(l.baselineScaled);
    }
    baselineScaled = baselineScaled.plus(monthBaseline);
    feeIncome = feeIncome.plus(p.feeIncome ?? ZERO);
    creditsFunded = creditsFunded.plus(p.creditsFunded ?? ZERO);
    income = income.plus(p.income ?? ZERO);
    costs = costs.plus(p.costs ?? ZERO);
    series.push({ month, charge, baseline: roundPenny(monthBaseline.div(TWELVE_LCM)) });
  }
  const serviceLines: ServiceLineStatement[] = [...perLine.entries()]
    .map(([serviceLineId, acc]) => ({ serviceLineId, ...acc }))
    .sort(lineOrder)
    .map((acc) => ({
      serviceLineId: acc.serviceLineId,
      code: acc.code,
      operating: acc.operating,
      fee: acc.fee,
      credits: acc.credits,
      baseline: roundPenny(acc.baselineScaled.div(TWELVE_LCM)),
    }));
  return assembleStatement({
    organisationId,
    model: opts.model,
    isHost: opts.isHost,
    from,
    to,
    investment,
    sharedRisk,
    attributedRisk,
    baseline: roundPenny(baselineScaled.div(TWELVE_LCM)),
    serviceLines,
    months: series,
    host: { feeIncome, creditsFunded, income, costs },
  });
}

export function monthPartToJson(p: MonthPart): MonthPartJson {
  const json: MonthPartJson = {
    month: p.month,
    organisationId: p.organisationId,
    investment: formatMoney(p.investment),
    sharedRisk: formatMoney(p.sharedRisk),
    attributedRisk: formatMoney(p.attributedRisk),
    lines: p.lines.map((l) => ({
      serviceLineId: l.serviceLineId,
      code: l.code,
      operating: formatMoney(l.operating),
      fee: formatMoney(l.fee),
      credits: formatMoney(l.credits),
      baselineScaled: l.baselineScaled.toFixed(),
    })),
  };
  if (p.feeIncome !== undefined) json.feeIncome = formatMoney(p.feeIncome);
  if (p.creditsFunded !== undefined) json.creditsFunded = formatMoney(p.creditsFunded);
  if (p.income !== undefined) json.income = formatMoney(p.income);
  if (p.costs !== undefined) json.costs = formatMoney(p.costs);
  return json;
}

export function monthPartFromJson(j: MonthPartJson): MonthPart {
  const opt = (v: string | undefined) => (v === undefined ? undefined : storedMoney(v));
  const part: MonthPart = {
    month: j.month,
    organisationId: j.organisationId,
    investment: storedMoney(j.investment),
    sharedRisk: storedMoney(j.sharedRisk),
    attributedRisk: storedMoney(j.attributedRisk),
    lines: j.lines.map((l) => ({
      serviceLineId: l.serviceLineId,
      code: l.code,
      operating: storedMoney(l.operating),
      fee: storedMoney(l.fee),
      credits: storedMoney(l.credits),
      baselineScaled: new D(l.baselineScaled),
    })),
  };
  if (j.feeIncome !== undefined) part.feeIncome = opt(j.feeIncome);
  if (j.creditsFunded !== undefined) part.creditsFunded = opt(j.creditsFunded);
  if (j.income !== undefined) part.income = opt(j.income);
  if (j.costs !== undefined) part.costs = opt(j.costs);
  return part;
}
