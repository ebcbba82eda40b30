import { Global, Module } from '@nestjs/common';
import { KpisModule } from '../kpis/kpis.module';
import { MonthsModule } from '../months/months.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ServiceLinesModule } from '../service-lines/service-lines.module';
import { MEASUREMENT_READER } from '../slas/measurement-reader.port';
import { SlasModule } from '../slas/slas.module';
import { MeasurementsController } from './measurements.controller';
import { MeasurementsRepository } from './measurements.repository';
import { MeasurementsService } from './measurements.service';

/**
 * Measurements, and the port the SLA module declares and this module provides: MEASUREMENT_READER
 * (the measurements an SLA evaluation reads) by MeasurementsService. Global so that SlaInputsService
 * (SlasModule) can inject the token without importing this module, which imports SlasModule (SLA
 * frequencies): the dependency stays one way.
 */
@Global()
@Module({
  imports: [MonthsModule, SlasModule, KpisModule, ServiceLinesModule, OrganisationsModule],
  providers: [MeasurementsRepository, MeasurementsService, { provide: MEASUREMENT_READER, useExisting: MeasurementsService }],
  controllers: [MeasurementsController],
  exports: [MEASUREMENT_READER, MeasurementsService],
})
export class MeasurementsModule {}
