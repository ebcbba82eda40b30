import { Module } from '@nestjs/common';
import { ServiceLinesModule } from '../service-lines/service-lines.module';
import { AgreementsController } from './agreements.controller';
import { AgreementsRepository } from './agreements.repository';
import { AgreementsService } from './agreements.service';

@Module({
  imports: [ServiceLinesModule],
  providers: [AgreementsRepository, AgreementsService],
  controllers: [AgreementsController],
  exports: [AgreementsService],
})
export class AgreementsModule {}
