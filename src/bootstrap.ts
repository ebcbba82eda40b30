import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { ValidationError } from './common/errors/domain-error';
import { MONTH_PATTERN } from './common/http/openapi';
import { jsonDeeperThan, nulFields, setDateWindow } from './common/validation/input-limits';
import { createValidationPipe } from './common/validation/validation';
import type { AppConfig } from './config/configuration';
import type { WebAssets } from './web/assets';
import type { WebCsrf } from './web/csrf';
import { Metrics } from './metrics/metrics.service';
import { serveMetrics, timeRequests } from './metrics/metrics-http';
import { mountWeb } from './web/mount';
import { WEB_ASSETS, WEB_CSRF, WebPages } from './web/web-pages';
import { WEB_ROUTES } from './web/web-routes';

export const API_PREFIX = 'api/v1';

/**
 * Builds the configured application (used by main.ts and by the e2e tests, so both run the same
 * stack: helmet, body limits, problem documents, validation, OpenAPI).
 */
export async function createApp(config: AppConfig, databaseUrl: string, opts: { logger?: boolean } = {}): Promise<INestApplication> {
  // The config the app sees names the database it runs on (the embedded one, or the tests', when DATABASE_URL is unset).
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ ...config, databaseUrl }, databaseUrl), {
    bodyParser: false,
    bufferLogs: true,
    logger: opts.logger === false ? false : undefined,
  });
  if (opts.logger !== false) app.useLogger(app.get(Logger));
  // X-Forwarded-For is believed only from the proxies named in TRUSTED_PROXIES (none by default), so a
  // client cannot choose the address its login attempts are counted against.
  app.set('trust proxy', config.trustedProxies.length ? config.trustedProxies : false);
  // Request latency by matched route, for every request (first, so it times the whole stack).
  const metrics = app.get(Metrics);
  app.use(timeRequests(metrics));
  app.use(helmet());
  // Prometheus metrics, outside the API prefix (no Nest route: not in the OpenAPI document). The
  // reverse proxy does not route it: Prometheus scrapes each process directly (docs/operations.md).
  const server: express.Express = app.getHttpAdapter().getInstance();
  server.get('/metrics', serveMetrics(metrics, config.metricsToken));
  setDateWindow(config.dateWindow);
  app.use(
    express.json({
      limit: config.bodyLimit,
      type: ['application/json', 'application/*+json'],
      // Depth is checked on the raw bytes before JSON.parse: a body nested 10,000 deep would
      // otherwise parse, then overflow the stack of every recursive walk after it (a 500 that
      // also blocks the event loop). body-parser passes the thrown error (status 400) to next().
      verify: (_req, _res, buf) => {
        if (jsonDeeperThan(buf, config.maxJsonDepth)) {
          throw new ValidationError([{ field: 'body', message: `the JSON is nested deeper than ${config.maxJsonDepth} levels` }], 'The request body is nested too deeply');
        }
      },
    }),
  );
  // PostgreSQL text cannot hold a NUL character: a string with one, anywhere in a JSON body or the
  // query, is a 400 naming the field before any handler sees it.
  app.use((req: Request, _res: Response, next: NextFunction) => {
    const errors = [...nulFields(req.body as unknown), ...nulFields(req.query)];
    next(errors.length ? new ValidationError(errors, 'A field contains a NUL character') : undefined);
  });
  // Errors raised by the body parser (too large, malformed) become problem documents too.
  const filter = new ProblemDetailsFilter();
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!err) return next();
    const doc = filter.toProblem(err);
    doc.instance = req.originalUrl;
    res.status(doc.status).type('application/problem+json').send(JSON.stringify(doc));
  });
  // The web pages live outside the API's prefix: home, sign-in and out, and /consortium/:id/… (the API's
  // are /api/v1/consortia/:id/…). Their own stack (cookies, forms, CSRF, CSP, assets): src/web/mount.ts.
  app.setGlobalPrefix(API_PREFIX, { exclude: WEB_ROUTES });
  mountWeb(app.getHttpAdapter().getInstance(), {
    assets: app.get<WebAssets>(WEB_ASSETS),
    csrf: app.get<WebCsrf>(WEB_CSRF),
    pages: app.get(WebPages),
    secure: config.nodeEnv === 'production',
    formLimit: config.bodyLimit,
  });
  app.useGlobalPipes(createValidationPipe());
  // The OpenAPI document and its page: on by default, off by default in production (API_DOCS).
  if (config.apiDocs) {
    const doc = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Shared-service consortium platform')
        .setDescription(
          'Consortia of NHS organisations sharing back-office services: members, service lines, SLAs, risk-sharing ' +
            'agreements, statements, exit quotes, benchmarking and board reports. Errors are RFC 9457 problem documents; ' +
            'money is a two-decimal string.',
        )
        .setVersion('1')
        .addBearerAuth()
        .build(),
    );
    describeProblems(doc);
    closeObjectSchemas(doc);
    describePathParameters(doc);
    SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
  }
  await app.init();
  return app;
}

/**
 * Every named object schema with known properties refuses others (`additionalProperties: false`):
 * request bodies because the validation pipe refuses unknown fields (forbidNonWhitelisted), response
 * bodies because every view is built field by field. Maps keep their own `additionalProperties`.
 */
function closeObjectSchemas(doc: OpenAPIObject): void {
  for (const schema of Object.values(doc.components?.schemas ?? {})) {
    if ('$ref' in schema || !schema.properties || schema.additionalProperties !== undefined) continue;
    schema.additionalProperties = false;
  }
}

/**
 * Path parameters have formats: every `:id`, `:organisationId`, `:serviceLineId`, `:slaId` and
 * `:jobId` is parsed with uuidParam (a malformed one is a 400), `:month` is a month, `:version` a
 * whole number.
 */
function describePathParameters(doc: OpenAPIObject): void {
  const formats: Record<string, SchemaObject> = {
    id: { type: 'string', format: 'uuid' },
    organisationId: { type: 'string', format: 'uuid' },
    serviceLineId: { type: 'string', format: 'uuid' },
    slaId: { type: 'string', format: 'uuid' },
    jobId: { type: 'string', format: 'uuid' },
    month: { type: 'string', pattern: MONTH_PATTERN },
    version: { type: 'integer', minimum: 1 },
  };
  for (const item of Object.values(doc.paths)) {
    for (const op of [item.get, item.put, item.post, item.patch, item.delete]) {
      for (const p of op?.parameters ?? []) {
        if ('in' in p && p.in === 'path' && formats[p.name]) p.schema = formats[p.name];
      }
    }
  }
}

/** Every operation documents its error responses as RFC 9457 problem documents. */
function describeProblems(doc: OpenAPIObject): void {
  doc.components ??= {};
  doc.components.schemas ??= {};
  doc.components.schemas.Problem = {
    type: 'object',
    required: ['type', 'title', 'status', 'detail', 'code'],
    properties: {
      type: { type: 'string', example: '/problems/validation-error' },
      title: { type: 'string', example: 'Bad Request' },
      status: { type: 'integer', example: 400 },
      detail: { type: 'string', example: 'The request has invalid fields' },
      code: { type: 'string', example: 'validation_error' },
      instance: { type: 'string' },
      errors: {
        type: 'array',
        items: {
          type: 'object',
          required: ['field', 'message'],
          properties: { field: { type: 'string' }, message: { type: 'string' }, row: { type: 'integer', description: 'CSV imports: the line of the file' } },
          additionalProperties: false,
        },
      },
    },
  };
  const text: Record<string, string> = {
    '400': 'Invalid input: every bad field is named in `errors`',
    '401': 'No valid bearer token',
    '403': 'The role may not do this',
    '404': 'Not found, or not visible to the caller',
    '409': 'Conflicts with the current state',
    '413': 'Body too large',
    '422': 'Breaks a rule that is not about one field',
    '429': 'Too many requests',
    '503': 'A dependency (database, browser) is unavailable',
  };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = (item as Record<string, { responses?: Record<string, unknown>; security?: unknown[] }>)[method];
      if (!op) continue;
      op.responses ??= {};
      const codes = ['400', '404', '409', '422'];
      if (!/\/health(\/live|\/ready)?$/.test(path) && !path.endsWith('/auth/login')) codes.push('401', '403');
      if (method !== 'get') codes.push('413');
      for (const code of codes) {
        op.responses[code] ??= { description: text[code], content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
      }
    }
  }
}
