import type { On } from '../database/sql';

/**
 * The cost entries of a service line, as far as its go-live needs them (domain.md §12: before its
 * go-live a line has no operating costs). The ledger module owns the entries and provides this port,
 * so the service-lines module (which the ledger module depends on) can refuse moving a go-live past
 * an existing entry.
 */
export interface LineCostsReader {
  /** The earliest month with a cost entry naming the line, or null. */
  firstCostMonth(on: On, consortiumId: string, serviceLineId: string): Promise<string | null>;
}

export const LINE_COSTS = Symbol('LINE_COSTS');
