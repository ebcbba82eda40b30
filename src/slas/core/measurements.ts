/**
 * Lookup of measured values (domain.md §7): a partner-specific measurement applies to that member;
 * a service-line-wide one (organisationId null) to every recipient without its own. Pure.
 * When the input holds the same key twice, the last one wins.
 */
import type { MeasurementInput } from './types';

const WIDE = '\u0000wide';

export class MeasurementIndex {
  private readonly values = new Map<string, string>();

  constructor(measurements: Iterable<MeasurementInput>) {
    for (const m of measurements) {
      this.values.set(MeasurementIndex.key(m.serviceLineId, m.kpiCode, m.month, m.organisationId), m.value);
    }
  }

  private static key(serviceLineId: string, kpiCode: string, month: string, organisationId: string | null): string {
    return `${serviceLineId}\u0000${kpiCode}\u0000${month}\u0000${organisationId ?? WIDE}`;
  }

  /** The value applying to `organisationId`: its own, else the service-line-wide one, else null. */
  valueFor(serviceLineId: string, kpiCode: string, month: string, organisationId: string): string | null {
    return (
      this.values.get(MeasurementIndex.key(serviceLineId, kpiCode, month, organisationId)) ?? this.values.get(MeasurementIndex.key(serviceLineId, kpiCode, month, null)) ?? null
    );
  }
}
