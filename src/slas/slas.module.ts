import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PerformanceController } from './performance.controller';
import { PerformanceService } from './performance.service';
import { SlaInputsService } from './sla-inputs.service';
import { SlaTarget } from './sla-target.entity';
import { Sla } from './sla.entity';
import { SlasController } from './slas.controller';
import { SlasService } from './slas.service';

@Module({
  imports: [TypeOrmModule.forFeature([Sla, SlaTarget])],
  providers: [SlasService, SlaInputsService, PerformanceService],
  controllers: [SlasController, PerformanceController],
  exports: [SlaInputsService, PerformanceService],
})
export class SlasModule {}
