import { Global, Module } from '@nestjs/common';
import { CLOSED_MONTHS, type ClosedMonthsReader } from '../consortia/closed-months.port';
import { OrganisationsModule } from '../organisations/organisations.module';
import { MonthCloseService } from './month-close.service';
import { MonthsController } from './months.controller';
import { MonthsRepository } from './months.repository';
import { MonthsService } from './months.service';

/**
 * The month lock, closed months and issued statements. MonthCloseService needs STATEMENT_ISSUER
 * (statement-issuer.port.ts), which StatementsModule provides (it is global for that reason). Global
 * itself for CLOSED_MONTHS, which the modules it depends on read (closed-months.port.ts).
 */
@Global()
@Module({
  imports: [OrganisationsModule],
  providers: [
    MonthsRepository,
    MonthsService,
    MonthCloseService,
    { provide: CLOSED_MONTHS, useFactory: (repo: MonthsRepository): ClosedMonthsReader => ({ closedList: (on, id) => repo.closedMonths(on, id) }), inject: [MonthsRepository] },
  ],
  controllers: [MonthsController],
  exports: [MonthsService, MonthCloseService, CLOSED_MONTHS],
})
export class MonthsModule {}
