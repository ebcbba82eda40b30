import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsortiaController } from './consortia.controller';
import { ConsortiaService } from './consortia.service';
import { Consortium } from './consortium.entity';
import { Member } from './member.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Consortium, Member])],
  providers: [ConsortiaService],
  controllers: [ConsortiaController],
  exports: [ConsortiaService],
})
export class ConsortiaModule {}
