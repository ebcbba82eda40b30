/**
 * Twelve-month history per target and organisation, for the performance report's trend charts
 * (domain.md §7). Pure.
 *
 * The window is the 12 months ending at `month`; every period with at least one month in it is
 * listed, oldest first (12 points for monthly SLAs; 4 or 5 for quarterly ones, the last being the
 * quarter containing `month`). A point where the organisation was not a member or the SLA not
 * effective has value null, status null and `applicable` false; a pending point (no value, period
 * not ended on `asOf`) has status null and `applicable` true.
 */
import { addMonths } from '../../common/months';
import { SlaEvaluator } from './evaluate';
import { periodsOverlapping } from './periods';
import type { MeasurementInput, RecipientInput, SlaInput, Status } from './types';

export const HISTORY_MONTHS = 12;

export interface HistoryPoint {
  periodStart: string;
  periodEnd: string;
  value: string | null;
  status: Status | null;
  applicable: boolean;
}

export interface HistorySeries {
  slaId: string;
  serviceLineId: string;
  kpiCode: string;
  organisationId: string;
  target: string;
  threshold: string;
  points: HistoryPoint[];
}

/**
 * One series per target (SLA order) and recipient (input order) that was a member during at least
 * one period of the window while the SLA applied.
 */
export function slaHistory(sla: SlaInput, recipients: readonly RecipientInput[], measurements: Iterable<MeasurementInput>, month: string, asOf: string): HistorySeries[] {
  const ev = new SlaEvaluator(sla, recipients, measurements, asOf);
  const periods = periodsOverlapping(addMonths(month, -(HISTORY_MONTHS - 1)), month, sla.frequency);
  const out: HistorySeries[] = [];
  const shown = ev.recipients.filter((r) => periods.some((p) => ev.applies(r, p)));
  for (const t of sla.targets) {
    for (const r of shown) {
      out.push({
        slaId: sla.id,
        serviceLineId: sla.serviceLineId,
        kpiCode: t.kpiCode,
        organisationId: r.organisationId,
        target: t.target,
        threshold: t.threshold,
        points: periods.map((p) => {
          const applicable = ev.applies(r, p);
          return {
            periodStart: p.start,
            periodEnd: p.end,
            value: applicable ? ev.value(t, r, p) : null,
            status: applicable ? (ev.status(t, r, p) ?? null) : null,
            applicable,
          };
        }),
      });
    }
  }
  return out;
}
