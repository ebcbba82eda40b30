import { Global, Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { DecisionsController } from './decisions.controller';
import { DecisionsRepository } from './decisions.repository';
import { DecisionsService } from './decisions.service';

/** The decisions log: global, since agreements, membership and month close all write to it. */
@Global()
@Module({ imports: [OrganisationsModule], providers: [DecisionsRepository, DecisionsService], controllers: [DecisionsController], exports: [DecisionsService] })
export class DecisionsModule {}
