/**
 * What the web front door adds to the Express stack, for paths outside the API (/api/…): cookies,
 * form bodies, CSRF checks on every unsafe request, the assets, and a Content-Security-Policy with
 * no inline script. The API keeps its own stack (JSON bodies, bearer tokens, no cookies read).
 */
import { withRequestMemo } from '../common/request-memo';
import cookieParser from 'cookie-parser';
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { mountWebAssets, type WebAssets } from './assets';
import type { WebCsrf } from './csrf';
import type { WebPages } from './web-pages';
import { isCsrfError } from './web-error.filter';

const isApi = (req: Request) => req.path.startsWith('/api/');

function outsideApi(h: RequestHandler): RequestHandler {
  return (req, res, next) => (isApi(req) ? next() : h(req, res, next));
}

export function mountWeb(app: Express, o: { assets: WebAssets; csrf: WebCsrf; pages: WebPages; secure: boolean; formLimit: string }): void {
  mountWebAssets(app, o.assets);
  app.use(
    outsideApi(
      helmet({
        contentSecurityPolicy: {
          useDefaults: false,
          directives: {
            defaultSrc: ["'self'"],
            scriptSrc: ["'self'"],
            // The charts' SVG carries presentation attributes only; no inline style or script is needed.
            styleSrc: ["'self'"],
            imgSrc: ["'self'", 'data:'],
            fontSrc: ["'self'"],
            connectSrc: ["'self'"],
            formAction: ["'self'"],
            frameAncestors: ["'none'"],
            baseUri: ["'self'"],
            objectSrc: ["'none'"],
            ...(o.secure ? { upgradeInsecureRequests: [] } : {}),
          },
        },
      }),
    ),
  );
  app.use(outsideApi(cookieParser()));
  app.use(outsideApi(express.urlencoded({ extended: false, limit: o.formLimit })));
  app.use(
    outsideApi((req: Request, res: Response, next: NextFunction) => {
      o.csrf.protect(req, res, (err?: unknown) => {
        if (err && isCsrfError(err)) return o.pages.send(req, res, 403, 'form-expired', { title: 'This form has expired' });
        next(err);
      });
    }),
  );
  // A page (GET) reads the consortium and the caller's membership once, however many services it calls.
  app.use(outsideApi((req: Request, _res: Response, next: NextFunction) => (req.method === 'GET' || req.method === 'HEAD' ? withRequestMemo(() => next()) : next())));
}
