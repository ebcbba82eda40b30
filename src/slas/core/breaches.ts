/**
 * Which targets a submission newly breaches (issue 17: the `sla.breached` event). Pure.
 *
 * A target is breaching for a member in a period when its measured value misses the threshold
 * (`breached`), and `critical` when that makes 3 failed periods in a row. A submission publishes one
 * event per (SLA, target, member, period) whose level after the write is breaching and differs from
 * its level before: a first breach, or a breach becoming critical. Resubmitting the same value (or
 * another value with the same status) changes nothing and tells no one again; a target that recovers
 * and later breaches again is told again. Missing measurements are the month close's concern, not
 * a breach anyone submitted.
 */
import { SlaEvaluator } from './evaluate';
import { MeasurementIndex } from './measurements';
import type { MeasurementInput, RecipientInput, SlaInput } from './types';

export interface Touched {
  serviceLineId: string;
  kpiCode: string;
  /** YYYY-MM, as stored (a quarterly target's value is stored against the quarter's first month). */
  month: string;
}

export interface BreachState {
  slaId: string;
  serviceLineId: string;
  kpiCode: string;
  organisationId: string;
  /** The period's first month. */
  month: string;
  level: 'breached' | 'critical';
  value: string;
  target: string;
}

export interface BreachInputs {
  slas: readonly SlaInput[];
  recipientsByServiceLine: ReadonlyMap<string, readonly RecipientInput[]>;
  measurements: readonly MeasurementInput[];
}

function key(b: Pick<BreachState, 'slaId' | 'kpiCode' | 'organisationId' | 'month'>): string {
  return `${b.slaId}\u0000${b.kpiCode}\u0000${b.organisationId}\u0000${b.month}`;
}

/** The breaching targets among those the touched measurements feed, as known on `asOf`. */
export function breachesOf(inputs: BreachInputs, touched: readonly Touched[], asOf: string): BreachState[] {
  const index = new MeasurementIndex(inputs.measurements);
  const out: BreachState[] = [];
  const seen = new Set<string>();
  for (const sla of inputs.slas) {
    const mine = touched.filter((t) => t.serviceLineId === sla.serviceLineId && sla.targets.some((x) => x.kpiCode === t.kpiCode));
    if (!mine.length) continue;
    const ev = new SlaEvaluator(sla, inputs.recipientsByServiceLine.get(sla.serviceLineId) ?? [], index, asOf);
    const periods = new Map(mine.map((t) => [ev.periodOf(t.month).start, ev.periodOf(t.month)]));
    for (const period of periods.values()) {
      const kpis = new Set(mine.filter((t) => ev.periodOf(t.month).start === period.start).map((t) => t.kpiCode));
      for (const item of ev.evaluate(period).items) {
        if (!kpis.has(item.kpiCode) || item.status !== 'breached' || item.value === null) continue;
        const b: BreachState = {
          slaId: sla.id,
          serviceLineId: sla.serviceLineId,
          kpiCode: item.kpiCode,
          organisationId: item.organisationId,
          month: period.start,
          level: item.critical ? 'critical' : 'breached',
          value: item.value,
          target: item.target,
        };
        if (seen.has(key(b))) continue;
        seen.add(key(b));
        out.push(b);
      }
    }
  }
  return out;
}

/** The breaches of `after` that are new, or of another level, compared with `before`. */
export function newBreaches(before: readonly BreachState[], after: readonly BreachState[]): BreachState[] {
  const was = new Map(before.map((b) => [key(b), b.level]));
  return after.filter((b) => was.get(key(b)) !== b.level);
}
