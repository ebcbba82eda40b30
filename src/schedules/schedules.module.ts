import { Module } from '@nestjs/common';
import { SlasModule } from '../slas/slas.module';
import { SchedulesController } from './schedules.controller';
import { SchedulesRepository } from './schedules.repository';
import { SchedulesService } from './schedules.service';

/** Schedules (docs/schedules.md): settings per consortium and the tick that fires the board pack and reminders once. */
@Module({
  imports: [SlasModule],
  providers: [SchedulesRepository, SchedulesService],
  controllers: [SchedulesController],
  exports: [SchedulesService],
})
export class SchedulesModule {}
