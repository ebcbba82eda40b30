/**
 * Month close (domain.md §9): the lock, the closed-month list and issued statements (closing itself
 * is MonthCloseService). Every write that touches a month (costs, activity, measurements,
 * baselines) calls `lockForWrite` first in its transaction and `assertOpen` for the months it
 * touches; closing takes the consortium row lock FOR UPDATE, so a write and a close cannot
 * interleave.
 */
import { Injectable } from '@nestjs/common';
import { AccessService } from '../consortia/access.service';
import type { Principal } from '../auth/principal';
import { ConflictError, NotFoundError } from '../common/errors/domain-error';
import { addMonths, monthOf } from '../common/months';
import { ConsortiaService } from '../consortia/consortia.service';
import type { Consortium } from '../consortia/consortium.model';
import type { On, Tx } from '../database/sql';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import type { ClosedMonthList, ClosedMonthView, IssuedStatementBodyView } from '../statements/dto';
import type { IssuedHash, IssuedPart, IssuedStatement } from './months.model';
import { MonthsRepository } from './months.repository';

@Injectable()
export class MonthsService {
  constructor(
    private readonly repo: MonthsRepository,
    private readonly access: AccessService,
    private readonly consortia: ConsortiaService,
    private readonly directory: OrganisationDirectoryService,
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
    return this.consortia.lockForShare(tx, consortiumId);
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

  /**
   * One member's issued statements over from..to, hash and time only (the statements page lists them
   * beside the live statement): the same access as `issued` — the host and the partnership board any
   * member's, everyone else its own organisation's (another member's is a 404).
   */
  async issuedHashes(p: Principal, consortiumId: string, organisationId: string, from: string, to: string): Promise<IssuedHash[]> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    if (organisationId !== p.organisationId && !(await this.access.seesWholeConsortium(p, c))) throw new NotFoundError('Statement');
    return this.repo.issuedHashes(null, consortiumId, organisationId, from, to);
  }

  /** The statements issued for a closed month, with their hashes (host and the partnership board: all; other members: their own). */
  async issued(p: Principal, consortiumId: string, month: string): Promise<ClosedMonthView> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const closedAt = await this.repo.closedAt(null, consortiumId, month);
    if (!closedAt) throw new NotFoundError('Closed month');
    const own = !(await this.access.seesWholeConsortium(p, c));
    const rows = await this.inMemberOrder(c, await this.repo.issued(null, consortiumId, month, own ? p.organisationId : undefined));
    return {
      consortiumId,
      month,
      closedAt,
      items: rows.map((r) => ({
        organisationId: r.organisationId,
        contentHash: r.contentHash,
        issuedAt: r.issuedAt,
        statement: JSON.parse(r.document) as IssuedStatementBodyView,
      })),
    };
  }

  /**
   * Issued statements in member order: the host's first, then by first joining date (organisations
   * that were never members last), then by organisation name and id; statements of organisations that
   * no longer exist are left out.
   */
  private async inMemberOrder(c: Consortium, rows: IssuedStatement[]): Promise<IssuedStatement[]> {
    if (!rows.length) return rows;
    const byName = await this.directory.findMany(null, [...new Set(rows.map((r) => r.organisationId))]);
    const rank = new Map(byName.map((o, i) => [o.id, i]));
    const joined = new Map<string, string>();
    for (const m of await this.consortia.memberPeriods(null, c.id)) {
      const first = joined.get(m.organisationId);
      if (first === undefined || m.joinedOn < first) joined.set(m.organisationId, m.joinedOn);
    }
    const key = (r: IssuedStatement) => [r.organisationId === c.hostOrganisationId ? 0 : 1, joined.get(r.organisationId) ?? null, rank.get(r.organisationId)!] as const;
    return rows
      .filter((r) => rank.has(r.organisationId))
      .sort((a, b) => {
        const [ha, ja, ra] = key(a);
        const [hb, jb, rb] = key(b);
        if (ha !== hb) return ha - hb;
        if (ja !== jb) return ja === null ? 1 : jb === null ? -1 : ja < jb ? -1 : 1;
        return ra - rb;
      });
  }
}
