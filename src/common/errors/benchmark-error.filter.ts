/**
 * The benchmarking core's BenchmarkError as a problem document. Returns are checked when they are
 * written, so these mostly guard against data that reached the core some other way; whatever the
 * route, a client gets a 4xx that names the field, never a 500, except for rules that only broken
 * stored data can break (duplicates the database's keys forbid), which are server faults.
 */
import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { BenchmarkError, type BenchmarkErrorCode } from '../../benchmarking/core/types';
import { problem, sendProblem, type ProblemDocument } from './problem-details.filter';

const STATUS: Record<BenchmarkErrorCode, number> = {
  invalid_amount: 400,
  negative_cost: 400,
  zero_turnover: 400,
  negative_turnover: 400,
  invalid_function: 400,
  invalid_financial_year: 400,
  invalid_return: 400,
  invalid_percentile: 400,
  organisation_not_found: 404,
  empty_peer_group: 422,
  mixed_peer_group: 422,
  duplicate_return: 500,
  duplicate_peer_group: 500,
};

export function benchmarkErrorProblem(err: BenchmarkError): ProblemDocument {
  const status = STATUS[err.code];
  if (status >= 500) return problem(500, 'internal_error', 'Something went wrong on our side; the error has been logged');
  return problem(status, err.code, err.message, err.field ? [{ field: err.field, message: err.message }] : undefined);
}

@Catch(BenchmarkError)
export class BenchmarkErrorFilter implements ExceptionFilter<BenchmarkError> {
  private readonly logger = new Logger('Errors');

  catch(exception: BenchmarkError, host: ArgumentsHost): void {
    sendProblem(host, this.logger, exception, benchmarkErrorProblem(exception));
  }
}
