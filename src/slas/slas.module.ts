import { Module } from '@nestjs/common';
import { PerformanceController } from './performance.controller';
import { PerformanceService } from './performance.service';
import { SlaInputsService } from './sla-inputs.service';
import { SlasController } from './slas.controller';
import { SlasRepository } from './slas.repository';
import { SlasService } from './slas.service';

@Module({
  providers: [SlasRepository, SlasService, SlaInputsService, PerformanceService],
  controllers: [SlasController, PerformanceController],
  exports: [SlasService, SlaInputsService, PerformanceService],
})
export class SlasModule {}
