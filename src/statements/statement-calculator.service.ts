import { Inject, Injectable } from '@nestjs/common';
import { ContentMemo } from '../common/content-memo';
import { NotFoundError } from '../common/errors/domain-error';
import { addMonths, cmp, firstDay, lastDay, monthRange } from '../common/months';
import { STATEMENTS_CONFIG, type StatementsConfig } from '../config/slices';
import type { Consortium } from '../consortia/consortium.model';
import type { Tx } from '../database/sql';
import type { IssuedPart } from '../months/months.model';
import { Clock } from '../common/clock';
import type { MonthStatement, StatementIssuer } from '../months/statement-issuer.port';
import { SlaInputsService } from '../slas/sla-inputs.service';
import {
  computeLedger,
  emptyMonthPart,
  formatStatement,
  memberDuring,
  monthPartFromJson,
  monthPartToJson,
  monthParts,
  statementFromParts,
  type BaseMonth,
  type Ledger,
  type LedgerInput,
  type MonthPart,
  type MonthPartJson,
  type StatementDto,
} from './core';
import { LedgerInputService, type ActiveAgreement } from './ledger-input.service';

/**
 * Ledgers kept per process, keyed by the content of their input (ContentMemo): reading the same
 * statement twice, or every member's statement of one month, computes the consortium's ledger once;
 * any change to what the ledger is computed from is a different key, so nothing is ever stale.
 * Bounded by STATEMENT_CACHE_MB, weighed by an estimate measured on bench data: about 1 KB per
 * member × service line × month (a 30 × 20 × 12 ledger holds ~7 MB, 50 × 25 × 36 ~36 MB).
 */
const LEDGER_CACHE_ENTRIES = 16;
const BYTES_PER_LEDGER_CELL = 1000;
/**
 * Below the ledgers, single months before credits (charge-context.ts `MonthMemo`), keyed by what
 * each month is computed from: after one new cost entry (a new ledger key) only that entry's month
 * is computed again. A quarter of STATEMENT_CACHE_MB; a month of 30 members × 20 lines holds about
 * 150 KB (two shares per member and line, ~250 bytes each).
 */
const MONTH_CACHE_ENTRIES = 2000;
const BYTES_PER_MONTH_SHARE = 250;

export function ledgerWeightBytes(ledger: Ledger): number {
  return ledger.months.length * ledger.input.members.length * (ledger.input.serviceLines.length + 1) * BYTES_PER_LEDGER_CELL;
}

export function monthWeightBytes(m: BaseMonth): number {
  let shares = m.investment.size + m.sharedRisk.size + m.attributedRisk.size + 1;
  for (const l of m.lines.values()) shares += l.operating.size + l.fee.size;
  return shares * BYTES_PER_MONTH_SHARE;
}

/** The months already closed, and the month parts stored when they were issued. */
export interface ClosedMonths {
  /** Oldest first; the closed months are always a prefix of the consortium's months. */
  closed: readonly string[];
  parts(from: string, to: string, organisationId?: string): Promise<IssuedPart<MonthPartJson>[]>;
}

export interface Computed {
  agreement: ActiveAgreement;
  hostId: string;
  /** The members whose membership overlaps the range (or the one asked for), host first. */
  memberIds: string[];
  parts: Map<string, MonthPart[]>;
}

/**
 * Computes statements (domain.md §5, §6): a statement over from..to is the sum of one part per
 * member and month. Months already closed come from the parts stored when they were issued (so they
 * never change, whatever happens to turnover, membership or agreements later); the open months are
 * computed by the core from the ledger, with service credits from the SLA evaluation as known today.
 *
 * Also the months module's STATEMENT_ISSUER: the statements of the month being closed.
 */
@Injectable()
export class StatementCalculator implements StatementIssuer {
  private readonly ledgers: ContentMemo<Ledger> | null;
  private readonly baseMonths: ContentMemo<BaseMonth> | null;

  constructor(
    @Inject(STATEMENTS_CONFIG) config: StatementsConfig,
    private readonly inputs: LedgerInputService,
    private readonly slaInputs: SlaInputsService,
    private readonly clock: Clock,
  ) {
    const bytes = config.cacheMb * 1e6;
    this.ledgers = config.cacheMb > 0 ? new ContentMemo<Ledger>({ maxEntries: LEDGER_CACHE_ENTRIES, maxWeight: bytes * 0.75, weigh: ledgerWeightBytes }) : null;
    this.baseMonths = config.cacheMb > 0 ? new ContentMemo<BaseMonth>({ maxEntries: MONTH_CACHE_ENTRIES, maxWeight: bytes * 0.25, weigh: monthWeightBytes }) : null;
  }

  /** Drops every memoised ledger and month, so the next statement is computed from scratch (benches measure that path). */
  forgetComputedLedgers(): void {
    this.ledgers?.clear();
    this.baseMonths?.clear();
  }

  /**
   * The ledger input of from..to as a what-if scenario prices it (domain.md §14): every member, the
   * costs and activity of the range and the two months before it (quarterly credits), and the credit
   * percentages the SLAs give for the range as of today. Nothing is read from issued parts: both
   * columns of a scenario are computed from the ledger.
   */
  async scenarioInput(tx: Tx, c: Consortium, from: string, to: string): Promise<LedgerInput> {
    const agreement = await this.inputs.agreement(tx, c);
    const input = await this.inputs.input(tx, c, agreement, { asOf: lastDay(to), monthsFrom: addMonths(from, -2), monthsTo: to });
    input.credits = await this.slaInputs.creditPercents(c.id, from, to, this.clock.today(), tx);
    return input;
  }

  /** Every member's month parts for from..to (only `onlyOrg`'s when given), in `tx`. */
  async compute(tx: Tx, c: Consortium, from: string, to: string, months: ClosedMonths, onlyOrg?: string, terms?: ActiveAgreement): Promise<Computed> {
    const agreement = terms ?? (await this.inputs.agreement(tx, c));
    const closed = months.closed;
    const lastClosed = closed.length ? closed[closed.length - 1] : null;
    const openFrom = lastClosed !== null && cmp(lastClosed, from) >= 0 ? addMonths(lastClosed, 1) : from;
    const asOf = lastDay(to);
    // Quarterly service credits booked in openFrom..to depend on up to two earlier months' charges.
    const input = await this.inputs.input(tx, c, agreement, { asOf, monthsFrom: addMonths(openFrom, -2), monthsTo: to });
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
      input.credits = await this.slaInputs.creditPercents(c.id, openFrom, to, this.clock.today(), tx, creditsFor);
      const memo = this.baseMonths;
      const monthMemo = memo ? { get: (key: string, f: () => BaseMonth) => memo.getByText(key, f) } : undefined;
      const ledger = this.ledgers ? this.ledgers.get({ input, openFrom, to }, (k) => computeLedger(k.input, k.openFrom, k.to, { monthMemo })) : computeLedger(input, openFrom, to);
      for (const id of wanted) parts.get(id)!.push(...monthParts(ledger, id));
    }
    if (lastClosed !== null && cmp(from, lastClosed) <= 0) {
      const closedTo = cmp(to, lastClosed) < 0 ? to : lastClosed;
      const rows = await months.parts(from, closedTo, onlyOrg);
      const have = new Set<string>();
      for (const r of rows) {
        if (!parts.has(r.organisationId)) continue;
        parts.get(r.organisationId)!.push(monthPartFromJson(r.parts));
        have.add(`${r.organisationId}/${r.month}`);
      }
      // A member added after a month was closed had nothing charged in it.
      for (const id of wanted) {
        const received = input.serviceLines.filter((s) => s.recipientIds === null || s.recipientIds.includes(id)).map((s) => ({ serviceLineId: s.id, code: s.code }));
        for (const month of monthRange(from, closedTo)) if (!have.has(`${id}/${month}`)) parts.get(id)!.push(emptyMonthPart(id, month, received));
      }
    }
    return { agreement, hostId: c.hostOrganisationId, memberIds: wanted, parts };
  }

  /** One member's statement over from..to from computed parts. */
  format(r: Computed, organisationId: string, from: string, to: string): StatementDto {
    return formatStatement(statementFromParts(organisationId, from, to, r.parts.get(organisationId)!, { model: r.agreement.terms.model, isHost: organisationId === r.hostId }));
  }

  /** The approved versions as the calculator reads them (to price a proposal against them). */
  agreement(tx: Tx, c: Consortium): Promise<ActiveAgreement> {
    return this.inputs.agreement(tx, c);
  }

  /** STATEMENT_ISSUER: the month is the next to close, so none of the months asked for is closed. */
  async statementsOfMonth(tx: Tx, c: Consortium, month: string): Promise<MonthStatement[]> {
    const none: ClosedMonths = { closed: [], parts: () => Promise.resolve([]) };
    const r = await this.compute(tx, c, month, month, none);
    return r.memberIds.map((id) => ({ organisationId: id, statement: this.format(r, id, month, month), part: monthPartToJson(r.parts.get(id)![0]) }));
  }
}
