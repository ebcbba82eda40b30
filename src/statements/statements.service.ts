import { Injectable } from '@nestjs/common';
import { AccessService } from '../consortia/access.service';
import type { Principal } from '../auth/principal';
import { NotFoundError, ValidationError } from '../common/errors/domain-error';
import { cmp, monthDiff } from '../common/months';
import type { Consortium } from '../consortia/consortium.model';
import { UnitOfWork, type Tx } from '../database/sql';
import { MonthsService } from '../months/months.service';
import { consolidate, type MonthPartJson, type StatementDto } from './core';
import type { AgreementImpactView, BenefitsFields, ConsolidatedStatementView, StatementListView, StatementView } from './dto';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import { ServiceLinesService } from '../service-lines/service-lines.service';
import { ForbiddenError } from '../common/errors/domain-error';
import { AgreementsService } from '../agreements/agreements.service';
import { Clock } from '../common/clock';
import { impactDifference, lastCompleteQuarter } from './core/impact';
import { StatementCalculator, type ClosedMonths, type Computed } from './statement-calculator.service';
import { BenefitsPlanService } from '../benefits/benefits-plan.service';
import { benefits, consolidateBenefits, exactMonthlyBaselines, formatBenefits } from '../benefits/core/benefits';
import { ConsortiaService } from '../consortia/consortia.service';
import { dec } from '../common/money';

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
    private readonly directory: OrganisationDirectoryService,
    private readonly lines: ServiceLinesService,
    private readonly agreements: AgreementsService,
    private readonly clock: Clock,
    private readonly plan: BenefitsPlanService,
    private readonly consortia: ConsortiaService,
  ) {}

  /**
   * Benefits against plan (domain.md §16) beside each statement: planned, gap, guaranteed and
   * shortfall over the statement's months, from the plan as it stands (the plan is not a price: it
   * is not part of an issued statement or its hash) and the exact monthly baselines of the parts.
   */
  private async withBenefits(tx: Tx, c: Consortium, r: Computed, views: Omit<StatementView, keyof BenefitsFields>[]): Promise<StatementView[]> {
    const plans = await this.plan.rowsByMember(tx, c.id);
    const periods = await this.consortia.memberPeriods(tx, c.id);
    return views.map((v) => {
      // every membership period: the latest, and the earlier ones (which have ended)
      const own = periods.filter((m) => m.organisationId === v.organisationId).sort((a, b) => (a.joinedOn < b.joinedOn ? -1 : a.joinedOn > b.joinedOn ? 1 : 0));
      const last = own[own.length - 1];
      const member = last
        ? { joinedOn: last.joinedOn, leftOn: last.leftOn, earlierPeriods: own.slice(0, -1).flatMap((m) => (m.leftOn === null ? [] : [{ joinedOn: m.joinedOn, leftOn: m.leftOn }])) }
        : { joinedOn: '9999-12-31', leftOn: null };
      const b = benefits({ member, plan: plans.get(v.organisationId) ?? [], months: exactMonthlyBaselines(r.parts.get(v.organisationId) ?? []), savings: dec(v.savings) });
      return { ...v, ...formatBenefits(b) };
    });
  }

  /** The statements with the names beside the ids (organisation, service lines), as the caller reads them. */
  private async named(tx: Tx, consortiumId: string, statements: StatementDto[]): Promise<Omit<StatementView, keyof BenefitsFields>[]> {
    const orgs = await this.directory.namesOf(
      tx,
      statements.map((s) => s.organisationId),
    );
    const lines = new Map((await this.lines.ofConsortium(tx, consortiumId)).map((l) => [l.id, l.name]));
    return statements.map((s) => ({
      ...s,
      organisationName: orgs.get(s.organisationId) ?? '',
      serviceLines: s.serviceLines.map((l) => ({ ...l, serviceLineCode: l.code, serviceLineName: lines.get(l.serviceLineId) ?? l.code })),
    }));
  }

  /** Every member's statement: the host, admins and the partnership board (domain.md §13); other members 403. */
  private async wholeConsortium(p: Principal, consortiumId: string): Promise<Consortium> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    if (!(await this.access.seesWholeConsortium(p, c))) throw new ForbiddenError('Every member’s statement is for the host and the partnership board (board viewers)');
    return c;
  }

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

  /** Every member's statement (host, admin, partnership board). One consistent snapshot (REPEATABLE READ). */
  async list(p: Principal, consortiumId: string, from: string, to: string): Promise<StatementListView> {
    const c = await this.wholeConsortium(p, consortiumId);
    this.checkRange(from, to);
    return this.uow.run(async (tx) => {
      const r = await this.compute(tx, c, from, to);
      const named = await this.named(
        tx,
        c.id,
        r.memberIds.map((id) => this.calculator.format(r, id, from, to)),
      );
      return { from, to, items: await this.withBenefits(tx, c, r, named) };
    }, 'REPEATABLE READ');
  }

  /** The partnership's consolidated statement: every member's, and their lines summed exactly (core/consolidate.ts). */
  async consolidated(p: Principal, consortiumId: string, from: string, to: string): Promise<ConsolidatedStatementView> {
    const { items } = await this.list(p, consortiumId, from, to);
    return { from, to, totals: { ...consolidate(items), ...consolidateBenefits(items) }, items };
  }

  /**
   * What a proposed (or any) agreement version would change in each member's charge (domain.md §13):
   * the statements of the last complete quarter priced both ways, from the ledger as it stands: by
   * the approved versions as they are, and by the version asked for over the whole quarter. The host,
   * admins and the partnership board read every member's; any other member its own organisation's.
   */
  async impact(p: Principal, consortiumId: string, version: number): Promise<AgreementImpactView> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const whole = await this.access.seesWholeConsortium(p, c);
    const { from, to } = lastCompleteQuarter(this.clock.month());
    return this.uow.run(async (tx) => {
      const v = await this.agreements.versionTerms(tx, consortiumId, version);
      if (!v) throw new NotFoundError('Agreement version');
      const none: ClosedMonths = { closed: [], parts: () => Promise.resolve([]) };
      const current = await this.calculator.compute(tx, c, from, to, none);
      const proposed = await this.calculator.compute(tx, c, from, to, none, undefined, {
        versions: [{ version: v.version, effectiveFrom: from, terms: v.terms }],
        version: v.version,
        terms: v.terms,
      });
      const ids = current.memberIds.filter((id) => whole || id === p.organisationId);
      const names = await this.directory.namesOf(tx, ids);
      const items = ids.map((id) => {
        const a = this.calculator.format(current, id, from, to);
        const b = this.calculator.format(proposed, id, from, to);
        return { organisationId: id, organisationName: names.get(id) ?? '', current: a, proposed: b, difference: impactDifference(a, b) };
      });
      return { version: v.version, status: v.status, effectiveFrom: v.effectiveFrom, from, to, items };
    }, 'REPEATABLE READ');
  }

  /** One member's statement: the host, admins and the partnership board any member's; everyone else only its own organisation's. */
  async one(p: Principal, consortiumId: string, organisationId: string, from: string, to: string): Promise<StatementView> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    if (p.organisationId !== organisationId && !(await this.access.seesWholeConsortium(p, c))) throw new NotFoundError('Statement');
    this.checkRange(from, to);
    return this.uow.run(async (tx) => {
      const r = await this.compute(tx, c, from, to, organisationId);
      const named = await this.named(tx, c.id, [this.calculator.format(r, organisationId, from, to)]);
      return (await this.withBenefits(tx, c, r, named))[0];
    }, 'REPEATABLE READ');
  }
}
