/**
 * Closing a month issues every member's statement of it, which the statements module computes; the
 * statements module in turn reads the closed months from here. To keep the dependency one way, the
 * months module declares what it needs as a port and the statements module provides it (bound once,
 * visibly, in StatementsModule).
 */
import type { Consortium } from '../consortia/consortium.model';
import type { Tx } from '../database/sql';
import type { MonthPartJson, StatementDto } from '../statements/core';

export const STATEMENT_ISSUER = Symbol('STATEMENT_ISSUER');

/** One member's statement of a month, with the exact month part it is made of. */
export interface MonthStatement {
  organisationId: string;
  statement: StatementDto;
  part: MonthPartJson;
}

export interface StatementIssuer {
  /**
   * The statements of `month` for consortium `c`, computed in `tx`: one per member whose membership
   * overlaps the month, host first. `month` is the next month to close: every earlier month of the
   * consortium is closed, `month` and the later ones are open.
   */
  statementsOfMonth(tx: Tx, c: Consortium, month: string): Promise<MonthStatement[]>;
}
