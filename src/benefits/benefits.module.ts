import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { BenefitsPlanController } from './benefits-plan.controller';
import { BenefitsPlanRepository } from './benefits-plan.repository';
import { BenefitsPlanService } from './benefits-plan.service';

/** The benefits plan (domain.md §16); statements read it through BenefitsPlanService. */
@Module({
  imports: [OrganisationsModule],
  providers: [BenefitsPlanRepository, BenefitsPlanService],
  controllers: [BenefitsPlanController],
  exports: [BenefitsPlanService],
})
export class BenefitsModule {}
