import { Injectable } from '@nestjs/common';
import { AccessService } from '../consortia/access.service';
import type { Principal } from '../auth/principal';
import { NotFoundError, ValidationError } from '../common/errors/domain-error';
import { cmp, monthDiff } from '../common/months';
import type { Consortium } from '../consortia/consortium.model';
import { UnitOfWork, type Tx } from '../database/sql';
import { MonthsService } from '../months/months.service';
import type { MonthPartJson, StatementDto } from './core';
import type { StatementListView } from './dto';
import { StatementCalculator, type ClosedMonths, type Computed } from './statement-calculator.service';

const MAX_RANGE_MONTHS = 120;

/**
 * Statements (domain.md §5, §6) over from..to, computed by StatementCalculator from the ledger for
 * open months and from the parts issued at close (MonthsService) for closed ones. Months close in
 * order, so the closed months are always a prefix of the consortium's months.
 */
@Injectable()
export class StatementsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly months: MonthsService,
    private readonly calculator: StatementCalculator,
  ) {}

  /** Drops every memoised ledger, so the next statement is computed from scratch (benches measure that path). */
  forgetComputedLedgers(): void {
    this.calculator.forgetComputedLedgers();
  }

  private checkRange(from: string, to: string): void {
    if (cmp(from, to) > 0) throw new ValidationError([{ field: 'to', message: 'to must be the same month as from or later' }]);
    if (monthDiff(from, to) >= MAX_RANGE_MONTHS) throw new ValidationError([{ field: 'to', message: `a statement covers at most ${MAX_RANGE_MONTHS} months` }]);
  }

  private async compute(tx: Tx, c: Consortium, from: string, to: string, onlyOrg?: string): Promise<Computed> {
    const closed: ClosedMonths = {
      closed: await this.months.closedList(tx, c.id),
      parts: (f, t, o) => this.months.issuedParts<MonthPartJson>(tx, c.id, f, t, o),
    };
    return this.calculator.compute(tx, c, from, to, closed, onlyOrg);
  }

  /** Every member's statement (host and admin). One consistent snapshot (REPEATABLE READ). */
  async list(p: Principal, consortiumId: string, from: string, to: string): Promise<StatementListView> {
    const c = await this.access.consortium(p, consortiumId, 'manage');
    this.checkRange(from, to);
    return this.uow.run(async (tx) => {
      const r = await this.compute(tx, c, from, to);
      return { from, to, items: r.memberIds.map((id) => this.calculator.format(r, id, from, to)) };
    }, 'REPEATABLE READ');
  }

  /** One member's statement: the host and admins any member's; everyone else only its own organisation's. */
  async one(p: Principal, consortiumId: string, organisationId: string, from: string, to: string): Promise<StatementDto> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    if (!this.access.isHost(p, c) && p.organisationId !== organisationId) throw new NotFoundError('Statement');
    this.checkRange(from, to);
    return this.uow.run(async (tx) => {
      const r = await this.compute(tx, c, from, to, organisationId);
      return this.calculator.format(r, organisationId, from, to);
    }, 'REPEATABLE READ');
  }
}
