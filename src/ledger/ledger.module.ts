import { Global, Module } from '@nestjs/common';
import { DRIVER_SNAPSHOT } from '../consortia/driver-snapshot.port';
import { LINE_COSTS, type LineCostsReader } from '../service-lines/line-costs.port';
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

/** Costs, activity, baselines and the allocation drivers. Global for DRIVER_SNAPSHOT, which the consortia module calls on enrolment, and LINE_COSTS, which the service-lines module reads. */
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
    { provide: LINE_COSTS, useFactory: (repo: LedgerRepository): LineCostsReader => ({ firstCostMonth: (on, c, l) => repo.firstCostMonth(on, c, l) }), inject: [LedgerRepository] },
  ],
  controllers: [LedgerController, DriversController],
  exports: [LedgerService, DriversService, DRIVER_SNAPSHOT, LINE_COSTS],
})
export class LedgerModule {}
