import { Module } from '@nestjs/common';
import { KpisController } from './kpis.controller';
import { KpisRepository } from './kpis.repository';
import { KpisService } from './kpis.service';

@Module({
  providers: [KpisRepository, KpisService],
  controllers: [KpisController],
  exports: [KpisService],
})
export class KpisModule {}
