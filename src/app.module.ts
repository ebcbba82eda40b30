import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AgreementsModule } from './agreements/agreements.module';
import { AppraisalsModule } from './appraisals/appraisals.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BenchmarkingModule } from './benchmarking/benchmarking.module';
import { BenchmarkErrorFilter } from './common/errors/benchmark-error.filter';
import { PdfErrorFilter } from './common/errors/pdf-error.filter';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { ConsortiaModule } from './consortia/consortia.module';
import { APP_CONFIG, type AppConfig } from './config/configuration';
import { CONFIG_SLICE_TOKENS, configSliceProviders } from './config/slices';
import { Clock } from './common/clock';
import { CsvUploads } from './common/csv/csv-upload';
import { ImportSlotsRepository } from './common/csv/import-slots.repository';
import { DatabaseModule } from './database/database.module';
import { DecisionsModule } from './decisions/decisions.module';
import { EventsModule } from './events/events.module';
import { ExitModule } from './exit/exit.module';
import { JobsModule } from './jobs/jobs.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { LedgerModule } from './ledger/ledger.module';
import { StatementsModule } from './statements/statements.module';
import { ScenariosModule } from './scenarios/scenarios.module';
import { KpisModule } from './kpis/kpis.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { ReportsModule } from './reports/reports.module';
import { SchedulesModule } from './schedules/schedules.module';
import { SeedModule } from './seed/seed.module';
import { ServiceLinesModule } from './service-lines/service-lines.module';
import { SlasModule } from './slas/slas.module';
import { MeasurementsModule } from './measurements/measurements.module';
import { MemberRemovalModule } from './member-removal/member-removal.module';
import { NotificationsModule } from './notifications/notifications.module';
import { WebModule } from './web/web.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  /** The whole application for one validated config and one database URL (tests build it the same way). */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          // Every route, in path-to-regexp v8 syntax: nestjs-pino's default ('*') makes Nest warn
          // "LegacyRouteConverter: Unsupported route path /api/v1/*" on every start.
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            autoLogging: config.nodeEnv !== 'test',
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password'],
            customProps: (req) => ({ userId: (req as { user?: { userId?: string } }).user?.userId }),
          },
        }),
        DatabaseModule.forRoot(databaseUrl),
        MetricsModule,
        JobsModule,
        EventsModule,
        AuditModule,
        AuthModule,
        HealthModule,
        OrganisationsModule,
        ConsortiaModule,
        DecisionsModule,
        ServiceLinesModule,
        KpisModule,
        SlasModule,
        MeasurementsModule,
        AgreementsModule,
        MemberRemovalModule,
        LedgerModule,
        StatementsModule,
        ExitModule,
        ScenariosModule,
        BenchmarkingModule,
        AppraisalsModule,
        ReportsModule,
        WebhooksModule,
        NotificationsModule,
        SchedulesModule,
        SeedModule,
        WebModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        ...configSliceProviders(config),
        Clock,
        CsvUploads,
        ImportSlotsRepository,
        // Error families → RFC 9457 problem documents, one filter per family. Nest tries the global
        // filter registered last first: the catch-all ProblemDetailsFilter (DomainError, HTTP,
        // body-parser and PostgreSQL errors, anything else → 500) is listed first, the specific ones after it.
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_FILTER, useClass: PdfErrorFilter },
        { provide: APP_FILTER, useClass: BenchmarkErrorFilter },
      ],
      exports: [APP_CONFIG, ...CONFIG_SLICE_TOKENS, Clock, CsvUploads],
    };
  }
}
