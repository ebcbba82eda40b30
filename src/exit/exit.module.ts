import { Module } from '@nestjs/common';
import { StatementsModule } from '../statements/statements.module';
import { ExitController } from './exit.controller';
import { ExitService } from './exit.service';

@Module({
  imports: [StatementsModule],
  providers: [ExitService],
  controllers: [ExitController],
  exports: [ExitService],
})
export class ExitModule {}
