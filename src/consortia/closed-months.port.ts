import type { On } from '../database/sql';

/**
 * The closed months of a consortium (domain.md §12: closed months are closed for every input that
 * priced them). The months module owns them and provides this port, so the consortia, service-line,
 * SLA and agreement modules can refuse a change that would alter a closed month without depending
 * on the months module (which depends on them).
 */
export interface ClosedMonthsReader {
  /** Oldest first; the closed months are always a prefix of the consortium's months. */
  closedList(on: On, consortiumId: string): Promise<string[]>;
}

export const CLOSED_MONTHS = Symbol('CLOSED_MONTHS');
