/**
 * Domain errors carry a stable code and an HTTP status; ProblemDetailsFilter turns them into
 * RFC 9457 problem documents. Services throw these, never raw HttpExceptions for rule violations.
 */
export interface FieldError {
  field: string;
  message: string;
  row?: number;
}

export class DomainError extends Error {
  /** Response headers that go with the problem (e.g. Retry-After). */
  headers: Record<string, string> = {};

  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}

/** 404 for missing resources and for other tenants' resources alike: never reveal existence. */
export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('not_found', 404, `${what} not found`);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Your role does not allow this') {
    super('forbidden', 403, message);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, errors: FieldError[] = []) {
    super(code, 409, message, errors);
  }
}

/** 429 with Retry-After: try again later (e.g. too many imports of one user at once). */
export class TooManyRequestsError extends DomainError {
  constructor(code: string, message: string, retryAfterSeconds: number) {
    super(code, 429, message);
    this.headers = { 'Retry-After': String(retryAfterSeconds) };
  }
}

/** 400 naming the fields at fault. */
export class ValidationError extends DomainError {
  constructor(errors: FieldError[], message = 'The request has invalid fields') {
    super('validation_error', 400, message, errors);
  }
}

/** 422: a rule that is not about one field (e.g. no charging history for an exit quote). */
export class RuleError extends DomainError {
  constructor(code: string, message: string, errors: FieldError[] = []) {
    super(code, 422, message, errors);
  }
}

/** 401: no valid credentials (no or a bad token, a wrong password, a user that no longer exists). */
export class UnauthenticatedError extends DomainError {
  constructor(message: string) {
    super('unauthorized', 401, message);
  }
}
