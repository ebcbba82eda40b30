/**
 * Month close (domain.md §9): the lock, the closed-month list, closing and issued statements.
 * Every write that touches a month (costs, activity, measurements, baselines) calls
 * `lockForWrite` first in its transaction and `assertOpen` for the months it touches; closing takes
 * the consortium row lock FOR UPDATE, so a write and a close cannot interleave.
 */
import { Injectable } from '@nestjs/common';
import { ConflictError } from '../common/errors/domain-error';
import type { On, Tx } from '../database/sql';
import { MonthsRepository } from './months.repository';

@Injectable()
export class MonthsService {
  constructor(private readonly repo: MonthsRepository) {}

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
}
