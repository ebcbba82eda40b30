import { Global, Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { BenefitsModule } from '../benefits/benefits.module';
import { LedgerModule } from '../ledger/ledger.module';
import { MonthsModule } from '../months/months.module';
import { STATEMENT_ISSUER } from '../months/statement-issuer.port';
import { CREDIT_PRICING } from '../slas/credit-pricing.port';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ServiceLinesModule } from '../service-lines/service-lines.module';
import { SlasModule } from '../slas/slas.module';
import { CreditPricingService } from './credit-pricing.service';
import { LedgerInputService } from './ledger-input.service';
import { StatementCalculator } from './statement-calculator.service';
import { StatementsController } from './statements.controller';
import { StatementsService } from './statements.service';

/**
 * Statements, and the two ports other modules declare and this module provides:
 * - CREDIT_PRICING (SLA module: service credits in pounds) by CreditPricingService;
 * - STATEMENT_ISSUER (months module: the statements of the month being closed) by StatementCalculator.
 * Global so that PerformanceService (SlasModule) and MonthCloseService (MonthsModule) can inject the
 * tokens without importing this module, which imports theirs: the dependency stays one way.
 */
@Global()
@Module({
  imports: [AgreementsModule, BenefitsModule, LedgerModule, MonthsModule, SlasModule, ServiceLinesModule, OrganisationsModule],
  providers: [
    LedgerInputService,
    StatementCalculator,
    StatementsService,
    CreditPricingService,
    { provide: CREDIT_PRICING, useExisting: CreditPricingService },
    { provide: STATEMENT_ISSUER, useExisting: StatementCalculator },
  ],
  controllers: [StatementsController],
  exports: [StatementsService, LedgerInputService, StatementCalculator, CREDIT_PRICING, STATEMENT_ISSUER],
})
export class StatementsModule {}
