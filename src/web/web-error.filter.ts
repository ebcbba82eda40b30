import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '../common/errors/domain-error';
import { pdfErrorProblem } from '../common/errors/pdf-error.filter';
import { PdfError } from '../reports/pdf/errors';
import { WebPages } from './web-pages';

/**
 * Errors on web pages become pages, never JSON: not signed in → the sign-in page (coming back here
 * afterwards); signed in with a temporary password → the page to choose one's own (likewise); another tenant's or an unknown id → the 404 page (the same as a page that does not
 * exist, so nothing leaks); not allowed → the 403 page; a form whose CSRF token is missing or stale
 * → a page saying so; a PDF the renderer cannot make now (busy, timed out, no browser) → a page
 * saying so with the API's status and Retry-After; anything else → the service's problem page, logged.
 */
@Catch()
export class WebErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('Web');

  constructor(private readonly pages: WebPages) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const status = statusOf(err);
    if (status === 401) {
      const next = req.method === 'GET' ? req.originalUrl : '/';
      res.redirect(303, `/sign-in?next=${encodeURIComponent(next)}`);
      return;
    }
    if (err instanceof DomainError && err.code === 'password_change_required') {
      // signed in with a temporary password: choose your own first, then on to where you were going
      const next = req.method === 'GET' ? req.originalUrl : '/';
      res.redirect(303, `/account/password?next=${encodeURIComponent(next)}`);
      return;
    }
    if (isCsrfError(err)) {
      this.pages.send(req, res, 403, 'form-expired', { title: 'This form has expired' });
      return;
    }
    if (status === 404) return this.pages.send(req, res, 404, 'not-found', { title: 'Page not found' });
    if (status === 403) return this.pages.send(req, res, 403, 'forbidden', { title: 'You cannot do this' });
    if (status === 409 || status === 422 || status === 400) {
      const detail = err instanceof DomainError ? err.message : 'The request could not be completed';
      return this.pages.send(req, res, status, 'cannot-complete', { title: 'This could not be done', detail });
    }
    if (err instanceof PdfError) {
      const { doc, retryAfter } = pdfErrorProblem(err);
      this.log.warn(`PDF not made: ${err.code}: ${err.message}`);
      if (!res.headersSent) res.setHeader('Retry-After', String(retryAfter));
      return this.pages.send(req, res, doc.status, 'cannot-complete', { title: 'The PDF could not be made', detail: doc.detail });
    }
    if (status >= 400 && status < 500) {
      // any other refusal (a request that took too long, too many requests, too large…): the API's
      // status, and what it said, on a page; never the 500 page for the user's own request
      const detail = err instanceof DomainError || err instanceof HttpException ? err.message : 'The request could not be completed';
      return this.pages.send(req, res, status, 'cannot-complete', { title: 'This could not be done', detail });
    }
    this.log.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    this.pages.send(req, res, 500, 'problem', { title: 'Sorry, there is a problem with the service' });
  }
}

function statusOf(err: unknown): number {
  if (err instanceof DomainError) return err.status;
  if (err instanceof HttpException) return err.getStatus();
  if (isCsrfError(err)) return 403;
  return 500;
}

export function isCsrfError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'EBADCSRFTOKEN';
}
