/**
 * The one error type of the calculation core: a rule the data breaks that is not about one field of
 * a request. It is a DomainError (422, its stable machine-readable `code`, its details as field
 * errors), so ProblemDetailsFilter maps it to a problem document like every other domain error and
 * callers that handle domain errors (e.g. a report noting that no exit quote can be given) handle it
 * too; nobody translates it by hand.
 */
import { DomainError, type FieldError } from '../../common/errors/domain-error';

export type CalculationErrorCode =
  /** Σ weights = 0 with an amount to share (no member receives the service line that month). */
  | 'zero_weights'
  /** `activity` basis: every recipient's volume is 0 (or missing) while there is cost to share. */
  | 'activity_all_zero'
  /** A negative weight (e.g. negative turnover or volume). */
  | 'negative_weight'
  /** Exit quote: no complete month of membership before the notice month. */
  | 'no_charging_history'
  /** A month before the first approved agreement version's effectiveFrom has no terms to price it. */
  | 'no_terms_in_force'
  /** Input the core cannot work with (unknown member or service line, bad month, wrong terms...). */
  | 'invalid_input';

export interface CalculationErrorDetails {
  serviceLineId?: string;
  serviceLineCode?: string;
  month?: string;
  organisationId?: string;
  costEntryId?: string;
}

/** The details as the problem document's `errors`: one per detail given, in order. */
function fieldErrors(details: CalculationErrorDetails): FieldError[] {
  return Object.entries(details)
    .filter(([, v]) => v !== undefined)
    .map(([field, v]) => ({ field, message: String(v) }));
}

export class CalculationError extends DomainError {
  override readonly name = 'CalculationError';

  constructor(
    override readonly code: CalculationErrorCode,
    message: string,
    readonly details: CalculationErrorDetails = {},
  ) {
    super(code, 422, message, fieldErrors(details));
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
