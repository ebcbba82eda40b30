import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { agreementModelFor, type StoredTerms } from '../agreements/agreement-terms';
import { AgreementsService } from '../agreements/agreements.service';
import { RuleError, type FieldError } from '../common/errors/domain-error';
import type { Consortium } from '../consortia/consortium.entity';
import { CalculationError, type LedgerInput, type MemberInput, type ServiceLineInput } from './core';
import { ledgerTerms } from '../agreements/agreement-terms';

export interface ActiveAgreement {
  version: number;
  terms: StoredTerms;
}

/** A CalculationError of the core as a 422 problem with its code, the details as `errors`. */
export function calculationProblem(e: unknown): unknown {
  if (!(e instanceof CalculationError)) return e;
  const errors: FieldError[] = Object.entries(e.details)
    .filter(([, v]) => v !== undefined)
    .map(([field, v]) => ({ field, message: String(v) }));
  return new RuleError(e.code, e.message, errors);
}

/**
 * Loads what the calculation core needs for one consortium, as plain data, in as few queries as it
 * takes: members (with turnover, headcount, name), service lines, the active agreement, costs,
 * activity and baselines. Credits are added by the caller (statements use SlaInputsService; exit
 * quotes need none). Every query is scoped to the consortium.
 */
@Injectable()
export class LedgerInputLoader {
  constructor(private readonly agreements: AgreementsService) {}

  /** The approved agreement in force; 422 when there is none or it no longer fits the delivery model. */
  async agreement(m: EntityManager, c: Consortium): Promise<ActiveAgreement> {
    const expected = agreementModelFor(c.deliveryModel);
    if (expected === null) throw new RuleError('agreement_not_applicable', 'An in-house consortium has no risk-sharing agreement, hence no statements or exit quotes');
    const a = await this.agreements.activeTerms(m, c.id);
    if (!a) throw new RuleError('no_agreement', 'The consortium has no approved risk-sharing agreement: PUT and approve one first');
    if (a.terms.model !== expected) {
      throw new RuleError('agreement_model_mismatch', `The approved agreement is ${a.terms.model} but the consortium is now ${c.deliveryModel}: approve a ${expected} agreement`);
    }
    return a;
  }

  /**
   * Members of the consortium, one per organisation: host first, then by joining date and name. An
   * organisation that left and rejoined is represented by its latest period starting on or before
   * `asOf` (or its first period when none does), with the periods before it as `earlierPeriods`, so
   * it is charged for the days of each.
   */
  async members(m: EntityManager, c: Consortium, asOf: string): Promise<MemberInput[]> {
    const rows: { organisation_id: string; joined_on: string; left_on: string | null; name: string; annual_turnover: string; headcount: string }[] = await m.query(
      `SELECT mm.organisation_id, to_char(mm.joined_on, 'YYYY-MM-DD') AS joined_on, to_char(mm.left_on, 'YYYY-MM-DD') AS left_on,
              o.name, o.annual_turnover::text AS annual_turnover, o.headcount::text AS headcount
         FROM members mm JOIN organisations o ON o.id = mm.organisation_id
        WHERE mm.consortium_id = $1
        ORDER BY mm.joined_on, o.name, o.id`,
      [c.id],
    );
    const chosen = new Map<string, (typeof rows)[number]>();
    for (const r of rows) {
      const prev = chosen.get(r.organisation_id);
      if (!prev || (r.joined_on <= asOf && r.joined_on > prev.joined_on)) chosen.set(r.organisation_id, r);
    }
    const list = [...chosen.values()].map((r): MemberInput => {
      // Periods that ended before the chosen one began (rows are in joining order).
      const earlier = rows
        .filter((x) => x.organisation_id === r.organisation_id && x.joined_on < r.joined_on && x.left_on !== null)
        .map((x) => ({ joinedOn: x.joined_on, leftOn: x.left_on! }));
      return {
        organisationId: r.organisation_id,
        name: r.name,
        annualTurnover: r.annual_turnover,
        headcount: r.headcount,
        joinedOn: r.joined_on,
        leftOn: r.left_on,
        ...(earlier.length ? { earlierPeriods: earlier } : {}),
        isHost: r.organisation_id === c.hostOrganisationId,
      };
    });
    return [...list.filter((x) => x.isHost), ...list.filter((x) => !x.isHost)];
  }

  /** Service lines in code order (the order of statement breakdowns). */
  async serviceLines(m: EntityManager, consortiumId: string): Promise<ServiceLineInput[]> {
    const rows: { id: string; code: string; recipient_ids: string[] | null }[] = await m.query(
      `SELECT id, code, recipient_ids FROM service_lines WHERE consortium_id = $1 ORDER BY code, id`,
      [consortiumId],
    );
    return rows.map((r) => ({ id: r.id, code: r.code, recipientIds: r.recipient_ids }));
  }

  /**
   * The core's input without credits. Costs and activity are limited to `monthsFrom..monthsTo` when
   * given (either bound may be omitted). Every list comes in a fixed order (the keys' order), so the
   * same data always gives the same input: the statements service memoises ledgers by the input's
   * content, and an unordered scan (PostgreSQL may start a large one mid-table) would defeat it.
   */
  async input(m: EntityManager, c: Consortium, terms: StoredTerms, opts: { asOf: string; monthsFrom?: string; monthsTo?: string }): Promise<LedgerInput> {
    const range = (alias: string, params: unknown[]) => {
      const parts: string[] = [];
      if (opts.monthsFrom) {
        params.push(opts.monthsFrom);
        parts.push(`AND ${alias}.month >= $${params.length}`);
      }
      if (opts.monthsTo) {
        params.push(opts.monthsTo);
        parts.push(`AND ${alias}.month <= $${params.length}`);
      }
      return parts.join(' ');
    };
    const costParams: unknown[] = [c.id];
    const costSql = `SELECT id, month, category, amount::text AS amount, service_line_id, attributable_to FROM cost_entries x WHERE x.consortium_id = $1 ${range('x', costParams)} ORDER BY month, created_at, id`;
    const actParams: unknown[] = [c.id];
    const actSql = `SELECT service_line_id, organisation_id, month, volume::text AS volume FROM activity_volumes x WHERE x.consortium_id = $1 ${range('x', actParams)} ORDER BY service_line_id, organisation_id, month`;
    const members = await this.members(m, c, opts.asOf);
    const serviceLines = await this.serviceLines(m, c.id);
    const costs: { id: string; month: string; category: 'operating' | 'investment' | 'risk'; amount: string; service_line_id: string | null; attributable_to: string | null }[] =
      await m.query(costSql, costParams);
    const activity: { service_line_id: string; organisation_id: string; month: string; volume: string }[] = await m.query(actSql, actParams);
    const baselines: { organisation_id: string; service_line_id: string; annual_amount: string }[] = await m.query(
      `SELECT organisation_id, service_line_id, annual_amount::text AS annual_amount FROM baselines WHERE consortium_id = $1 ORDER BY organisation_id, service_line_id`,
      [c.id],
    );
    return {
      members,
      serviceLines,
      terms: ledgerTerms(terms),
      costs: costs.map((r) => ({ id: r.id, month: r.month, category: r.category, amount: r.amount, serviceLineId: r.service_line_id, attributableTo: r.attributable_to })),
      activity: activity.map((r) => ({ serviceLineId: r.service_line_id, organisationId: r.organisation_id, month: r.month, volume: r.volume })),
      baselines: baselines.map((r) => ({ organisationId: r.organisation_id, serviceLineId: r.service_line_id, annualAmount: r.annual_amount })),
      credits: [],
    };
  }
}
