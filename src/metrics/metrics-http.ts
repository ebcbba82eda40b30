/**
 * The HTTP side of the metrics: a middleware timing every request by its matched route pattern
 * (never the raw URL: ids would make a series per consortium), and the /metrics handler, which asks
 * for `Authorization: Bearer <METRICS_TOKEN>` when that is set.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { UnauthenticatedError } from '../common/errors/domain-error';
import { ProblemDetailsFilter } from '../common/errors/problem-details.filter';
import type { Metrics } from './metrics.service';

/** The route label: the pattern Express matched (`/api/v1/consortia/:id/statements`), or `unmatched`. */
export function routeLabel(req: Request): string {
  const route = (req as { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? `${req.baseUrl ?? ''}${route.path}` : 'unmatched';
}

export function timeRequests(metrics: Metrics): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const end = metrics.httpDuration.startTimer();
    res.once('finish', () => end({ method: req.method, route: routeLabel(req), status_code: String(res.statusCode) }));
    next();
  };
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Whether `header` is `Bearer <token>` (compared in constant time). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer (.+)$/.exec(header ?? '');
  return !!m && timingSafeEqual(digest(m[1]), digest(token));
}

export function serveMetrics(metrics: Metrics, token: string | undefined): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (token && !bearerMatches(req.headers.authorization, token)) {
      const doc = new ProblemDetailsFilter().toProblem(new UnauthenticatedError('/metrics needs Authorization: Bearer <METRICS_TOKEN>'));
      res.status(401).set('WWW-Authenticate', 'Bearer realm="metrics"').type('application/problem+json').send(JSON.stringify(doc));
      return;
    }
    metrics
      .scrape()
      .then(({ contentType, body }) => res.type(contentType).send(body))
      .catch(next);
  };
}
