import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ServiceLinesModule } from '../service-lines/service-lines.module';
import { MemberRemovalController } from './member-removal.controller';
import { MemberRemovalService } from './member-removal.service';

/** Removing a member added in error: above the consortia, ledger, measurements, service-line and agreements modules it reads. */
@Module({
  imports: [AgreementsModule, ServiceLinesModule, OrganisationsModule],
  providers: [MemberRemovalService],
  controllers: [MemberRemovalController],
})
export class MemberRemovalModule {}
