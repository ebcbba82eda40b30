import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsModule } from '../agreements/agreements.module';
import { SlasModule } from '../slas/slas.module';
import { CreditPricingService } from './credit-pricing.service';
import { IssuedStatement } from './issued-statement.entity';
import { LedgerInputLoader } from './ledger-input.loader';
import { StatementsController } from './statements.controller';
import { StatementsService } from './statements.service';

@Module({
  imports: [TypeOrmModule.forFeature([IssuedStatement]), AgreementsModule, SlasModule],
  providers: [StatementsService, LedgerInputLoader, CreditPricingService],
  controllers: [StatementsController],
  exports: [StatementsService, LedgerInputLoader],
})
export class StatementsModule {}
