/**
 * CSRF protection for every form (csrf-csrf, the double-submit cookie pattern): a form carries a
 * token (`_csrf`, a hidden field, or in the action's query for file uploads, whose body is read
 * later) that must match the HttpOnly CSRF cookie and the session it was issued to. Safe methods
 * (GET, HEAD, OPTIONS) are not checked; a POST without a valid token is refused before its handler
 * runs. The API is not affected: it takes bearer tokens, never cookies.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import { CSRF_COOKIE, PRESESSION_COOKIE, SESSION_COOKIE, type WebConfig } from './web-config';

export interface WebCsrf {
  /** A token for a form on the page being rendered (sets the CSRF cookie when needed). */
  token(req: Request, res: Response): string;
  /** Middleware: refuses an unsafe request whose token is missing or wrong (error code EBADCSRFTOKEN). */
  protect(req: Request, res: Response, next: NextFunction): void;
}

function cookie(req: Request, name: string): string | undefined {
  const v = (req.cookies as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' && v ? v : undefined;
}

export function createWebCsrf(config: WebConfig): WebCsrf {
  const secure = config.secureCookies;
  const { generateCsrfToken, doubleCsrfProtection } = doubleCsrf({
    getSecret: () => config.csrfSecret,
    // The signed-in session's cookie, or before sign-in the browser's pre-session id.
    getSessionIdentifier: (req) => cookie(req, SESSION_COOKIE(secure)) ?? cookie(req, PRESESSION_COOKIE(secure)) ?? '',
    cookieName: CSRF_COOKIE(secure),
    cookieOptions: { sameSite: 'strict', path: '/', secure, httpOnly: true },
    getCsrfTokenFromRequest: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const fromBody = body && typeof body._csrf === 'string' ? body._csrf : undefined;
      const fromQuery = typeof req.query._csrf === 'string' ? req.query._csrf : undefined;
      return fromBody ?? fromQuery ?? null;
    },
    errorConfig: { statusCode: 403, message: 'The form could not be checked', code: 'EBADCSRFTOKEN' },
  });
  return {
    token(req, res) {
      if (!cookie(req, SESSION_COOKIE(secure)) && !cookie(req, PRESESSION_COOKIE(secure))) {
        const id = randomUUID();
        res.cookie(PRESESSION_COOKIE(secure), id, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
        (req.cookies as Record<string, string>)[PRESESSION_COOKIE(secure)] = id;
      }
      return generateCsrfToken(req, res, { overwrite: false, validateOnReuse: false });
    },
    protect: doubleCsrfProtection,
  };
}
