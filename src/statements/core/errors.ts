/**
 * The one error type of the calculation core. The HTTP layer maps it to a 422 problem document
 * (rule violations that are not field errors); `code` is stable and machine-readable.
 */
export type CalculationErrorCode =
  /** Σ weights = 0 with an amount to share (no member receives the service line that month). */
  | 'zero_weights'
  /** `activity` basis: every recipient's volume is 0 (or missing) while there is cost to share. */
  | 'activity_all_zero'
  /** A negative weight (e.g. negative turnover or volume). */
  | 'negative_weight'
  /** Exit quote: no complete month of membership before the notice month. */
  | 'no_charging_history'
  /** Input the core cannot work with (unknown member or service line, bad month, wrong terms...). */
  | 'invalid_input';

export interface CalculationErrorDetails {
  serviceLineId?: string;
  serviceLineCode?: string;
  month?: string;
  organisationId?: string;
  costEntryId?: string;
}

export class CalculationError extends Error {
  override readonly name = 'CalculationError';

  constructor(
    readonly code: CalculationErrorCode,
    message: string,
    readonly details: CalculationErrorDetails = {},
  ) {
    super(message);
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export function isCalculationError(e: unknown): e is CalculationError {
  return e instanceof CalculationError;
}
