/**
 * Evaluation of one SLA for one period (domain.md §7). Pure: plain data in, plain data out.
 *
 * Decisions on points the rulebook leaves open:
 * - no measurement and the period not ended on `asOf` → status null (pending, not yet due); it is
 *   neither a failure nor a credit, and breaks a run of consecutive breaches;
 * - OLAs are evaluated (items) but produce no credit entries at all;
 * - a member is evaluated for a period when at least one day of the period is inside
 *   [joinedOn, leftOn] (so a member joining on 16 May is in the April–June quarter, not in April);
 * - an SLA is evaluated for a period when at least one month of the period is inside
 *   [effectiveFrom, effectiveTo]; otherwise the result has no items and no credits;
 * - credits: one entry per non-host member evaluated in the period (0 included); the host never;
 * - a target counts double when it also failed (breached or missing) for the member in the
 *   previous period, provided the member was a member then and the SLA applied then.
 */
import { D, type Dec } from '../../common/money';
import { MeasurementIndex } from './measurements';
import { groupRecipients, isMemberDuring, slaEffectiveDuring, type Recipient } from './membership';
import { periodEnded, periodOf, previousPeriod, type Period } from './periods';
import { isFailure, parseDecimal, targetStatus } from './status';
import type { CreditPercent, MeasurementInput, PerformanceItem, RecipientInput, SlaInput, Status, TargetInput } from './types';

/** consecutiveBreaches at or above this marks a target `critical`. */
export const CRITICAL_CONSECUTIVE_BREACHES = 3;

export interface SlaEvaluation {
  slaId: string;
  serviceLineId: string;
  period: Period;
  /** False when the SLA is not effective in the period (items and credits are then empty). */
  effective: boolean;
  /** Per target (SLA order), then per recipient (input order) that is a member during the period. */
  items: PerformanceItem[];
  /** Per non-host member during the period; empty for OLAs and non-effective periods. */
  credits: CreditPercent[];
}

/** Plain notation of a decimal (no exponent, no trailing zeros): "5", "2.5", "0". */
export function plainDecimal(x: Dec): string {
  return (x.isZero() ? new D(0) : x).toFixed();
}

/**
 * Evaluates one SLA over many periods with shared caches; use it when evaluating a range
 * (credits-range, history). `evaluateSla` is a one-shot wrapper.
 */
export class SlaEvaluator {
  readonly recipients: Recipient[];
  private readonly index: MeasurementIndex;
  private readonly statusCache = new Map<string, Status | null | undefined>();
  private readonly creditPercents: Dec[];
  private readonly cap: Dec;

  constructor(
    readonly sla: SlaInput,
    recipients: readonly RecipientInput[],
    measurements: Iterable<MeasurementInput> | MeasurementIndex,
    readonly asOf: string,
  ) {
    this.recipients = groupRecipients(recipients);
    this.index = measurements instanceof MeasurementIndex ? measurements : new MeasurementIndex(measurements);
    this.creditPercents = sla.targets.map((t) => parseDecimal(t.creditPercent, `creditPercent of ${t.kpiCode}`));
    this.cap = parseDecimal(sla.creditCapPercent, 'creditCapPercent');
  }

  periodOf(month: string): Period {
    return periodOf(month, this.sla.frequency);
  }

  /** True when the SLA applies to the period and the recipient is a member during it. */
  applies(recipient: Recipient, period: Period): boolean {
    return slaEffectiveDuring(this.sla, period) && isMemberDuring(recipient, period);
  }

  /** The value applying to the recipient in the period (stored against the period's first month). */
  value(target: TargetInput, recipient: Recipient, period: Period): string | null {
    return this.index.valueFor(this.sla.serviceLineId, target.kpiCode, period.start, recipient.organisationId);
  }

  /**
   * Status of the target for the recipient in the period; undefined when not applicable (not a
   * member, or the SLA not effective), null when pending.
   */
  status(target: TargetInput, recipient: Recipient, period: Period): Status | null | undefined {
    const key = `${target.kpiCode}\u0000${recipient.organisationId}\u0000${period.start}`;
    if (this.statusCache.has(key)) return this.statusCache.get(key);
    let s: Status | null | undefined;
    if (!this.applies(recipient, period)) s = undefined;
    else {
      s = targetStatus(target.direction, target.target, target.threshold, this.value(target, recipient, period), periodEnded(period, this.asOf));
    }
    this.statusCache.set(key, s);
    return s;
  }

  /** Periods in a row, ending at `period`, in which the target failed (breached or missing). */
  consecutiveBreaches(target: TargetInput, recipient: Recipient, period: Period): number {
    let n = 0;
    for (let p = period; isFailure(this.status(target, recipient, p) ?? null); p = previousPeriod(p, this.sla.frequency)) {
      n++;
    }
    return n;
  }

  /** Credit percent of a (non-host) recipient for the period, or null when it gets no entry. */
  creditPercent(recipient: Recipient, period: Period): Dec | null {
    if (this.sla.kind !== 'SLA' || recipient.isHost || !this.applies(recipient, period)) return null;
    const prev = previousPeriod(period, this.sla.frequency);
    let total = new D(0);
    this.sla.targets.forEach((t, i) => {
      if (!isFailure(this.status(t, recipient, period) ?? null)) return;
      const repeat = isFailure(this.status(t, recipient, prev) ?? null);
      total = total.plus(repeat ? this.creditPercents[i].times(2) : this.creditPercents[i]);
    });
    if (total.gt(this.cap)) total = this.cap;
    if (total.isNegative()) total = new D(0);
    return total;
  }

  evaluate(period: Period): SlaEvaluation {
    const { sla } = this;
    const effective = slaEffectiveDuring(sla, period);
    const result: SlaEvaluation = {
      slaId: sla.id,
      serviceLineId: sla.serviceLineId,
      period,
      effective,
      items: [],
      credits: [],
    };
    if (!effective) return result;
    const members = this.recipients.filter((r) => isMemberDuring(r, period));
    for (const t of sla.targets) {
      for (const r of members) {
        const consecutiveBreaches = this.consecutiveBreaches(t, r, period);
        result.items.push({
          slaId: sla.id,
          serviceLineId: sla.serviceLineId,
          kpiCode: t.kpiCode,
          organisationId: r.organisationId,
          value: this.value(t, r, period),
          target: t.target,
          threshold: t.threshold,
          status: this.status(t, r, period) ?? null,
          consecutiveBreaches,
          critical: consecutiveBreaches >= CRITICAL_CONSECUTIVE_BREACHES,
        });
      }
    }
    for (const r of members) {
      const pct = this.creditPercent(r, period);
      if (pct === null) continue;
      result.credits.push({
        slaId: sla.id,
        organisationId: r.organisationId,
        serviceLineId: sla.serviceLineId,
        periodMonths: [...period.months],
        creditPercent: plainDecimal(pct),
      });
    }
    return result;
  }
}

/**
 * Evaluates `sla` for the period (of its frequency) containing `month`, as known on `asOf`
 * (`YYYY-MM-DD`). `recipients` are the members receiving the SLA's service line (host included,
 * flagged `isHost`); `measurements` may include other service lines and KPIs (ignored).
 */
export function evaluateSla(sla: SlaInput, recipients: readonly RecipientInput[], measurements: Iterable<MeasurementInput>, month: string, asOf: string): SlaEvaluation {
  const ev = new SlaEvaluator(sla, recipients, measurements, asOf);
  return ev.evaluate(ev.periodOf(month));
}
