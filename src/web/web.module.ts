import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/configuration';
import { BenchmarkingModule } from '../benchmarking/benchmarking.module';
import { ExitModule } from '../exit/exit.module';
import { KpisModule } from '../kpis/kpis.module';
import { MonthsModule } from '../months/months.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ReportsModule } from '../reports/reports.module';
import { ServiceLinesModule } from '../service-lines/service-lines.module';
import { SlasModule } from '../slas/slas.module';
import { AgreementPageController } from './agreement.controller';
import { AppraisalsPageController } from './appraisals.controller';
import { AppraisalsModule } from '../appraisals/appraisals.module';
import { AgreementDraftPageController } from './agreement-draft.controller';
import { loadWebAssets } from './assets';
import { AuditPageController } from './audit.controller';
import { BatchesPageController } from './batches.controller';
import { BenchmarkingPageController } from './benchmarking.controller';
import { BoardPageController } from './board.controller';
import { BenefitsPageController } from './benefits.controller';
import { BenefitsModule } from '../benefits/benefits.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { WebhooksPageController } from './webhooks.controller';
import { createWebCsrf } from './csrf';
import { ExitQuotePageController } from './exit.controller';
import { ScenariosPageController } from './scenarios.controller';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { HomeController } from './home.controller';
import { MembersPageController, ReceivedInvitationsController } from './members.controller';
import { NewConsortiumController } from './new-consortium.controller';
import { MeasurementsController, MeasurementsPage, UploadTooLargeFilter } from './measurements.controller';
import { MonthsPageController } from './months.controller';
import { CostsPageController } from './costs.controller';
import { ActivityPageController } from './activity.controller';
import { OverviewController } from './overview.controller';
import { PerformanceController } from './performance.controller';
import { NotFoundController } from './not-found.controller';
import { ReportsPageController } from './reports.controller';
import { SchedulesPageController } from './schedules.controller';
import { SchedulesModule } from '../schedules/schedules.module';
import { ServiceLinesPageController } from './service-lines.controller';
import { SlasPageController } from './slas.controller';
import { SignInController } from './sign-in.controller';
import { StatementsPageController } from './statements.controller';
import { UsersPageController } from './users.controller';
import { NotificationsPageController } from './notifications.controller';
import { AccountPasswordController } from './account-password.controller';
import { NotificationsModule } from '../notifications/notifications.module';
import { WebSession, WebSignedInGuard } from './web-auth';
import { WEB_CONFIG, webConfig, type WebConfig } from './web-config';
import { WebConsortia } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebNotFoundFilter } from './web-not-found.filter';
import { WEB_ASSETS, WEB_CSRF, WEB_TEMPLATES, WebPages } from './web-pages';
import { WebTemplates } from './web-templates';

/**
 * The web front door (issue 14): server-rendered pages on the NHS design system, for the same users
 * and under the same access rules as the API, whose services they call.
 */
@Module({
  imports: [
    OrganisationsModule,
    SlasModule,
    MonthsModule,
    ReportsModule,
    ExitModule,
    ScenariosModule,
    ServiceLinesModule,
    BenchmarkingModule,
    KpisModule,
    AppraisalsModule,
    BenefitsModule,
    WebhooksModule,
    NotificationsModule,
    SchedulesModule,
  ],
  providers: [
    { provide: WEB_CONFIG, inject: [APP_CONFIG], useFactory: (c: AppConfig) => webConfig(c) },
    { provide: WEB_ASSETS, useFactory: () => loadWebAssets() },
    { provide: WEB_TEMPLATES, useFactory: () => new WebTemplates() },
    { provide: WEB_CSRF, inject: [WEB_CONFIG], useFactory: (c: WebConfig) => createWebCsrf(c) },
    WebPages,
    WebSession,
    WebSignedInGuard,
    WebErrorFilter,
    WebConsortia,
    { provide: APP_FILTER, useClass: WebNotFoundFilter },
    MeasurementsPage,
    UploadTooLargeFilter,
  ],
  // NotFoundController last: its catch-all must come after every page's route.
  controllers: [
    // first: 'consortium/new' is not a consortium id (before every consortium/:id route)
    NewConsortiumController,
    SignInController,
    AccountPasswordController,
    HomeController,
    OverviewController,
    PerformanceController,
    MeasurementsController,
    StatementsPageController,
    BenefitsPageController,
    ExitQuotePageController,
    ScenariosPageController,
    AgreementPageController,
    AgreementDraftPageController,
    ReportsPageController,
    BenchmarkingPageController,
    BoardPageController,
    MembersPageController,
    ReceivedInvitationsController,
    ServiceLinesPageController,
    SlasPageController,
    CostsPageController,
    ActivityPageController,
    MonthsPageController,
    BatchesPageController,
    SchedulesPageController,
    UsersPageController,
    NotificationsPageController,
    AuditPageController,
    WebhooksPageController,
    AppraisalsPageController,
    NotFoundController,
  ],
  exports: [WebPages, WebSession, WebSignedInGuard, WebErrorFilter],
})
export class WebModule {}
