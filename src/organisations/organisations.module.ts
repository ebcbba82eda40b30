import { Module } from '@nestjs/common';
import { OrganisationDirectoryService } from './organisation-directory.service';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsService } from './organisations.service';

@Module({
  providers: [OrganisationsRepository, OrganisationsService, OrganisationDirectoryService],
  controllers: [OrganisationsController],
  exports: [OrganisationsService, OrganisationDirectoryService],
})
export class OrganisationsModule {}
