import { Module } from '@nestjs/common';
import { ServiceLinesController } from './service-lines.controller';
import { ServiceLinesRepository } from './service-lines.repository';
import { ServiceLinesService } from './service-lines.service';

@Module({
  providers: [ServiceLinesRepository, ServiceLinesService],
  controllers: [ServiceLinesController],
  exports: [ServiceLinesService],
})
export class ServiceLinesModule {}
