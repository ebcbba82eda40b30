import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ServiceLine } from './service-line.entity';
import { ServiceLinesController } from './service-lines.controller';
import { ServiceLinesService } from './service-lines.service';

@Module({
  imports: [TypeOrmModule.forFeature([ServiceLine])],
  providers: [ServiceLinesService],
  controllers: [ServiceLinesController],
  exports: [ServiceLinesService],
})
export class ServiceLinesModule {}
