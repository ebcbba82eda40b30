import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { StatementsModule } from '../statements/statements.module';
import { ScenariosController } from './scenarios.controller';
import { ScenariosRepository } from './scenarios.repository';
import { ScenariosService } from './scenarios.service';

/** What-if scenarios (domain.md §14): priced through the statements module's services; saved ones in `scenarios`. */
@Module({
  imports: [StatementsModule, OrganisationsModule],
  providers: [ScenariosRepository, ScenariosService],
  controllers: [ScenariosController],
  exports: [ScenariosService],
})
export class ScenariosModule {}
