import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../auth/access.service';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { canonicalJson, sha256Hex } from '../common/canonical-json';
import { ContentMemo } from '../common/content-memo';
import { APP_CONFIG, type AppConfig } from '../config/configuration';
import { ConflictError, NotFoundError, RuleError, ValidationError } from '../common/errors/domain-error';
import { addMonths, cmp, firstDay, lastDay, monthDiff, monthOf, monthRange } from '../common/months';
import type { Consortium } from '../consortia/consortium.entity';
import { lockForMonthClose } from '../ledger/month-lock';
import { SlaInputsService } from '../slas/sla-inputs.service';
import {
  computeLedger,
  emptyMonthPart,
  memberDuring,
  formatStatement,
  monthPartFromJson,
  monthPartToJson,
  monthParts,
  statementFromParts,
  type Ledger,
  type MonthPart,
  type MonthPartJson,
  type StatementDto,
} from './core';
import type { ClosedMonthList, ClosedMonthView, IssuedStatementView, StatementListView } from './dto';
import { calculationProblem, LedgerInputLoader, type ActiveAgreement } from './ledger-input.loader';

const MAX_RANGE_MONTHS = 120;
/**
 * Ledgers kept per process, keyed by the content of their input (ContentMemo): reading the same
 * statement twice, or every member's statement of one month, computes the consortium's ledger once;
 * any change to what the ledger is computed from is a different key, so nothing is ever stale.
 * Bounded by STATEMENT_CACHE_MB, weighed by an estimate measured on bench data: about 1 KB per
 * member × service line × month (a 30 × 20 × 12 ledger holds ~7 MB, 50 × 25 × 36 ~36 MB).
 */
const LEDGER_CACHE_ENTRIES = 16;
const BYTES_PER_LEDGER_CELL = 1000;

export function ledgerWeightBytes(ledger: Ledger): number {
  return ledger.months.length * ledger.input.members.length * (ledger.input.serviceLines.length + 1) * BYTES_PER_LEDGER_CELL;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

interface Computed {
  agreement: ActiveAgreement;
  hostId: string;
  /** The members whose membership overlaps the range (or the one asked for), host first. */
  memberIds: string[];
  parts: Map<string, MonthPart[]>;
}

/**
 * Statements (domain.md §5, §6) and month close (§9).
 *
 * A statement over from..to is the sum of one part per member and month: months already closed come
 * from the parts stored when they were issued (so they never change, whatever happens to turnover,
 * membership or agreements later); the open months are computed by the core from the ledger, with
 * service credits from the SLA evaluation as known today. Months close in order, so the closed
 * months are always a prefix of the consortium's months.
 */
@Injectable()
export class StatementsService {
  private readonly ledgers: ContentMemo<Ledger> | null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly loader: LedgerInputLoader,
    private readonly slaInputs: SlaInputsService,
  ) {
    this.ledgers =
      config.statementCacheMb > 0 ? new ContentMemo<Ledger>({ maxEntries: LEDGER_CACHE_ENTRIES, maxWeight: config.statementCacheMb * 1e6, weigh: ledgerWeightBytes }) : null;
  }

  /** Drops every memoised ledger, so the next statement is computed from scratch (benches measure that path). */
  forgetComputedLedgers(): void {
    this.ledgers?.clear();
  }

  private checkRange(from: string, to: string): void {
    if (cmp(from, to) > 0) throw new ValidationError([{ field: 'to', message: 'to must be the same month as from or later' }]);
    if (monthDiff(from, to) >= MAX_RANGE_MONTHS) throw new ValidationError([{ field: 'to', message: `a statement covers at most ${MAX_RANGE_MONTHS} months` }]);
  }

  private async closedList(m: EntityManager, consortiumId: string): Promise<string[]> {
    const rows: { month: string }[] = await m.query(`SELECT month FROM closed_months WHERE consortium_id = $1 ORDER BY month`, [consortiumId]);
    return rows.map((r) => r.month);
  }

  /** Every member's month parts for from..to (only `onlyOrg`'s when given). */
  private async compute(m: EntityManager, c: Consortium, from: string, to: string, onlyOrg?: string): Promise<Computed> {
    const agreement = await this.loader.agreement(m, c);
    const closed = await this.closedList(m, c.id);
    const lastClosed = closed.length ? closed[closed.length - 1] : null;
    const openFrom = lastClosed !== null && cmp(lastClosed, from) >= 0 ? addMonths(lastClosed, 1) : from;
    const asOf = lastDay(to);
    // Quarterly service credits booked in openFrom..to depend on up to two earlier months' charges.
    const input = await this.loader.input(m, c, agreement.terms, { asOf, monthsFrom: addMonths(openFrom, -2), monthsTo: to });
    if (onlyOrg !== undefined && !input.members.some((x) => x.organisationId === onlyOrg)) throw new NotFoundError('Statement');
    // Every member whose membership overlaps the range (one member: whatever its membership).
    const start = firstDay(from);
    const end = lastDay(to);
    const wanted = onlyOrg !== undefined ? [onlyOrg] : input.members.filter((x) => memberDuring(x, start, end)).map((x) => x.organisationId);
    const parts = new Map<string, MonthPart[]>(wanted.map((id) => [id, []]));

    if (cmp(openFrom, to) <= 0) {
      // One non-host member's statement needs only its own credits (other members' credits reach
      // only the host's statement, as credits funded); every recipient is judged on its own values.
      const creditsFor = onlyOrg !== undefined && onlyOrg !== c.hostOrganisationId ? onlyOrg : undefined;
      input.credits = await this.slaInputs.creditPercents(c.id, openFrom, to, today(), m, creditsFor);
      try {
        const ledger = this.ledgers ? this.ledgers.get({ input, openFrom, to }, (k) => computeLedger(k.input, k.openFrom, k.to)) : computeLedger(input, openFrom, to);
        for (const id of wanted) parts.get(id)!.push(...monthParts(ledger, id));
      } catch (e) {
        throw calculationProblem(e);
      }
    }
    if (lastClosed !== null && cmp(from, lastClosed) <= 0) {
      const closedTo = cmp(to, lastClosed) < 0 ? to : lastClosed;
      const rows: { organisation_id: string; month: string; parts: MonthPartJson }[] = await m.query(
        `SELECT organisation_id, month, parts FROM issued_statements
          WHERE consortium_id = $1 AND month >= $2 AND month <= $3 ${onlyOrg !== undefined ? 'AND organisation_id = $4' : ''}`,
        onlyOrg !== undefined ? [c.id, from, closedTo, onlyOrg] : [c.id, from, closedTo],
      );
      const have = new Set<string>();
      for (const r of rows) {
        if (!parts.has(r.organisation_id)) continue;
        parts.get(r.organisation_id)!.push(monthPartFromJson(r.parts));
        have.add(`${r.organisation_id}/${r.month}`);
      }
      // A member added after a month was closed had nothing charged in it.
      for (const id of wanted) {
        const received = input.serviceLines.filter((s) => s.recipientIds === null || s.recipientIds.includes(id)).map((s) => ({ serviceLineId: s.id, code: s.code }));
        for (const month of monthRange(from, closedTo)) if (!have.has(`${id}/${month}`)) parts.get(id)!.push(emptyMonthPart(id, month, received));
      }
    }
    return { agreement, hostId: c.hostOrganisationId, memberIds: wanted, parts };
  }

  private format(r: Computed, organisationId: string, from: string, to: string): StatementDto {
    try {
      return formatStatement(statementFromParts(organisationId, from, to, r.parts.get(organisationId)!, { model: r.agreement.terms.model, isHost: organisationId === r.hostId }));
    } catch (e) {
      throw calculationProblem(e);
    }
  }

  /** Every member's statement (host and admin). One consistent snapshot (REPEATABLE READ). */
  async list(p: Principal, consortiumId: string, from: string, to: string): Promise<StatementListView> {
    const c = await this.access.consortium(p, consortiumId, 'manage');
    this.checkRange(from, to);
    return this.db.transaction('REPEATABLE READ', async (m) => {
      const r = await this.compute(m, c, from, to);
      return { from, to, items: r.memberIds.map((id) => this.format(r, id, from, to)) };
    });
  }

  /** One member's statement: the host and admins any member's; everyone else only its own organisation's. */
  async one(p: Principal, consortiumId: string, organisationId: string, from: string, to: string): Promise<StatementDto> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    if (!this.access.isHost(p, c) && p.organisationId !== organisationId) throw new NotFoundError('Statement');
    this.checkRange(from, to);
    return this.db.transaction('REPEATABLE READ', async (m) => {
      const r = await this.compute(m, c, from, to, organisationId);
      return this.format(r, organisationId, from, to);
    });
  }

  // ------------------------------------------------------------------ month close

  /**
   * Closes `month`: stores every member's statement of the month as issued (canonical JSON and its
   * SHA-256, plus the exact month part), after which writes touching the month are refused (409).
   * The consortium row is locked FOR UPDATE first, so no cost, activity, measurement or baseline
   * write can interleave with the close.
   */
  async close(p: Principal, consortiumId: string, month: string, note?: string): Promise<ClosedMonthView> {
    const c = await this.access.consortium(p, consortiumId, 'manage');
    return this.db.transaction(async (m) => {
      await lockForMonthClose(m, consortiumId);
      const closed = await this.closedList(m, consortiumId);
      const next = closed.length ? addMonths(closed[closed.length - 1], 1) : monthOf(c.startDate);
      if (closed.includes(month)) throw new ConflictError('month_already_closed', `${month} is already closed`, [{ field: 'month', message: 'already closed' }]);
      if (month !== next) {
        throw new ConflictError('month_close_out_of_order', `Months close in order: the next month to close is ${next}`, [{ field: 'month', message: `close ${next} first` }]);
      }
      if (cmp(month, today().slice(0, 7)) >= 0) {
        throw new RuleError('month_not_ended', `${month} has not ended yet: close a month once its figures are final`, [{ field: 'month', message: 'not ended' }]);
      }
      const items: IssuedStatementView[] = [];
      const rows: { organisationId: string; document: string; hash: string; part: MonthPartJson }[] = [];
      if (c.deliveryModel !== 'in_house') {
        const r = await this.compute(m, c, month, month);
        for (const id of r.memberIds) {
          const statement = this.format(r, id, month, month);
          const document = canonicalJson(statement);
          const [part] = r.parts.get(id)!;
          rows.push({ organisationId: id, document, hash: sha256Hex(document), part: monthPartToJson(part) });
        }
      }
      const [cm]: { closed_at: Date }[] = await m.query(`INSERT INTO closed_months (consortium_id, month, closed_by) VALUES ($1, $2, $3) RETURNING closed_at`, [
        consortiumId,
        month,
        p.userId,
      ]);
      if (rows.length) {
        const inserted: { organisation_id: string; issued_at: Date }[] = await m.query(
          `INSERT INTO issued_statements (consortium_id, month, organisation_id, document, content_hash, parts)
           SELECT $1, $2, o, d, h, pt FROM unnest($3::uuid[], $4::text[], $5::text[], $6::jsonb[]) AS k(o, d, h, pt)
           RETURNING organisation_id, issued_at`,
          [consortiumId, month, rows.map((x) => x.organisationId), rows.map((x) => x.document), rows.map((x) => x.hash), rows.map((x) => JSON.stringify(x.part))],
        );
        const at = new Map(inserted.map((x) => [x.organisation_id, x.issued_at]));
        for (const x of rows) items.push({ organisationId: x.organisationId, contentHash: x.hash, issuedAt: at.get(x.organisationId)!, statement: JSON.parse(x.document) });
      }
      await this.audit.record(m, p, {
        action: 'close',
        entity: 'month',
        entityId: `${consortiumId}/${month}`,
        consortiumId,
        after: { month, ...(note ? { note } : {}), statements: rows.map((x) => ({ organisationId: x.organisationId, contentHash: x.hash })) },
      });
      return { consortiumId, month, closedAt: cm.closed_at, items };
    });
  }

  async months(p: Principal, consortiumId: string): Promise<ClosedMonthList> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const rows: { month: string; closed_at: Date; closed_by: string | null }[] = await this.db.query(
      `SELECT month, closed_at, closed_by FROM closed_months WHERE consortium_id = $1 ORDER BY month`,
      [consortiumId],
    );
    const next = rows.length ? addMonths(rows[rows.length - 1].month, 1) : monthOf(c.startDate);
    return { items: rows.map((r) => ({ month: r.month, closedAt: r.closed_at, closedBy: r.closed_by })), total: rows.length, nextToClose: next };
  }

  /** The statements issued for a closed month, with their hashes (host: all; others: their own). */
  async issued(p: Principal, consortiumId: string, month: string): Promise<ClosedMonthView> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const [cm]: { closed_at: Date }[] = await this.db.query(`SELECT closed_at FROM closed_months WHERE consortium_id = $1 AND month = $2`, [consortiumId, month]);
    if (!cm) throw new NotFoundError('Closed month');
    const own = !this.access.isHost(p, c);
    const rows: { organisation_id: string; document: string; content_hash: string; issued_at: Date }[] = await this.db.query(
      `SELECT s.organisation_id, s.document, s.content_hash, s.issued_at
         FROM issued_statements s JOIN organisations o ON o.id = s.organisation_id
         LEFT JOIN LATERAL (SELECT min(mm.joined_on) AS joined FROM members mm WHERE mm.consortium_id = s.consortium_id AND mm.organisation_id = s.organisation_id) j ON true
        WHERE s.consortium_id = $1 AND s.month = $2 ${own ? 'AND s.organisation_id = $4' : ''}
        ORDER BY s.organisation_id = $3 DESC, j.joined, o.name, o.id`,
      own ? [consortiumId, month, c.hostOrganisationId, p.organisationId] : [consortiumId, month, c.hostOrganisationId],
    );
    return {
      consortiumId,
      month,
      closedAt: cm.closed_at,
      items: rows.map((r) => ({ organisationId: r.organisation_id, contentHash: r.content_hash, issuedAt: r.issued_at, statement: JSON.parse(r.document) })),
    };
  }
}
