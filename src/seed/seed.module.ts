import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ConsortiaModule } from '../consortia/consortia.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ServiceLinesModule } from '../service-lines/service-lines.module';
import { SeedRepository } from './seed.repository';
import { SeedService } from './seed.service';

@Module({
  imports: [AuthModule, OrganisationsModule, ConsortiaModule, ServiceLinesModule],
  providers: [SeedRepository, SeedService],
  exports: [SeedService, SeedRepository],
})
export class SeedModule {}
