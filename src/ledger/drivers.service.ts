/**
 * The consortium's allocation drivers (domain.md §12): turnover and headcount per member and
 * financial year, used by the `turnover` and `headcount` bases. A member gets a row for its joining
 * year from its profile as it is then (DRIVER_SNAPSHOT, ./driver-snapshot.writer.ts, on enrolment);
 * afterwards only the host (or an admin) changes them, audited, and never in a way that would alter a
 * closed month. An organisation's own profile edit changes no consortium's charges.
 *
 * Who reads: the host and admins every row; the partnership board (board viewers of a member
 * organisation) every row; any other member user its own organisation's rows.
 */
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { ConflictError, ValidationError, type FieldError } from '../common/errors/domain-error';
import { groupByMember, memberYearErrors, withNamesSorted } from '../common/member-years';
import { dec } from '../common/money';
import { financialYearStart, firstDay, lastDay } from '../common/months';
import { decimalString } from '../common/validation/validation';
import { AccessService } from '../consortia/access.service';
import { ConsortiaService } from '../consortia/consortia.service';
import { UnitOfWork, type On } from '../database/sql';
import { MonthsService } from '../months/months.service';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import type { DriverList, PutDriversDto, UpsertResult } from './dto';
import { DriversRepository, type DriverRecord } from './drivers.repository';
import { throwWithFormatErrors } from '../common/validation/together';

@Injectable()
export class DriversService {
  constructor(
    private readonly repo: DriversRepository,
    private readonly months: MonthsService,
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly consortia: ConsortiaService,
    private readonly directory: OrganisationDirectoryService,
    private readonly audit: AuditService,
  ) {}

  /** Every row of the consortium by organisation and financial year, for the calculation core. */
  async rowsByMember(on: On, consortiumId: string): Promise<Map<string, DriverRecord[]>> {
    return groupByMember(await this.repo.list(on, consortiumId), (r) => r);
  }

  async list(p: Principal, consortiumId: string): Promise<DriverList> {
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

  /**
   * Writes rows, all or nothing. A row for year f prices the member's months from April of f until
   * its next row's year: when that span holds a closed month and the figures change, 409
   * `month_closed` (the issued statements would no longer match their records).
   */
  async put(p: Principal, consortiumId: string, dto: PutDriversDto): Promise<UpsertResult> {
    await this.access.consortium(p, consortiumId, 'manage');
    return this.uow.run(async (tx) => {
      await this.months.lockForWrite(tx, consortiumId);
      const closed = await this.months.closedList(tx, consortiumId);
      const periods = await this.consortia.memberPeriods(tx, consortiumId);
      const memberIds = new Set(periods.map((m) => m.organisationId));
      // a closed month prices a member's drivers only when it was a member for some of its days
      const memberIn = (organisationId: string, month: string) =>
        periods.some((m) => m.organisationId === organisationId && m.joinedOn <= lastDay(month) && (m.leftOn === null || m.leftOn >= firstDay(month)));
      const existing = await this.rowsByMember(tx, consortiumId);
      const items = dto.items.map((it) => ({ ...it, headcount: decimalString(it.headcount) }));
      const errors = memberYearErrors(items, memberIds).flat();
      const closedErrors: FieldError[] = [];
      throwWithFormatErrors(dto, errors, 'Some items are invalid; nothing was written');
      if (errors.length) throw new ValidationError(errors, 'Some items are invalid; nothing was written');
      items.forEach((it, i) => {
        const rows = existing.get(it.organisationId) ?? [];
        const same = rows.find((r) => r.financialYear === it.financialYear);
        if (same && dec(same.annualTurnover).eq(dec(it.annualTurnover)) && dec(same.headcount).eq(dec(it.headcount))) return;
        // the months this row prices: from April of its year until the member's next year with a row (given or stored)
        const years = [...rows.map((r) => r.financialYear), ...items.filter((x) => x.organisationId === it.organisationId).map((x) => x.financialYear)];
        const next = years.filter((y) => y > it.financialYear).sort()[0];
        const from = financialYearStart(it.financialYear);
        const until = next ? financialYearStart(next) : null;
        const hit = closed.filter((m) => m >= from && (until === null || m < until) && memberIn(it.organisationId, m));
        if (hit.length) closedErrors.push({ field: `items.${i}.financialYear`, message: `would reprice closed month ${hit[hit.length - 1]}` });
      });
      if (closedErrors.length) throw new ConflictError('month_closed', 'Some rows would reprice a closed month; nothing was written', closedErrors);
      const before = items.flatMap((it) => (existing.get(it.organisationId) ?? []).filter((r) => r.financialYear === it.financialYear));
      await this.repo.upsert(tx, consortiumId, items, p.userId);
      await this.audit.record(tx, p, {
        action: 'upsert',
        entity: 'drivers',
        entityId: null,
        consortiumId,
        before: before.map(({ organisationId, financialYear, annualTurnover, headcount }) => ({ organisationId, financialYear, annualTurnover, headcount })),
        after: items,
      });
      return { accepted: items.length, created: items.length - before.length, updated: before.length };
    });
  }
}
