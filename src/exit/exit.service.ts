import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { exitTerms } from '../agreements/agreement-terms';
import { AccessService } from '../auth/access.service';
import type { Principal } from '../auth/principal';
import { NotFoundError } from '../common/errors/domain-error';
import { calculationProblem, LedgerInputLoader } from '../statements/ledger-input.loader';
import type { ExitQuoteQuery, ExitQuoteView } from './dto';
import { ExitWorker } from './exit-worker';

/**
 * Exit quotes (domain.md §8): what a member giving notice on a date would pay to leave, from the
 * approved agreement's exit terms and its charging history (every cost and activity up to now).
 */
@Injectable()
export class ExitService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly loader: LedgerInputLoader,
    private readonly worker: ExitWorker,
  ) {}

  async quote(p: Principal, consortiumId: string, organisationId: string, q: ExitQuoteQuery): Promise<ExitQuoteView> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    if (!this.access.isHost(p, c) && p.organisationId !== organisationId) throw new NotFoundError('Member');
    return this.db.transaction('REPEATABLE READ', async (m) => {
      const agreement = await this.loader.agreement(m, c);
      const input = await this.loader.input(m, c, agreement.terms, { asOf: q.noticeDate });
      if (!input.members.some((x) => x.organisationId === organisationId)) throw new NotFoundError('Member');
      try {
        // computed on a worker thread: the same pure core, off the HTTP event loop
        const quote = await this.worker.quote(input, exitTerms(agreement.terms), { organisationId, noticeDate: q.noticeDate, redundancyCosts: q.redundancyCosts });
        return { organisationId, noticeDate: q.noticeDate, ...quote };
      } catch (e) {
        throw calculationProblem(e);
      }
    });
  }
}
