import type { StoredTerms } from './agreement-terms';

/**
 * One version of a consortium's risk-sharing agreement. At most one `draft` (being edited, guarded by
 * `revision`) and one `active` (approved, in force) per consortium; earlier approved versions are
 * `superseded` and stay readable.
 */
export interface AgreementVersion {
  consortiumId: string;
  version: number;
  status: 'draft' | 'active' | 'superseded';
  model: 'cooperative' | 'commercial';
  terms: StoredTerms;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  approvedAt: Date | null;
  approvedBy: string | null;
}

/** The approved version's number and terms (what statements, month close and exit quotes need). */
export interface ActiveTerms {
  version: number;
  terms: StoredTerms;
}
