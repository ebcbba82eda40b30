import { Global, Module } from '@nestjs/common';
import { APPROVED_TERMS } from '../consortia/approved-terms.port';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ServiceLinesModule } from '../service-lines/service-lines.module';
import { AgreementsController } from './agreements.controller';
import { AgreementsRepository } from './agreements.repository';
import { AgreementsService } from './agreements.service';

/** Global for APPROVED_TERMS, which the consortia module reads (approved-terms.port.ts). */
@Global()
@Module({
  imports: [ServiceLinesModule, OrganisationsModule],
  providers: [AgreementsRepository, AgreementsService, { provide: APPROVED_TERMS, useExisting: AgreementsRepository }],
  controllers: [AgreementsController],
  exports: [AgreementsService, APPROVED_TERMS],
})
export class AgreementsModule {}
