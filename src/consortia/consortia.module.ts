import { Global, Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { AccessService } from './access.service';
import { ConsortiaController } from './consortia.controller';
import { ConsortiaRepository } from './consortia.repository';
import { ConsortiaService } from './consortia.service';
import { InvitationsController } from './invitations.controller';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService } from './invitations.service';

/** Consortia and their members, and tenancy (AccessService): global, since every consortium-scoped module checks access. */
@Global()
@Module({
  imports: [OrganisationsModule],
  providers: [ConsortiaRepository, InvitationsRepository, AccessService, ConsortiaService, InvitationsService],
  controllers: [ConsortiaController, InvitationsController],
  exports: [AccessService, ConsortiaService, InvitationsService],
})
export class ConsortiaModule {}
