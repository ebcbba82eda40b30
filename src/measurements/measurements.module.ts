import { Module } from '@nestjs/common';
import { KpisModule } from '../kpis/kpis.module';
import { MonthsModule } from '../months/months.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ServiceLinesModule } from '../service-lines/service-lines.module';
import { SlasModule } from '../slas/slas.module';
import { MeasurementsController } from './measurements.controller';
import { MeasurementsRepository } from './measurements.repository';
import { MeasurementsService } from './measurements.service';

@Module({
  imports: [MonthsModule, SlasModule, KpisModule, ServiceLinesModule, OrganisationsModule],
  providers: [MeasurementsRepository, MeasurementsService],
  controllers: [MeasurementsController],
})
export class MeasurementsModule {}
