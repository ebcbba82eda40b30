/**
 * Service-credit percentages booked in a range of months (domain.md §7): a credit for period P is
 * booked in P's last month. Feeds the statements core, which turns a percent into pounds:
 * credit = percent × the member's charge for the service line over `periodMonths`. Pure.
 */
import { MeasurementIndex } from './measurements';
import { periodsEndingIn } from './periods';
import { SlaEvaluator } from './evaluate';
import type { CreditPercent, MeasurementInput, RecipientInput, SlaInput } from './types';

export type RecipientsByServiceLine = ReadonlyMap<string, readonly RecipientInput[]> | Readonly<Record<string, readonly RecipientInput[]>>;

function recipientsOf(by: RecipientsByServiceLine, serviceLineId: string): readonly RecipientInput[] {
  if (by instanceof Map) return (by as ReadonlyMap<string, readonly RecipientInput[]>).get(serviceLineId) ?? [];
  return (by as Readonly<Record<string, readonly RecipientInput[]>>)[serviceLineId] ?? [];
}

/**
 * Every non-zero credit of `slas` (OLAs give none, the host none) whose period's last month lies
 * within from..to, as known on `asOf`. Order: SLA order, then period, then recipient order.
 */
export function creditPercentsForRange(
  slas: readonly SlaInput[],
  recipientsByServiceLine: RecipientsByServiceLine,
  measurements: Iterable<MeasurementInput>,
  from: string,
  to: string,
  asOf: string,
): CreditPercent[] {
  const out: CreditPercent[] = [];
  const index = new MeasurementIndex(measurements);
  for (const sla of slas) {
    if (sla.kind !== 'SLA') continue;
    const ev = new SlaEvaluator(sla, recipientsOf(recipientsByServiceLine, sla.serviceLineId), index, asOf);
    for (const period of periodsEndingIn(from, to, sla.frequency)) {
      for (const credit of ev.evaluate(period).credits) {
        if (credit.creditPercent !== '0') out.push(credit);
      }
    }
  }
  return out;
}
