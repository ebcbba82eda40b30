import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { MonthCloseService } from './month-close.service';
import { MonthsController } from './months.controller';
import { MonthsRepository } from './months.repository';
import { MonthsService } from './months.service';

/**
 * The month lock, closed months and issued statements. MonthCloseService needs STATEMENT_ISSUER
 * (statement-issuer.port.ts), which StatementsModule provides (it is global for that reason).
 */
@Module({ imports: [OrganisationsModule], providers: [MonthsRepository, MonthsService, MonthCloseService], controllers: [MonthsController], exports: [MonthsService] })
export class MonthsModule {}
