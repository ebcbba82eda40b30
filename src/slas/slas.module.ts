import { Module } from '@nestjs/common';
import { KpisModule } from '../kpis/kpis.module';
import { ServiceLinesModule } from '../service-lines/service-lines.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PerformanceController } from './performance.controller';
import { PerformanceService } from './performance.service';
import { SlaInputsService } from './sla-inputs.service';
import { SlasController } from './slas.controller';
import { SlasRepository } from './slas.repository';
import { SlasService } from './slas.service';

@Module({
  imports: [KpisModule, ServiceLinesModule, OrganisationsModule],
  providers: [SlasRepository, SlasService, SlaInputsService, PerformanceService],
  controllers: [SlasController, PerformanceController],
  exports: [SlasService, SlaInputsService, PerformanceService],
})
export class SlasModule {}
