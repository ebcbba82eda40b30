import { Module } from '@nestjs/common';
import { MonthsModule } from '../months/months.module';
import { ServiceLinesModule } from '../service-lines/service-lines.module';
import { IdempotencyRepository } from './idempotency.repository';
import { IdempotencyService } from './idempotency.service';
import { LedgerController } from './ledger.controller';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';

@Module({
  imports: [MonthsModule, ServiceLinesModule],
  providers: [LedgerRepository, LedgerService, IdempotencyRepository, IdempotencyService],
  controllers: [LedgerController],
  exports: [LedgerService],
})
export class LedgerModule {}
