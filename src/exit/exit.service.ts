import { Injectable } from '@nestjs/common';
import { exitTerms } from '../agreements/agreement-terms';
import { versionInForce } from '../agreements/core/decision';
import { AccessService } from '../consortia/access.service';
import type { Principal } from '../auth/principal';
import { NotFoundError } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/sql';
import { LedgerInputService } from '../statements/ledger-input.service';
import type { ExitQuoteQuery, ExitQuoteView } from './dto';
import { ExitWorker } from './exit-worker';

/**
 * Exit quotes (domain.md §8): what a member giving notice on a date would pay to leave, from the
 * approved agreement's exit terms and its charging history (every cost and activity up to now).
 * A CalculationError of the core (e.g. `no_charging_history`) reaches the exception filter as is.
 */
@Injectable()
export class ExitService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly inputs: LedgerInputService,
    private readonly worker: ExitWorker,
  ) {}

  async quote(p: Principal, consortiumId: string, organisationId: string, q: ExitQuoteQuery): Promise<ExitQuoteView> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    if (!this.access.isHost(p, c) && p.organisationId !== organisationId) throw new NotFoundError('Member');
    return this.uow.run(async (tx) => {
      const agreement = await this.inputs.agreement(tx, c);
      const input = await this.inputs.input(tx, c, agreement, { asOf: q.noticeDate });
      // the exit terms of the version in force in the notice month (domain.md §12)
      const notice = q.noticeDate.slice(0, 7);
      const inForce = versionInForce(agreement.versions, notice) ?? agreement.versions[0];
      if (!input.members.some((x) => x.organisationId === organisationId)) throw new NotFoundError('Member');
      // computed on a worker thread: the same pure core, off the HTTP event loop
      const quote = await this.worker.quote(input, exitTerms(inForce.terms), { organisationId, noticeDate: q.noticeDate, redundancyCosts: q.redundancyCosts });
      // the names beside the ids (the members' names as the input carries them)
      const nameOf = (id: string) => input.members.find((x) => x.organisationId === id)?.name ?? '';
      const named = { organisationId, organisationName: nameOf(organisationId), noticeDate: q.noticeDate };
      if (quote.model !== 'cooperative') return { ...named, ...quote };
      const remainingMembers = quote.remainingMembers.map((r) => ({
        organisationId: r.organisationId,
        organisationName: nameOf(r.organisationId),
        averageMonthlyIncrease: r.averageMonthlyIncrease,
      }));
      return { ...named, ...quote, remainingMembers };
    }, 'REPEATABLE READ');
  }
}
