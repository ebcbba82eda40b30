import type { StoredTerms } from './agreement-terms';
import type { DecisionRule, VersionStatus } from './dto';

/**
 * One version of a consortium's risk-sharing agreement (domain.md §12, §13). At most one `draft`
 * (being edited, guarded by `revision`) and one `proposed` (the members vote) per consortium.
 * Approved versions are dated: each prices the months from its `effectiveFrom` until the next
 * approved one; one replaced by a later version from the same month is `superseded`.
 */
export interface AgreementVersion {
  consortiumId: string;
  version: number;
  status: VersionStatus;
  model: 'cooperative' | 'commercial';
  terms: StoredTerms;
  effectiveFrom: string;
  decisionRule: DecisionRule;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  approvedAt: Date | null;
  approvedBy: string | null;
  proposedAt: Date | null;
  decidedAt: Date | null;
}

/** An approved version's number, first month and terms (what statements, month close and exit quotes need). */
export interface ActiveTerms {
  version: number;
  effectiveFrom: string;
  terms: StoredTerms;
}

/** One member organisation's latest vote on a version. */
export interface Vote {
  organisationId: string;
  vote: 'approve' | 'object';
  comment: string | null;
  castBy: string | null;
  castAt: Date;
}
