import { ParseUUIDPipe } from '@nestjs/common';
import { ValidationError } from '../errors/domain-error';

/** A UUID path parameter; a malformed one is a 400 naming the parameter. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => new ValidationError([{ field: name, message: `${name} must be a UUID` }]) });
}
