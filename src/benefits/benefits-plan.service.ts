/**
 * The benefits plan (domain.md §16): per member and financial year, the planned saving and, where
 * offered, the guaranteed percentage of the baseline. The plan is a plan, not a price: it changes
 * no charge and no issued statement (statements show it beside the figures they were issued with),
 * so a row for a year with closed months may be written, and every change is audited.
 *
 * PUT upserts the rows given (all or nothing): other rows stay as they are; a row is replaced whole
 * (a guaranteedPercent omitted or null clears the year's guarantee). Rows are never deleted: a
 * planned 0.00 plans nothing.
 *
 * Who reads: the host and admins every row; the partnership board (board viewers of a member
 * organisation) every row; any other member user its own organisation's rows.
 */
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { ValidationError, type FieldError } from '../common/errors/domain-error';
import { groupByMember, memberYearErrors, withNamesSorted } from '../common/member-years';
import { dec, formatDecimal, isDecimalString } from '../common/money';
import { throwWithFormatErrors } from '../common/validation/together';
import { decimalString } from '../common/validation/validation';
import { AccessService } from '../consortia/access.service';
import { ConsortiaService } from '../consortia/consortia.service';
import { UnitOfWork, type On } from '../database/sql';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import type { UpsertResult } from '../ledger/dto';
import type { PlanRow } from './core/benefits';
import type { BenefitsPlanItemDto, BenefitsPlanList, PutBenefitsPlanDto } from './dto';
import { BenefitsPlanRepository, type BenefitsPlanWrite } from './benefits-plan.repository';

@Injectable()
export class BenefitsPlanService {
  constructor(
    private readonly repo: BenefitsPlanRepository,
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly consortia: ConsortiaService,
    private readonly directory: OrganisationDirectoryService,
    private readonly audit: AuditService,
  ) {}

  /** Every row of the consortium by organisation, for the calculation core (no access check: callers have checked). */
  async rowsByMember(on: On, consortiumId: string): Promise<Map<string, PlanRow[]>> {
    return groupByMember(await this.repo.list(on, consortiumId), (r): PlanRow => ({
      financialYear: r.financialYear,
      plannedSavings: r.plannedSavings,
      guaranteedPercent: r.guaranteedPercent,
    }));
  }

  async list(p: Principal, consortiumId: string): Promise<BenefitsPlanList> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const own = (await this.access.seesWholeConsortium(p, c)) ? undefined : (p.organisationId ?? undefined);
    const rows = await this.repo.list(null, consortiumId, own);
    const names = await this.directory.namesOf(
      null,
      rows.map((r) => r.organisationId),
    );
    const items = withNamesSorted(rows, names);
    return { items, total: items.length };
  }

  /** Writes the rows given, all or nothing (host or admin), audited. */
  async put(p: Principal, consortiumId: string, dto: PutBenefitsPlanDto): Promise<UpsertResult> {
    await this.access.consortium(p, consortiumId, 'manage');
    return this.uow.run(async (tx) => {
      const periods = await this.consortia.memberPeriods(tx, consortiumId);
      const memberIds = new Set(periods.map((m) => m.organisationId));
      const errors: FieldError[] = [];
      // PutBenefitsPlanDto collects its errors together: a malformed value (or item) was removed by the
      // pipe and its format error is in the answer, beside what is found in every other item
      const given = (dto.items ?? []).map((it) => it ?? ({} as Partial<BenefitsPlanItemDto>));
      const itemErrors = memberYearErrors(given, memberIds);
      const items: BenefitsPlanWrite[] = given.map((it, i) => {
        const f = (name: string) => `items.${i}.${name}`;
        errors.push(...itemErrors[i]);
        let pct: string | null = null;
        if (it.guaranteedPercent !== undefined && it.guaranteedPercent !== null) {
          const s = decimalString(it.guaranteedPercent);
          if (!isDecimalString(s) || dec(s).isNegative() || dec(s).greaterThan(100))
            errors.push({ field: f('guaranteedPercent'), message: 'guaranteedPercent must be between 0 and 100' });
          else pct = formatDecimal(dec(s), 4);
        }
        const planned = it.plannedSavings === undefined ? '' : dec(it.plannedSavings).toFixed(2);
        return { organisationId: it.organisationId, financialYear: it.financialYear, plannedSavings: planned, guaranteedPercent: pct };
      });
      throwWithFormatErrors(dto, errors, 'Some items are invalid; nothing was written');
      if (errors.length) throw new ValidationError(errors, 'Some items are invalid; nothing was written');
      const existing = await this.repo.list(tx, consortiumId);
      const keys = new Set(items.map((it) => `${it.organisationId}/${it.financialYear}`));
      const before = existing.filter((r) => keys.has(`${r.organisationId}/${r.financialYear}`));
      await this.repo.upsert(tx, consortiumId, items, p.userId);
      await this.audit.record(tx, p, {
        action: 'upsert',
        entity: 'benefits_plan',
        entityId: null,
        consortiumId,
        before: before.map(({ organisationId, financialYear, plannedSavings, guaranteedPercent }) => ({ organisationId, financialYear, plannedSavings, guaranteedPercent })),
        after: items,
      });
      return { accepted: items.length, created: items.length - before.length, updated: before.length };
    });
  }
}
