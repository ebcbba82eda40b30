import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../consortia/access.service';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { DecisionsService } from '../decisions/decisions.service';
import { EventsService } from '../events/events.service';
import { canonicalJson, sha256Hex } from '../common/canonical-json';
import { ConsortiaService } from '../consortia/consortia.service';
import { ConflictError, RuleError } from '../common/errors/domain-error';
import { addMonths, cmp, monthOf } from '../common/months';
import type { Consortium } from '../consortia/consortium.model';
import { UnitOfWork, type Tx } from '../database/sql';
import type { MonthPartJson } from '../statements/core';
import type { ClosedMonthView, IssuedStatementBodyView, IssuedStatementView, MonthPreviewView } from '../statements/dto';
import { MonthsRepository } from './months.repository';
import { Clock } from '../common/clock';
import { STATEMENT_ISSUER, type StatementIssuer } from './statement-issuer.port';

interface StatementRow {
  organisationId: string;
  /** The statement as canonical JSON. */
  document: string;
  hash: string;
  part: MonthPartJson;
}

/** The token of a preview: the SHA-256 of the members' statement hashes in order (what a close would issue). */
export function previewTokenOf(rows: readonly { organisationId: string; hash: string }[]): string {
  return sha256Hex(canonicalJson(rows.map((r) => [r.organisationId, r.hash])));
}

/**
 * Closing a month (domain.md §9). Apart from MonthsService because it needs the statements of the
 * month (STATEMENT_ISSUER, provided by the statements module, which itself reads the ledger, whose
 * writes take MonthsService's lock): the lock does not depend on closing.
 */
@Injectable()
export class MonthCloseService {
  constructor(
    private readonly repo: MonthsRepository,
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly decisions: DecisionsService,
    private readonly events: EventsService,
    @Inject(STATEMENT_ISSUER) private readonly issuer: StatementIssuer,
    private readonly clock: Clock,
    private readonly consortia: ConsortiaService,
  ) {}

  /**
   * Closes `month`: stores every member's statement of the month as issued (canonical JSON and its
   * SHA-256, plus the exact month part), after which writes touching the month are refused (409).
   * The consortium row is locked FOR UPDATE first, so no cost, activity, measurement or baseline
   * write can interleave with the close.
   */
  async close(p: Principal, consortiumId: string, month: string, note?: string, previewToken?: string): Promise<ClosedMonthView> {
    const c = await this.access.consortium(p, consortiumId, 'manage');
    return this.uow.run(async (tx) => {
      await this.consortia.lockForUpdate(tx, consortiumId);
      const rows = await this.statementRows(tx, c, month);
      // the caller's preview (GET …/months/:month/preview) no longer matches what would be issued
      if (previewToken !== undefined && previewToken !== previewTokenOf(rows)) {
        throw new ConflictError('preview_out_of_date', `The figures of ${month} have changed since your preview: look at the preview again before closing`, [
          { field: 'previewToken', message: 'the figures changed since this preview' },
        ]);
      }
      const closedAt = await this.repo.insertClosed(tx, consortiumId, month, p.userId);
      const items: IssuedStatementView[] = [];
      if (rows.length) {
        const at = new Map((await this.repo.issue(tx, consortiumId, month, rows)).map((x) => [x.organisationId, x.issuedAt]));
        for (const x of rows)
          items.push({ organisationId: x.organisationId, contentHash: x.hash, issuedAt: at.get(x.organisationId)!, statement: JSON.parse(x.document) as IssuedStatementBodyView });
      }
      await this.audit.record(tx, p, {
        action: 'close',
        entity: 'month',
        entityId: `${consortiumId}/${month}`,
        consortiumId,
        after: { month, ...(note ? { note } : {}), statements: rows.map((x) => ({ organisationId: x.organisationId, contentHash: x.hash })) },
      });
      await this.decisions.record(tx, p, {
        consortiumId,
        kind: 'month_closed',
        summary: `${month} closed: ${rows.length} statement${rows.length === 1 ? '' : 's'} issued${note ? ` (${note})` : ''}`,
        subject: { month },
      });
      await this.events.publish(tx, consortiumId, 'month.closed', { month, statements: rows.map((x) => ({ organisationId: x.organisationId, contentHash: x.hash })) }, p.userId);
      return { consortiumId, month, closedAt, items };
    });
  }

  /**
   * What closing `month` would issue, computed by the same code path as `close` (the same checks, the
   * same statements, the same canonical JSON and hashes) in a transaction that writes nothing. It
   * takes the consortium's share lock, so it waits for a close in progress; writes take the same
   * share lock, so one may commit while the preview reads (READ COMMITTED). That cannot issue wrong
   * figures: `previewToken` identifies the figures previewed, and `close` (under the exclusive lock)
   * recomputes them and refuses with 409 `preview_out_of_date` if they differ — at worst a torn
   * preview makes the host look again.
   */
  async preview(p: Principal, consortiumId: string, month: string): Promise<MonthPreviewView> {
    const c = await this.access.consortium(p, consortiumId, 'manage');
    return this.uow.run(async (tx) => {
      await this.consortia.lockForShare(tx, consortiumId);
      const rows = await this.statementRows(tx, c, month);
      return {
        consortiumId,
        month,
        previewToken: previewTokenOf(rows),
        items: rows.map((x) => ({ organisationId: x.organisationId, contentHash: x.hash, statement: JSON.parse(x.document) as IssuedStatementBodyView })),
      };
    });
  }

  /** The checks of a close (in order, not closed, ended) and the statements it issues, as canonical JSON with their hashes. */
  private async statementRows(tx: Tx, c: Consortium, month: string): Promise<StatementRow[]> {
    const closed = await this.repo.closedMonths(tx, c.id);
    const next = closed.length ? addMonths(closed[closed.length - 1], 1) : monthOf(c.startDate);
    if (closed.includes(month)) throw new ConflictError('month_already_closed', `${month} is already closed`, [{ field: 'month', message: 'already closed' }]);
    if (month !== next) {
      throw new ConflictError('month_close_out_of_order', `Months close in order: the next month to close is ${next}`, [{ field: 'month', message: `close ${next} first` }]);
    }
    if (cmp(month, this.clock.month()) >= 0) {
      throw new RuleError('month_not_ended', `${month} has not ended yet: close a month once its figures are final`, [{ field: 'month', message: 'not ended' }]);
    }
    if (c.deliveryModel === 'in_house') return [];
    return (await this.issuer.statementsOfMonth(tx, c, month)).map((s) => {
      const document = canonicalJson(s.statement);
      return { organisationId: s.organisationId, document, hash: sha256Hex(document), part: s.part };
    });
  }
}
