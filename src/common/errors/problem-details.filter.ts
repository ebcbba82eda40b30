import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { ClientGoneError } from '../http/response-sink';
import { DomainError, FieldError } from './domain-error';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  errors?: FieldError[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
  500: 'internal_error',
  503: 'unavailable',
};

export function problem(status: number, code: string, detail: string, errors?: FieldError[]): ProblemDocument {
  return {
    type: `/problems/${code.replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length ? { errors } : {}),
  };
}

/** Maps a PostgreSQL error to a problem, so bad input that reaches the database is still a 4xx. */
function fromDatabase(err: QueryFailedError & { code?: string; detail?: string; constraint?: string; column?: string }): ProblemDocument | null {
  switch (err.code) {
    case '23505':
      return problem(409, 'duplicate', 'A resource with the same unique fields already exists', [
        { field: (err.detail?.match(/\(([^)]+)\)=/)?.[1] ?? err.constraint ?? 'unknown').replace(/_(\w)/g, (_: string, c: string) => c.toUpperCase()), message: 'already exists' },
      ]);
    case '23503':
      return problem(400, 'invalid_reference', 'A referenced resource does not exist');
    case '23514':
      return problem(400, 'constraint_violation', `A value breaks a rule (${err.constraint ?? 'check'})`);
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
    case '22001':
      return problem(400, 'invalid_value', 'A value is not valid for its field');
    case '40001':
    case '40P01':
      return problem(409, 'concurrent_update', 'The resource was changed by another request; try again');
    default:
      return null;
  }
}

/**
 * Sends `doc` for the request of `host` (every error filter ends here): logs a 5xx with its error,
 * names the request in `instance`, and adds `headers` (e.g. Retry-After).
 */
export function sendProblem(host: ArgumentsHost, logger: Logger, exception: unknown, doc: ProblemDocument, headers: Record<string, string> = {}): void {
  const ctx = host.switchToHttp();
  const res = ctx.getResponse<Response>();
  const req = ctx.getRequest<Request | undefined>();
  if (doc.status >= 500) logger.error({ err: exception, path: req?.url }, 'Unhandled error');
  doc.instance = req?.originalUrl ?? req?.url;
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(doc.status).type('application/problem+json').send(JSON.stringify(doc));
}

/** Turns every error into an RFC 9457 problem document (application/problem+json). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    sendProblem(host, this.logger, exception, this.toProblem(exception), exception instanceof DomainError ? exception.headers : {});
  }

  toProblem(exception: unknown): ProblemDocument {
    // The client left mid-request (an upload cut short): nobody reads this answer, and it is no server fault.
    if (exception instanceof ClientGoneError) return problem(499, 'client_closed_request', exception.message);
    if (exception instanceof DomainError) {
      return problem(exception.status, exception.code, exception.message, exception.errors);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse() as { message?: unknown; errors?: FieldError[]; code?: string } | string;
      if (typeof body === 'object' && body && Array.isArray(body.errors)) {
        return problem(status, body.code ?? CODES[status] ?? 'error', typeof body.message === 'string' ? body.message : 'Invalid request', body.errors);
      }
      const message =
        typeof body === 'string' ? body : Array.isArray(body?.message) ? body.message.join('; ') : typeof body?.message === 'string' ? body.message : exception.message;
      return problem(status, CODES[status] ?? 'error', message);
    }
    if (exception instanceof QueryFailedError) {
      const mapped = fromDatabase(exception as QueryFailedError & { code?: string });
      if (mapped) return mapped;
    }
    const e = exception as { type?: string; status?: number; statusCode?: number; message?: string } | undefined;
    // body-parser errors (malformed JSON, too large, wrong charset)
    if (e?.type === 'entity.too.large') return problem(413, 'payload_too_large', 'The request body is too large');
    if (e?.type === 'entity.parse.failed') return problem(400, 'malformed_body', 'The request body is not valid JSON');
    if (e?.type && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      return problem(e.status, CODES[e.status] ?? 'bad_request', e.message ?? 'Bad request');
    }
    if (isDatabaseDown(exception)) {
      return problem(HttpStatus.SERVICE_UNAVAILABLE, 'database_unavailable', 'The database is unavailable; try again shortly');
    }
    return problem(500, 'internal_error', 'An unexpected error occurred');
  }
}

function isDatabaseDown(e: unknown): boolean {
  const err = e as { code?: string; message?: string; name?: string } | undefined;
  if (!err) return false;
  // TypeORM releases a transaction's runner when its connection dies mid-transaction: the server
  // rolled it back, nothing was written, and the client should retry.
  if (err.name === 'QueryRunnerAlreadyReleasedError') return true;
  // Connection refused/reset, admin shutdown, crash, starting up, connection failures, too many
  // connections, database gone: all "try again shortly", never a 500.
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03', '08006', '08001', '08003', '08004', '53300', '3D000'].includes(err.code ?? '')) return true;
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error|not currently accepting connections|the database system is (starting up|shutting down)/i.test(
    err.message ?? '',
  );
}
