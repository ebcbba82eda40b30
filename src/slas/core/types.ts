/**
 * Plain input and output types of the SLA evaluation core (domain.md §7). Pure data: no framework
 * imports. KPI values, targets, thresholds and percentages are decimal strings; months `YYYY-MM`,
 * dates `YYYY-MM-DD`.
 */

export type Direction = 'higher_is_better' | 'lower_is_better';

/**
 * Status of a target for one member in one period.
 * A period that has not ended yet and has no measurement has no status (`null` in outputs, read as
 * "pending / not yet due"): `missing` only applies once the period is over.
 */
export type Status = 'met' | 'at_risk' | 'breached' | 'missing';

export type SlaKind = 'SLA' | 'OLA';
export type Frequency = 'monthly' | 'quarterly';

export interface TargetInput {
  kpiCode: string;
  direction: Direction;
  target: string;
  threshold: string;
  creditPercent: string;
}

export interface SlaInput {
  id: string;
  serviceLineId: string;
  kind: SlaKind;
  frequency: Frequency;
  creditCapPercent: string;
  /** First effective month, `YYYY-MM`. */
  effectiveFrom: string;
  /** Last effective month, `YYYY-MM`, inclusive; null = open-ended. */
  effectiveTo: string | null;
  targets: TargetInput[];
}

/**
 * A recipient of the SLA's service line (a member of the consortium receiving it). Several rows
 * for one organisation (left and re-joined) are allowed: it is a member whenever any row covers.
 */
export interface RecipientInput {
  organisationId: string;
  /** `YYYY-MM-DD`, inclusive. */
  joinedOn: string;
  /** `YYYY-MM-DD`, inclusive; null = still a member. */
  leftOn: string | null;
  isHost: boolean;
}

export interface MeasurementInput {
  kpiCode: string;
  serviceLineId: string;
  /** null = service-line wide (applies to every recipient without its own measurement). */
  organisationId: string | null;
  /** `YYYY-MM`; for quarterly SLAs the first month of the quarter. */
  month: string;
  value: string;
}

/** One target for one member in one period (a row of `GET /performance` `items`). */
export interface PerformanceItem {
  slaId: string;
  serviceLineId: string;
  kpiCode: string;
  organisationId: string;
  /** The measured value as given (partner-specific, else service-line wide), or null. */
  value: string | null;
  target: string;
  threshold: string;
  /** null = no measurement yet and the period has not ended (pending, not yet due). */
  status: Status | null;
  consecutiveBreaches: number;
  critical: boolean;
}

/** Service-credit percentage for one non-host member, one SLA and one period. */
export interface CreditPercent {
  slaId: string;
  organisationId: string;
  serviceLineId: string;
  /** Months of the period; the credit is booked in the last one. */
  periodMonths: string[];
  /** Decimal string in plain notation, e.g. "5", "2.5", "0". */
  creditPercent: string;
}
