import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../consortia/access.service';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../common/errors/domain-error';
import { addMonths, cmp, firstDay, lastDay, monthOf } from '../common/months';
import { CLOSED_MONTHS, type ClosedMonthsReader } from '../consortia/closed-months.port';
import { ConsortiaService } from '../consortia/consortia.service';
import { UnitOfWork, type On, type Tx } from '../database/sql';
import type { CreateServiceLineDto, ServiceLineView, UpdateServiceLineDto } from './dto';
import { LINE_COSTS, type LineCostsReader } from './line-costs.port';
import type { ServiceLine } from './service-line.model';
import { ServiceLinesRepository } from './service-lines.repository';
import { throwWithFormatErrors } from '../common/validation/together';

@Injectable()
export class ServiceLinesService {
  constructor(
    private readonly repo: ServiceLinesRepository,
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly consortia: ConsortiaService,
    private readonly audit: AuditService,
    @Inject(CLOSED_MONTHS) private readonly closedMonths: ClosedMonthsReader,
    @Inject(LINE_COSTS) private readonly costs: LineCostsReader,
  ) {}

  async create(p: Principal, consortiumId: string, dto: CreateServiceLineDto): Promise<ServiceLineView> {
    const c = await this.access.consortium(p, consortiumId, 'manage');
    return this.uow.run(async (tx) => {
      await this.consortia.lockForUpdate(tx, consortiumId);
      if (await this.repo.codeTaken(tx, consortiumId, dto.code)) {
        throw new ConflictError('duplicate_code', `A service line with code ${dto.code} already exists in this consortium`, [
          { field: 'code', message: 'already used in this consortium' },
        ]);
      }
      const errors: FieldError[] = [];
      const recipients = dto.recipientIds ? await this.checkRecipients(tx, consortiumId, dto.recipientIds, errors) : null;
      const startMonth = monthOf(c.startDate);
      // A new line goes live in an open month (domain.md §12): by default the first one, so that a
      // line added after a close neither contradicts the issued statements nor is stuck behind them.
      const lastClosed = (await this.closedMonths.closedList(tx, consortiumId)).at(-1) ?? null;
      const firstOpen = lastClosed && cmp(addMonths(lastClosed, 1), startMonth) > 0 ? addMonths(lastClosed, 1) : startMonth;
      const goLive = dto.goLive ?? firstOpen;
      if (cmp(goLive, startMonth) < 0) errors.push({ field: 'goLive', message: `goLive must be on or after the consortium's start month ${startMonth}` });
      throwWithFormatErrors(dto, errors);
      if (errors.length) throw new ValidationError(errors);
      if (lastClosed && cmp(goLive, lastClosed) <= 0) {
        throw new ConflictError('month_closed', `Months up to ${lastClosed} are closed: a new service line goes live in ${firstOpen} or later; nothing was changed`, [
          { field: 'goLive', message: `${goLive} is closed: choose ${firstOpen} or later` },
        ]);
      }
      const saved = await this.repo.insert(tx, {
        consortiumId,
        code: dto.code,
        name: dto.name.trim(),
        function: dto.function,
        classification: dto.classification,
        recipientIds: recipients,
        goLive,
      });
      await this.audit.record(tx, p, { action: 'create', entity: 'service_line', entityId: saved.id, consortiumId, after: view(saved) });
      return view(saved);
    });
  }

  /**
   * Changes a line's name, recipients or go-live (host or admin; audited with before and after).
   * Closed months stay as issued (domain.md §12): a go-live change is 409 `month_closed` when the old
   * or the new go-live is closed; a recipients change when an organisation added or removed was a
   * member on a day of a closed month on or after the go-live. Moving go-live past an existing cost
   * entry of the line is 409 (reverse the entry first).
   */
  async update(p: Principal, consortiumId: string, id: string, dto: UpdateServiceLineDto): Promise<ServiceLineView> {
    const c = await this.access.consortium(p, consortiumId, 'manage');
    return this.uow.run(async (tx) => {
      // the consortium row first (as a month close takes it), then the line
      await this.consortia.lockForUpdate(tx, consortiumId);
      const before = await this.repo.findForUpdate(tx, consortiumId, id);
      if (!before) throw new NotFoundError('Service line');
      const errors: FieldError[] = [];
      if (dto.name === null || (dto.name !== undefined && !dto.name.trim())) errors.push({ field: 'name', message: 'name must not be blank' });
      if (dto.goLive === null) errors.push({ field: 'goLive', message: 'goLive must be a month YYYY-MM' });
      const startMonth = monthOf(c.startDate);
      if (dto.goLive && cmp(dto.goLive, startMonth) < 0) errors.push({ field: 'goLive', message: `goLive must be on or after the consortium's start month ${startMonth}` });
      const recipients =
        dto.recipientIds === undefined ? before.recipientIds : dto.recipientIds === null ? null : await this.checkRecipients(tx, consortiumId, dto.recipientIds, errors);
      throwWithFormatErrors(dto, errors);
      if (errors.length) throw new ValidationError(errors);
      const next = { name: dto.name?.trim() ?? before.name, recipientIds: recipients, goLive: dto.goLive ?? before.goLive };

      const closed: FieldError[] = [];
      const lastClosed = (await this.closedMonths.closedList(tx, consortiumId)).at(-1) ?? null;
      if (lastClosed && next.goLive !== before.goLive) {
        const touched = [before.goLive, next.goLive].filter((m) => cmp(m, lastClosed) <= 0);
        if (touched.length) closed.push({ field: 'goLive', message: `${touched[0]} is closed: go-live can only move between months after ${lastClosed}` });
      }
      if (lastClosed && cmp(before.goLive, lastClosed) <= 0 && !sameSet(before.recipientIds, next.recipientIds)) {
        // who was a member on a day of firstDay(goLive)..lastDay(lastClosed) and is added or removed
        const periods = await this.consortia.memberPeriods(tx, consortiumId);
        const everyone = [...new Set(periods.map((m) => m.organisationId))];
        const was = new Set(before.recipientIds ?? everyone);
        const will = new Set(next.recipientIds ?? everyone);
        const changed = everyone.filter((o) => was.has(o) !== will.has(o));
        const from = firstDay(before.goLive);
        const to = lastDay(lastClosed);
        const priced = changed.filter((o) => periods.some((m) => m.organisationId === o && m.joinedOn <= to && (m.leftOn === null || m.leftOn >= from)));
        if (priced.length) {
          const position = (o: string) => (next.recipientIds ?? []).indexOf(o);
          closed.push(
            ...priced.map((o) => ({
              field: position(o) >= 0 ? `recipientIds.${position(o)}` : 'recipientIds',
              message: `${o} was a member in months up to ${lastClosed}, which are closed: it can be ${will.has(o) ? 'added' : 'removed'} only by a new service line`,
            })),
          );
        }
      }
      if (closed.length) {
        throw new ConflictError('month_closed', `Months up to ${lastClosed} are closed and this change would alter their issued statements; nothing was changed`, closed);
      }
      if (cmp(next.goLive, before.goLive) > 0) {
        const first = await this.costs.firstCostMonth(tx, consortiumId, id);
        if (first && cmp(first, next.goLive) < 0) {
          throw new ConflictError(
            'costs_before_go_live',
            `The line has a cost entry in ${first}, before ${next.goLive}: reverse it (a negative entry in the same month) before moving go-live later`,
            [{ field: 'goLive', message: `a cost entry of the line is in ${first}` }],
          );
        }
      }
      const unchanged = next.name === before.name && next.goLive === before.goLive && sameSet(before.recipientIds, next.recipientIds);
      const saved = unchanged ? before : await this.repo.update(tx, id, next);
      await this.audit.record(tx, p, { action: 'update', entity: 'service_line', entityId: id, consortiumId, before: view(before), after: view(saved) });
      return view(saved);
    });
  }

  /** Distinct recipients, each a member of the consortium (errors named recipientIds.N), at least one. */
  private async checkRecipients(tx: Tx, consortiumId: string, ids: string[], errors: FieldError[]): Promise<string[]> {
    const recipients = [...new Set(ids)];
    const known = new Set(await this.consortia.memberOrganisationIds(tx, consortiumId, recipients));
    ids.forEach((r, i) => {
      if (!known.has(r) && ids.indexOf(r) === i) errors.push({ field: `recipientIds.${i}`, message: 'not a member of this consortium' });
    });
    if (!recipients.length) errors.push({ field: 'recipientIds', message: 'must name at least one member, or be omitted for every member' });
    return recipients;
  }

  async list(p: Principal, consortiumId: string): Promise<{ items: ServiceLineView[]; total: number }> {
    await this.access.consortium(p, consortiumId, 'read');
    const rows = await this.repo.list(null, consortiumId);
    return { items: rows.map(view), total: rows.length };
  }

  async get(p: Principal, consortiumId: string, id: string): Promise<ServiceLineView> {
    await this.access.consortium(p, consortiumId, 'read');
    const s = await this.repo.find(null, consortiumId, id);
    if (!s) throw new NotFoundError('Service line');
    return view(s);
  }

  // ---------------------------------------------------------------- for other modules (no access check: callers have done theirs)

  /** The service lines of a consortium, by code (unique in a consortium), read on `on`. */
  ofConsortium(on: On, consortiumId: string): Promise<ServiceLine[]> {
    return this.repo.list(on, consortiumId);
  }

  /** Whether `id` is a service line of the consortium. */
  async exists(on: On, consortiumId: string, id: string): Promise<boolean> {
    return (await this.repo.find(on, consortiumId, id)) !== null;
  }
}

export function view(s: ServiceLine): ServiceLineView {
  return {
    id: s.id,
    consortiumId: s.consortiumId,
    code: s.code,
    name: s.name,
    function: s.function,
    classification: s.classification,
    recipientIds: s.recipientIds,
    goLive: s.goLive,
  };
}

/** Whether two recipient lists name the same organisations (null = every member). */
function sameSet(a: string[] | null, b: string[] | null): boolean {
  if (a === null || b === null) return a === b;
  const x = new Set(a);
  return x.size === new Set(b).size && b.every((o) => x.has(o));
}
