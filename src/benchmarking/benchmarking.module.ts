import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BenchmarkReturn } from './benchmark-return.entity';
import { BenchmarkingController } from './benchmarking.controller';
import { BenchmarkingService } from './benchmarking.service';

/** Benchmarking of back-office costs against peers (QIPP method, domain.md §10); the core is ./core. */
@Module({
  imports: [TypeOrmModule.forFeature([BenchmarkReturn])],
  providers: [BenchmarkingService],
  controllers: [BenchmarkingController],
  exports: [BenchmarkingService],
})
export class BenchmarkingModule {}
