import { Module } from '@nestjs/common';
import { AppraisalsController } from './appraisals.controller';
import { AppraisalsRepository } from './appraisals.repository';
import { AppraisalsService } from './appraisals.service';

/** Options appraisals (domain.md §15). Reads baselines through the (global) ledger module's service. */
@Module({ providers: [AppraisalsRepository, AppraisalsService], controllers: [AppraisalsController], exports: [AppraisalsService] })
export class AppraisalsModule {}
