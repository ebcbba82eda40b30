import { Injectable } from '@nestjs/common';
import { agreementModelFor, ledgerTerms, type StoredTerms } from '../agreements/agreement-terms';
import type { ActiveTerms } from '../agreements/agreement-version.model';
import { AgreementsService } from '../agreements/agreements.service';
import { RuleError } from '../common/errors/domain-error';
import { ConsortiaService } from '../consortia/consortia.service';
import type { Consortium } from '../consortia/consortium.model';
import type { On } from '../database/sql';
import { LedgerService } from '../ledger/ledger.service';
import { DriversService } from '../ledger/drivers.service';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import { ServiceLinesService } from '../service-lines/service-lines.service';
import type { LedgerInput, MemberInput, ServiceLineInput } from './core';

/** One membership period of an organisation, with the organisation's figures the charges are weighted by. */
interface MemberPeriodRow {
  organisationId: string;
  joinedOn: string;
  leftOn: string | null;
  name: string;
  annualTurnover: string;
  headcount: string;
}

/** The approved versions, oldest first, and the latest of them (whose model every version shares). */
export interface ActiveAgreement {
  versions: ActiveTerms[];
  version: number;
  terms: StoredTerms;
}

/**
 * What the calculation core needs for one consortium, as plain data, in as few queries as it takes:
 * members (with turnover, headcount, name), service lines, the active agreement, costs, activity and
 * baselines. Credits are added by the caller (statements use SlaInputsService; exit quotes need
 * none). Everything is scoped to the consortium and read in the caller's transaction `on`.
 */
@Injectable()
export class LedgerInputService {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly ledger: LedgerService,
    private readonly consortia: ConsortiaService,
    private readonly directory: OrganisationDirectoryService,
    private readonly lines: ServiceLinesService,
    private readonly drivers: DriversService,
  ) {}

  /**
   * The approved versions (domain.md §12: each prices the months from its effectiveFrom); 422 when
   * there is none or they no longer fit the delivery model.
   */
  async agreement(on: On, c: Consortium): Promise<ActiveAgreement> {
    const expected = agreementModelFor(c.deliveryModel);
    if (expected === null) throw new RuleError('agreement_not_applicable', 'An in-house consortium has no risk-sharing agreement, hence no statements or exit quotes');
    const versions = await this.agreements.approvedTerms(on, c.id);
    if (!versions.length) throw new RuleError('no_agreement', 'The consortium has no approved risk-sharing agreement: propose one and let the members decide it');
    const latest = versions[versions.length - 1];
    const wrong = versions.find((v) => v.terms.model !== expected);
    if (wrong) {
      throw new RuleError(
        'agreement_model_mismatch',
        `Approved version ${wrong.version} is ${wrong.terms.model} but the consortium is now ${c.deliveryModel}: set the delivery model back, or ask an admin to correct it`,
      );
    }
    return { versions, version: latest.version, terms: latest.terms };
  }

  /**
   * Members of the consortium, one per organisation: host first, then by joining date and name. An
   * organisation that left and rejoined is represented by its latest period starting on or before
   * `asOf` (or its first period when none does), with the periods before it as `earlierPeriods`, so
   * it is charged for the days of each.
   */
  async members(on: On, c: Consortium, asOf: string): Promise<MemberInput[]> {
    const rows = await this.memberPeriods(on, c.id);
    // the consortium's drivers by financial year (domain.md §12), not the organisations' profiles as they are today
    const drivers = await this.drivers.rowsByMember(on, c.id);
    const chosen = new Map<string, MemberPeriodRow>();
    for (const r of rows) {
      const prev = chosen.get(r.organisationId);
      if (!prev || (r.joinedOn <= asOf && r.joinedOn > prev.joinedOn)) chosen.set(r.organisationId, r);
    }
    const list = [...chosen.values()].map((r): MemberInput => {
      // Periods that ended before the chosen one began (rows are in joining order).
      const earlier = rows
        .filter((x) => x.organisationId === r.organisationId && x.joinedOn < r.joinedOn && x.leftOn !== null)
        .map((x) => ({ joinedOn: x.joinedOn, leftOn: x.leftOn! }));
      const own = (drivers.get(r.organisationId) ?? []).map(({ financialYear, annualTurnover, headcount }) => ({ financialYear, annualTurnover, headcount }));
      return {
        organisationId: r.organisationId,
        name: r.name,
        // every member has a row from its joining year; the profile is only a fallback for one without
        annualTurnover: own[0]?.annualTurnover ?? r.annualTurnover,
        headcount: own[0]?.headcount ?? r.headcount,
        ...(own.length ? { drivers: own } : {}),
        joinedOn: r.joinedOn,
        leftOn: r.leftOn,
        ...(earlier.length ? { earlierPeriods: earlier } : {}),
        isHost: r.organisationId === c.hostOrganisationId,
      };
    });
    return [...list.filter((x) => x.isHost), ...list.filter((x) => !x.isHost)];
  }

  /**
   * Every membership period with its organisation's name and figures, by joining date, then
   * organisation name and id (periods of organisations that no longer exist are left out): two
   * queries in `on`, the periods from the consortia module and the organisations from theirs.
   */
  private async memberPeriods(on: On, consortiumId: string): Promise<MemberPeriodRow[]> {
    const periods = await this.consortia.memberPeriods(on, consortiumId);
    const orgs = await this.directory.findMany(on, [...new Set(periods.map((m) => m.organisationId))]);
    const rank = new Map(orgs.map((o, i) => [o.id, i]));
    const byId = new Map(orgs.map((o) => [o.id, o]));
    return periods
      .filter((m) => byId.has(m.organisationId))
      .sort((a, b) => (a.joinedOn === b.joinedOn ? rank.get(a.organisationId)! - rank.get(b.organisationId)! : a.joinedOn < b.joinedOn ? -1 : 1))
      .map((m) => {
        const o = byId.get(m.organisationId)!;
        return { organisationId: m.organisationId, joinedOn: m.joinedOn, leftOn: m.leftOn, name: o.name, annualTurnover: o.annualTurnover, headcount: o.headcount };
      });
  }

  /** Service lines in code order (the order of statement breakdowns). */
  async serviceLines(on: On, consortiumId: string): Promise<ServiceLineInput[]> {
    return (await this.lines.ofConsortium(on, consortiumId)).map((l) => ({ id: l.id, code: l.code, recipientIds: l.recipientIds, goLive: l.goLive }));
  }

  /**
   * The core's input without credits. Costs and activity are limited to `monthsFrom..monthsTo` when
   * given (either bound may be omitted). Every list comes in a fixed order (the keys' order), so the
   * same data always gives the same input: the statements service memoises ledgers by the input's
   * content, and an unordered scan (PostgreSQL may start a large one mid-table) would defeat it.
   */
  async input(on: On, c: Consortium, agreement: ActiveAgreement, opts: { asOf: string; monthsFrom?: string; monthsTo?: string }): Promise<LedgerInput> {
    const members = await this.members(on, c, opts.asOf);
    const serviceLines = await this.serviceLines(on, c.id);
    const { costs, activity, baselines } = await this.ledger.inputRows(on, c.id, { from: opts.monthsFrom, to: opts.monthsTo });
    return {
      members,
      serviceLines,
      terms: ledgerTerms(agreement.terms),
      termVersions: agreement.versions.map((v) => ({ effectiveFrom: v.effectiveFrom, terms: ledgerTerms(v.terms) })),
      costs,
      activity,
      baselines,
      credits: [],
    };
  }
}
