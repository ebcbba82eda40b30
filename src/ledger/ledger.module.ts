import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerController } from './ledger.controller';
import { ActivityVolume, Baseline, CostEntry, IdempotencyKey } from './ledger.entities';
import { LedgerService } from './ledger.service';

@Module({
  imports: [TypeOrmModule.forFeature([CostEntry, ActivityVolume, Baseline, IdempotencyKey])],
  providers: [LedgerService],
  controllers: [LedgerController],
  exports: [LedgerService],
})
export class LedgerModule {}
