import { Module } from '@nestjs/common';
import { MonthsRepository } from './months.repository';
import { MonthsService } from './months.service';

@Module({ providers: [MonthsRepository, MonthsService], exports: [MonthsService] })
export class MonthsModule {}
