import type { Tx } from '../database/sql';

/**
 * Taking a joining member's allocation drivers (domain.md §12): when an organisation joins, the
 * consortium records a row for the financial year it joins in, from the organisation's profile as it
 * is then. The consortia module enrols; the ledger module, which owns the drivers, provides this.
 */
export interface DriverSnapshot {
  /** Records the row unless the member already has one for that year. */
  take(tx: Tx, row: { consortiumId: string; organisationId: string; financialYear: string; annualTurnover: string; headcount: string }): Promise<void>;
}

export const DRIVER_SNAPSHOT = Symbol('DRIVER_SNAPSHOT');
