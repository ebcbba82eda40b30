import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { BenchmarkReturnsRepository } from './benchmark-returns.repository';
import { BenchmarkingController } from './benchmarking.controller';
import { BenchmarkingService } from './benchmarking.service';

/** Benchmarking of back-office costs against peers (QIPP method, domain.md §10); the core is ./core. */
@Module({
  imports: [OrganisationsModule],
  providers: [BenchmarkReturnsRepository, BenchmarkingService],
  controllers: [BenchmarkingController],
  exports: [BenchmarkingService],
})
export class BenchmarkingModule {}
