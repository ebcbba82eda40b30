import { Global, Module } from '@nestjs/common';
import { DRIVER_SNAPSHOT } from '../consortia/driver-snapshot.port';
import { DriverSnapshotWriter } from './driver-snapshot.writer';
import { DriversController } from './drivers.controller';
import { DriversRepository } from './drivers.repository';
import { DriversService } from './drivers.service';
import { MonthsModule } from '../months/months.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ServiceLinesModule } from '../service-lines/service-lines.module';
import { IdempotencyRepository } from './idempotency.repository';
import { IdempotencyService } from './idempotency.service';
import { LedgerController } from './ledger.controller';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';

/** Costs, activity, baselines and the allocation drivers. Global for DRIVER_SNAPSHOT, which the consortia module calls on enrolment. */
@Global()
@Module({
  imports: [MonthsModule, ServiceLinesModule, OrganisationsModule],
  providers: [
    LedgerRepository,
    LedgerService,
    IdempotencyRepository,
    IdempotencyService,
    DriversRepository,
    DriversService,
    DriverSnapshotWriter,
    { provide: DRIVER_SNAPSHOT, useExisting: DriverSnapshotWriter },
  ],
  controllers: [LedgerController, DriversController],
  exports: [LedgerService, DriversService, DRIVER_SNAPSHOT],
})
export class LedgerModule {}
