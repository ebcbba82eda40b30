import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { exitTerms } from '../agreements/agreement-terms';
import { AccessService } from '../auth/access.service';
import type { Principal } from '../auth/principal';
import { NotFoundError } from '../common/errors/domain-error';
import { calculationProblem, LedgerInputLoader } from '../statements/ledger-input.loader';
import { exitQuote, formatExitQuote } from './core';
import type { ExitQuoteQuery, ExitQuoteView } from './dto';

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
  ) {}

  async quote(p: Principal, consortiumId: string, organisationId: string, q: ExitQuoteQuery): Promise<ExitQuoteView> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    if (!this.access.isHost(p, c) && p.organisationId !== organisationId) throw new NotFoundError('Member');
    return this.db.transaction('REPEATABLE READ', async (m) => {
      const agreement = await this.loader.agreement(m, c);
      const input = await this.loader.input(m, c, agreement.terms, { asOf: q.noticeDate });
      if (!input.members.some((x) => x.organisationId === organisationId)) throw new NotFoundError('Member');
      try {
        const quote = exitQuote(input, exitTerms(agreement.terms), { organisationId, noticeDate: q.noticeDate, redundancyCosts: q.redundancyCosts });
        return { organisationId, noticeDate: q.noticeDate, ...formatExitQuote(quote) };
      } catch (e) {
        throw calculationProblem(e);
      }
    });
  }
}
