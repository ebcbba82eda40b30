/**
 * The month-by-month allocation engine behind the ledger and the exit quote (domain.md §4–§6),
 * before service credits. Pure: it indexes the plain input once and memoises what it computes
 * (weights per service line and month, charges per month), so a ledger over M months, L service
 * lines and N members costs O(M × L × N log N).
 */
import type { Dec } from '../../common/money';
import { D, dec, money, roundPenny, ZERO } from '../../common/money';
import { daysInMonth, isMonth } from '../../common/months';
import { allocate, type AllocationWeight } from './allocate';
import { CalculationError } from './errors';
import { membershipDays } from './membership';
import type { AgreementTerms, Basis, CooperativeTerms, CostEntryInput, LedgerInput, MemberInput, ServiceLineInput } from './types';
import { basisWeights, recipientsOf, totalWeight } from './weights';

/** What one month costs each member per service line, before credits. */
export interface BaseLineCharges {
  /** Co-operative: operating share; commercial: the month's price. Keyed by organisation id. */
  operating: Map<string, Dec>;
  /** Co-operative: management-fee share. Empty for commercial. */
  fee: Map<string, Dec>;
  operatingTotal: Dec;
  feeTotal: Dec;
}

export interface BaseMonth {
  month: string;
  /** Keyed by service line id; a line with nothing to charge that month is absent. */
  lines: Map<string, BaseLineCharges>;
  investment: Map<string, Dec>;
  sharedRisk: Map<string, Dec>;
  attributedRisk: Map<string, Dec>;
  /** Σ of every cost entry of the month (the commercial host's own costs). */
  costs: Dec;
}

/**
 * A store for computed months shared between contexts (the statements service keeps one per
 * process): `key` is the whole content a month's charges are computed from (see monthKey), so a
 * month is reused only when nothing it depends on changed, and a new cost entry recomputes only
 * its own month. Results are shared and must be treated as immutable.
 */
export interface MonthMemo {
  get(key: string, compute: () => BaseMonth): BaseMonth;
}

export interface LineWeights {
  basis: Basis;
  weights: AllocationWeight[];
}

function addTo(map: Map<string, Dec>, id: string, amount: Dec): void {
  const prev = map.get(id);
  map.set(id, prev === undefined ? amount : prev.plus(amount));
}

function addAll(map: Map<string, Dec>, shares: Map<string, Dec>): void {
  for (const [id, v] of shares) if (!v.isZero()) addTo(map, id, v);
}

/** One agreement version as the engine reads it: its terms, and (commercial) its prices indexed. */
interface TermsInForce {
  effectiveFrom: string | null;
  terms: AgreementTerms;
  /** Commercial: annual price per `${organisationId}\u0000${serviceLineId}`. */
  prices: Map<string, Dec>;
}

function indexTerms(effectiveFrom: string | null, terms: AgreementTerms): TermsInForce {
  const prices = new Map<string, Dec>();
  if (terms.model === 'cooperative') {
    if ((terms.basis as Basis) === 'activity') throw new CalculationError('invalid_input', 'the agreement-wide basis may not be activity');
  } else {
    for (const p of terms.prices) {
      const key = `${p.organisationId}\u0000${p.serviceLineId}`;
      prices.set(key, (prices.get(key) ?? ZERO).plus(money(p.annualPrice)));
    }
  }
  return { effectiveFrom, terms, prices };
}

/** Baseline rows of one member and service line grouped by effectiveFrom, latest first. */
type BaselineSteps = { effectiveFrom: string; annual: Dec }[];

export class ChargeContext {
  readonly input: LedgerInput;
  readonly members: readonly MemberInput[];
  readonly membersById = new Map<string, MemberInput>();
  readonly linesById = new Map<string, ServiceLineInput>();
  readonly host: MemberInput | null;
  private readonly recipients = new Map<string, MemberInput[]>();
  private readonly costsByMonth = new Map<string, CostEntryInput[]>();
  private readonly volumes = new Map<string, Dec>();
  /** The agreement versions, oldest first (one, from the start, without `termVersions`). */
  private readonly versions: TermsInForce[];
  private readonly termsCache = new Map<string, TermsInForce>();
  private readonly baselineSteps = new Map<string, BaselineSteps>();
  private readonly weightCache = new Map<string, LineWeights>();
  private readonly monthCache = new Map<string, BaseMonth>();
  private readonly daysCache = new Map<string, number>();
  private readonly activityByMonth = new Map<string, LedgerInput['activity']>();
  private readonly monthMemo: MonthMemo | undefined;
  /** JSON of what every month depends on alike (members with their drivers, service lines); built once when memoising. */
  private sharedKey: string | undefined;

  constructor(input: LedgerInput, options: { monthMemo?: MonthMemo } = {}) {
    this.input = input;
    this.monthMemo = options.monthMemo;
    this.members = input.members;
    for (const m of input.members) {
      if (this.membersById.has(m.organisationId)) {
        throw new CalculationError('invalid_input', `member ${m.organisationId} is listed twice`, {
          organisationId: m.organisationId,
        });
      }
      this.membersById.set(m.organisationId, m);
    }
    this.host = input.members.find((m) => m.isHost) ?? null;
    for (const s of input.serviceLines) {
      this.linesById.set(s.id, s);
      this.recipients.set(s.id, recipientsOf(s, input.members));
    }
    this.versions = input.termVersions?.length
      ? [...input.termVersions]
          .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1))
          .map((v) => {
            if (!isMonth(v.effectiveFrom)) throw new CalculationError('invalid_input', `an agreement version has a bad effectiveFrom ${String(v.effectiveFrom)}`);
            if (v.terms.model !== input.terms.model)
              throw new CalculationError('invalid_input', `a ${v.terms.model} version among ${input.terms.model} terms`, { month: v.effectiveFrom });
            return indexTerms(v.effectiveFrom, v.terms);
          })
      : [indexTerms(null, input.terms)];
    for (const b of input.baselines) {
      const from = b.effectiveFrom ?? '';
      if (from !== '' && !isMonth(from))
        throw new CalculationError('invalid_input', `a baseline has a bad effectiveFrom ${String(b.effectiveFrom)}`, { organisationId: b.organisationId });
      const key = `${b.organisationId}\u0000${b.serviceLineId}`;
      const steps = this.baselineSteps.get(key) ?? [];
      const same = steps.find((x) => x.effectiveFrom === from);
      if (same) same.annual = same.annual.plus(money(b.annualAmount));
      else steps.push({ effectiveFrom: from, annual: money(b.annualAmount) });
      this.baselineSteps.set(key, steps);
    }
    for (const steps of this.baselineSteps.values()) steps.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
    for (const c of input.costs) {
      if (!isMonth(c.month)) throw new CalculationError('invalid_input', `cost entry ${c.id}: bad month ${String(c.month)}`);
      if (c.serviceLineId !== null && !this.linesById.has(c.serviceLineId)) {
        throw new CalculationError('invalid_input', `cost entry ${c.id}: unknown service line ${c.serviceLineId}`, {
          serviceLineId: c.serviceLineId,
          month: c.month,
          costEntryId: c.id,
        });
      }
      if (c.serviceLineId !== null && !this.isLive(c.serviceLineId, c.month)) {
        throw new CalculationError('invalid_input', `cost entry ${c.id}: service line ${this.linesById.get(c.serviceLineId)!.code} goes live after ${c.month}`, {
          serviceLineId: c.serviceLineId,
          month: c.month,
          costEntryId: c.id,
        });
      }
      if (c.category === 'operating' && c.serviceLineId === null) {
        throw new CalculationError('invalid_input', `operating cost entry ${c.id} in ${c.month} names no service line`, {
          month: c.month,
          costEntryId: c.id,
        });
      }
      if (c.category === 'risk' && c.attributableTo !== null && !this.membersById.has(c.attributableTo)) {
        throw new CalculationError('invalid_input', `risk entry ${c.id}: ${c.attributableTo} is not a member`, {
          organisationId: c.attributableTo,
          month: c.month,
          costEntryId: c.id,
        });
      }
      const list = this.costsByMonth.get(c.month);
      if (list) list.push(c);
      else this.costsByMonth.set(c.month, [c]);
    }
    // The store keeps one volume per (line, member, month); duplicates, if any, add up.
    for (const a of input.activity) {
      const key = `${a.serviceLineId}\u0000${a.month}\u0000${a.organisationId}`;
      this.volumes.set(key, (this.volumes.get(key) ?? ZERO).plus(dec(a.volume)));
      const list = this.activityByMonth.get(a.month);
      if (list) list.push(a);
      else this.activityByMonth.set(a.month, [a]);
    }
  }

  /** Days of membership of a member in a month (memoised). */
  daysOf(member: MemberInput, month: string): number {
    const key = `${member.organisationId}\u0000${month}`;
    let days = this.daysCache.get(key);
    if (days === undefined) {
      days = membershipDays(member, month);
      this.daysCache.set(key, days);
    }
    return days;
  }

  get model(): 'cooperative' | 'commercial' {
    return this.input.terms.model;
  }

  /** The agreement version pricing `month` (domain.md §12): the latest effectiveFrom ≤ month. */
  termsAt(month: string): TermsInForce {
    const hit = this.termsCache.get(month);
    if (hit) return hit;
    let found: TermsInForce | undefined;
    for (const v of this.versions) if (v.effectiveFrom === null || v.effectiveFrom <= month) found = v;
    if (!found) {
      throw new CalculationError('no_terms_in_force', `no approved agreement version is in force in ${month}: the first takes effect in ${this.versions[0].effectiveFrom}`, {
        month,
      });
    }
    this.termsCache.set(month, found);
    return found;
  }

  private coop(month: string): CooperativeTerms {
    const t = this.termsAt(month).terms;
    if (t.model !== 'cooperative') throw new Error('not a co-operative agreement');
    return t;
  }

  /** Whether a service line is live in `month` (its goLive, when it has one, is on or before it). */
  isLive(serviceLineId: string, month: string): boolean {
    const goLive = this.linesById.get(serviceLineId)?.goLive;
    return goLive === undefined || goLive <= month;
  }

  /**
   * A member's annual baseline for a service line in `month` (domain.md §12): the rows with the
   * latest effectiveFrom ≤ month, 0 before the line goes live or when there is none. Whether the
   * member receives the line is the caller's question.
   */
  annualBaseline(organisationId: string, serviceLineId: string, month: string): Dec {
    if (!this.isLive(serviceLineId, month)) return ZERO;
    const steps = this.baselineSteps.get(`${organisationId}\u0000${serviceLineId}`);
    if (!steps) return ZERO;
    for (const st of steps) if (st.effectiveFrom <= month) return st.annual;
    return ZERO;
  }

  line(serviceLineId: string): ServiceLineInput {
    const s = this.linesById.get(serviceLineId);
    if (!s) throw new CalculationError('invalid_input', `unknown service line ${serviceLineId}`, { serviceLineId });
    return s;
  }

  member(organisationId: string): MemberInput {
    const m = this.membersById.get(organisationId);
    if (!m) throw new CalculationError('invalid_input', `unknown member ${organisationId}`, { organisationId });
    return m;
  }

  /** Members receiving the service line (by recipientIds), in input order. */
  recipientsOf(serviceLineId: string): MemberInput[] {
    this.line(serviceLineId);
    return this.recipients.get(serviceLineId)!;
  }

  costsIn(month: string): readonly CostEntryInput[] {
    return this.costsByMonth.get(month) ?? [];
  }

  /** Co-operative: the basis of a service line in a month (its override, or the agreement's, in that month's version). */
  basisOf(serviceLineId: string | null, month: string): Basis {
    const t = this.coop(month);
    if (serviceLineId === null) return t.basis;
    return t.serviceLineBases[serviceLineId] ?? t.basis;
  }

  /** Co-operative weights of a service line's recipients (or, for null, of all members) in a month. */
  lineWeights(serviceLineId: string | null, month: string): LineWeights {
    const key = `${serviceLineId ?? ''}\u0000${month}`;
    const hit = this.weightCache.get(key);
    if (hit) return hit;
    const basis = this.basisOf(serviceLineId, month);
    const candidates = serviceLineId === null ? this.members : this.recipientsOf(serviceLineId);
    const weights = basisWeights(basis, candidates, month, {
      fixedShares: this.coop(month).fixedShares,
      volumeOf: (org) => this.volumes.get(`${serviceLineId}\u0000${month}\u0000${org}`),
      daysOf: (m, mo) => this.daysOf(m, mo),
    });
    const result = { basis, weights };
    this.weightCache.set(key, result);
    return result;
  }

  /**
   * Allocates `amount` by the weights of a service line (null: agreement basis over all members) in
   * a month, restricted to `among` when given. Zero amounts allocate nothing (and never fail).
   * Throws `activity_all_zero` / `zero_weights` naming the service line and month.
   */
  allocateOn(serviceLineId: string | null, month: string, amount: Dec, what: string, among?: ReadonlySet<string>): Map<string, Dec> {
    if (amount.isZero()) return new Map();
    const { basis, weights: all } = this.lineWeights(serviceLineId, month);
    const weights = among ? all.filter((w) => among.has(w.id)) : all;
    if (totalWeight(weights).isZero()) {
      const line = serviceLineId === null ? null : this.line(serviceLineId);
      const lineText = line ? `service line ${line.code} (${line.id})` : 'the agreement basis (no service line)';
      const details = { serviceLineId: line?.id, serviceLineCode: line?.code, month };
      if (basis === 'activity') {
        throw new CalculationError('activity_all_zero', `${lineText} in ${month}: every recipient's activity is 0, so ${amount.toFixed(2)} of ${what} cannot be shared`, details);
      }
      throw new CalculationError(
        'zero_weights',
        `${lineText} in ${month}: the ${basis} weights of the recipients sum to 0, so ${amount.toFixed(2)} of ${what} cannot be shared`,
        details,
      );
    }
    return allocate(amount, weights);
  }

  /** Shares of one investment or non-attributable risk entry (co-operative). */
  entryShares(entry: CostEntryInput): Map<string, Dec> {
    if (entry.category === 'risk' && entry.attributableTo !== null) {
      return new Map([[entry.attributableTo, money(entry.amount)]]);
    }
    return this.allocateOn(entry.serviceLineId, entry.month, money(entry.amount), `${entry.category} (entry ${entry.id})`);
  }

  /** Commercial: the price of a service line for a member in a month, annual × f / 12 rounded. */
  monthlyPrice(organisationId: string, serviceLineId: string, month: string): Dec {
    if (!this.isLive(serviceLineId, month)) return ZERO;
    const annual = this.termsAt(month).prices.get(`${organisationId}\u0000${serviceLineId}`);
    if (annual === undefined) return ZERO;
    const days = this.daysOf(this.member(organisationId), month);
    if (days === 0) return ZERO;
    return roundPenny(annual.times(days).div(new D(daysInMonth(month)).times(12)));
  }

  /** Whether an agreement version prices `month` (a month before the first has none). */
  hasTermsAt(month: string): boolean {
    return this.versions.some((v) => v.effectiveFrom === null || v.effectiveFrom <= month);
  }

  /** Charges of a month before credits (memoised). A month before the first version charges nothing, unless it has costs to share (no_terms_in_force). */
  baseMonth(month: string): BaseMonth {
    const hit = this.monthCache.get(month);
    if (hit) return hit;
    if (!isMonth(month)) throw new CalculationError('invalid_input', `not a month: ${String(month)}`);
    const result = this.monthMemo ? this.monthMemo.get(this.monthKey(month), () => this.computeMonth(month)) : this.computeMonth(month);
    this.monthCache.set(month, result);
    return result;
  }

  private computeMonth(month: string): BaseMonth {
    const unpriced = !this.hasTermsAt(month) && this.costsIn(month).length === 0;
    return unpriced
      ? { month, lines: new Map(), investment: new Map(), sharedRisk: new Map(), attributedRisk: new Map(), costs: ZERO }
      : this.model === 'cooperative'
        ? this.cooperativeMonth(month)
        : this.commercialMonth(month);
  }

  /**
   * Everything a month's charges are computed from, as text: the month, the model, the terms of the
   * agreement version in force (or none), the members (membership dates and drivers), the service lines
   * (recipients, go-live), and the month's own cost entries and activity. Error messages are
   * computed from the same data, so a memoised month fails the same way (throws are not kept).
   */
  monthKey(month: string): string {
    this.sharedKey ??= JSON.stringify([this.model, this.input.members, this.input.serviceLines]);
    const terms = this.hasTermsAt(month) ? this.termsAt(month).terms : null;
    return JSON.stringify([month, terms, this.costsIn(month), this.activityByMonth.get(month) ?? [], this.sharedKey]);
  }

  private cooperativeMonth(month: string): BaseMonth {
    const entries = this.costsIn(month);
    const feePercent = dec(this.coop(month).managementFeePercent);
    const operatingByLine = new Map<string, Dec>();
    const out: BaseMonth = {
      month,
      lines: new Map(),
      investment: new Map(),
      sharedRisk: new Map(),
      attributedRisk: new Map(),
      costs: ZERO,
    };
    for (const e of entries) {
      const amount = money(e.amount);
      out.costs = out.costs.plus(amount);
      if (e.category === 'operating') {
        addTo(operatingByLine, e.serviceLineId!, amount);
      } else if (e.category === 'investment') {
        addAll(out.investment, this.entryShares(e));
      } else if (e.attributableTo !== null) {
        addTo(out.attributedRisk, e.attributableTo, amount);
      } else {
        addAll(out.sharedRisk, this.entryShares(e));
      }
    }
    // Service lines in input order, so errors are deterministic.
    for (const line of this.input.serviceLines) {
      const operatingTotal = operatingByLine.get(line.id);
      if (operatingTotal === undefined || operatingTotal.isZero()) continue;
      const feeTotal = roundPenny(feePercent.times(operatingTotal).div(100));
      out.lines.set(line.id, {
        operating: this.allocateOn(line.id, month, operatingTotal, 'operating cost'),
        fee: this.allocateOn(line.id, month, feeTotal, 'management fee'),
        operatingTotal,
        feeTotal,
      });
    }
    return out;
  }

  private commercialMonth(month: string): BaseMonth {
    const out: BaseMonth = {
      month,
      lines: new Map(),
      investment: new Map(),
      sharedRisk: new Map(),
      attributedRisk: new Map(),
      costs: ZERO,
    };
    for (const e of this.costsIn(month)) out.costs = out.costs.plus(money(e.amount));
    for (const line of this.input.serviceLines) {
      const operating = new Map<string, Dec>();
      let operatingTotal = new D(0);
      for (const m of this.recipientsOf(line.id)) {
        const price = this.monthlyPrice(m.organisationId, line.id, month);
        if (price.isZero()) continue;
        operating.set(m.organisationId, price);
        operatingTotal = operatingTotal.plus(price);
      }
      if (operating.size > 0) out.lines.set(line.id, { operating, fee: new Map(), operatingTotal, feeTotal: ZERO });
    }
    return out;
  }

  /** A member's charge for a service line in a month, before credits: operating + fee (or price). */
  lineCharge(organisationId: string, serviceLineId: string, month: string): Dec {
    const l = this.baseMonth(month).lines.get(serviceLineId);
    if (!l) return ZERO;
    return (l.operating.get(organisationId) ?? ZERO).plus(l.fee.get(organisationId) ?? ZERO);
  }
}

export function createChargeContext(input: LedgerInput, options: { monthMemo?: MonthMemo } = {}): ChargeContext {
  return new ChargeContext(input, options);
}
