import type { On } from '../database/sql';

/**
 * Whether a consortium has approved agreement terms, and of which model. The agreements module owns
 * them and provides this port, so a delivery-model change that would leave the terms unusable is
 * refused before it is made (issue 13: one PATCH made every statement 422).
 */
export interface ApprovedTermsReader {
  /** The models ('cooperative', 'commercial') of the consortium's approved versions. */
  approvedModels(on: On, consortiumId: string): Promise<string[]>;
}

export const APPROVED_TERMS = Symbol('APPROVED_TERMS');
