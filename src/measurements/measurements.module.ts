import { Module } from '@nestjs/common';
import { MonthsModule } from '../months/months.module';
import { SlasModule } from '../slas/slas.module';
import { MeasurementsController } from './measurements.controller';
import { MeasurementsRepository } from './measurements.repository';
import { MeasurementsService } from './measurements.service';

@Module({
  imports: [MonthsModule, SlasModule],
  providers: [MeasurementsRepository, MeasurementsService],
  controllers: [MeasurementsController],
})
export class MeasurementsModule {}
