import { Module } from '@nestjs/common';
import { StatementsModule } from '../statements/statements.module';
import { ExitController } from './exit.controller';
import { ExitService } from './exit.service';
import { ExitWorker } from './exit-worker';

@Module({
  imports: [StatementsModule],
  providers: [ExitService, ExitWorker],
  controllers: [ExitController],
  exports: [ExitService],
})
export class ExitModule {}
