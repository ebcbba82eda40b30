/**
 * Month close (domain.md §9): the lock, the closed-month list and issued statements (closing itself
 * is MonthCloseService). Every write that touches a month (costs, activity, measurements,
 * baselines) calls `lockForWrite` first in its transaction and `assertOpen` for the months it
 * touches; closing takes the consortium row lock FOR UPDATE, so a write and a close cannot
 * interleave.
 */
import { Injectable } from '@nestjs/common';
import { AccessService } from '../auth/access.service';
import type { Principal } from '../auth/principal';
import { ConflictError, NotFoundError } from '../common/errors/domain-error';
import { addMonths, monthOf } from '../common/months';
import type { On, Tx } from '../database/sql';
import type { ClosedMonthList, ClosedMonthView, StatementView } from '../statements/dto';
import type { IssuedPart } from './months.model';
import { MonthsRepository } from './months.repository';

@Injectable()
export class MonthsService {
  constructor(
    private readonly repo: MonthsRepository,
    private readonly access: AccessService,
  ) {}

  /** The closed months of a consortium, oldest first. */
  closedList(on: On, consortiumId: string): Promise<string[]> {
    return this.repo.closedMonths(on, consortiumId);
  }

  /** The closed months of a consortium as a set. */
  async closedSet(on: On, consortiumId: string): Promise<Set<string>> {
    return new Set(await this.repo.closedMonths(on, consortiumId));
  }

  /** 409 `month_closed` naming `field` when any of `months` is closed. */
  async assertOpen(tx: Tx, consortiumId: string, months: readonly string[], field = 'month'): Promise<void> {
    if (!months.length) return;
    const closed = await this.repo.closedAmong(tx, consortiumId, months);
    if (closed.length) {
      throw new ConflictError('month_closed', `${closed.join(', ')} ${closed.length > 1 ? 'are' : 'is'} closed: figures are final; enter a correction in an open month`, [
        { field, message: `${closed[0]} is closed` },
      ]);
    }
  }

  /** Takes the consortium row lock of a month-touching write. Call it first in the transaction. */
  lockForWrite(tx: Tx, consortiumId: string): Promise<void> {
    return this.repo.lockForWrite(tx, consortiumId);
  }

  /** The month parts stored when from..to (closed months) were issued; only `organisationId`'s when given. */
  issuedParts<P>(on: On, consortiumId: string, from: string, to: string, organisationId?: string): Promise<IssuedPart<P>[]> {
    return this.repo.issuedParts<P>(on, consortiumId, from, to, organisationId);
  }

  /** Closed months, oldest first, and the next month that may be closed. */
  async months(p: Principal, consortiumId: string): Promise<ClosedMonthList> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const rows = await this.repo.closedMonthList(null, consortiumId);
    const next = rows.length ? addMonths(rows[rows.length - 1].month, 1) : monthOf(c.startDate);
    return { items: rows, total: rows.length, nextToClose: next };
  }

  /** The statements issued for a closed month, with their hashes (host: all; others: their own). */
  async issued(p: Principal, consortiumId: string, month: string): Promise<ClosedMonthView> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const closedAt = await this.repo.closedAt(null, consortiumId, month);
    if (!closedAt) throw new NotFoundError('Closed month');
    const own = !this.access.isHost(p, c);
    const rows = await this.repo.issued(null, consortiumId, month, c.hostOrganisationId, own ? p.organisationId : undefined);
    return {
      consortiumId,
      month,
      closedAt,
      items: rows.map((r) => ({ organisationId: r.organisationId, contentHash: r.contentHash, issuedAt: r.issuedAt, statement: JSON.parse(r.document) as StatementView })),
    };
  }
}
