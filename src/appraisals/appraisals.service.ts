/**
 * Options appraisals (domain.md §15): computed by the pure core (./core), optionally saved in a
 * consortium. Without a consortium nothing is read or written and the status quo cost is required.
 * With one, the status quo cost defaults to the members' current annual baselines (the ledger's
 * figure); saving is for those who take decisions for the partnership: the host (host_admin), admins,
 * and a member organisation's board viewers and administrators (org_admin). Other member users
 * (partner_user) read saved appraisals but do not save them (403). Every member reads them.
 */
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../common/errors/domain-error';
import { D, formatMoney, isMoneyString, money } from '../common/money';
import { decimalString } from '../common/validation/validation';
import { AccessService } from '../consortia/access.service';
import type { Consortium } from '../consortia/consortium.model';
import { UnitOfWork } from '../database/sql';
import { LedgerService } from '../ledger/ledger.service';
import { AppraisalsRepository, type AppraisalRecord, type SavedInputs } from './appraisals.repository';
import { APPRAISAL_DEFAULTS, appraise, validateAppraisal, type AppraisalInput, type AppraisalResult } from './core';
import type { AppraisalList, AppraisalView, CreateAppraisalDto } from './dto';

/** The roles that save appraisals of a consortium they belong to (the host's host_admins and admins always may). */
const APPRAISING_MEMBER_ROLES = ['board_viewer', 'org_admin'];

@Injectable()
export class AppraisalsService {
  constructor(
    private readonly repo: AppraisalsRepository,
    private readonly access: AccessService,
    private readonly ledger: LedgerService,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Whether the caller (who may read `c`) saves appraisals in it. */
  mayCreate(p: Principal, c: Consortium): boolean {
    return this.access.isHost(p, c) || APPRAISING_MEMBER_ROLES.includes(p.role);
  }

  /** The default status quo cost of a consortium: Σ of the current members' annual baselines in force this month. */
  async defaultStatusQuo(p: Principal, consortiumId: string): Promise<string> {
    await this.access.consortium(p, consortiumId, 'read');
    return this.ledger.currentAnnualBaselines(null, consortiumId, this.clock.today());
  }

  /** Computes (and with `consortiumId`, saves) an appraisal; `saved` tells which. */
  async create(p: Principal, dto: CreateAppraisalDto): Promise<{ saved: boolean; view: AppraisalView }> {
    const consortiumId = dto.consortiumId;
    let c: Consortium | null = null;
    if (consortiumId) {
      c = await this.access.consortium(p, consortiumId, 'read');
      if (!this.mayCreate(p, c)) throw new ForbiddenError('Only the host, the partnership board and member organisations’ administrators save appraisals');
      this.access.assertWritable(c);
    }
    const errors: FieldError[] = [];
    const name = dto.name?.trim() ?? '';
    if (c && !name) errors.push({ field: 'name', message: 'name is required to save an appraisal in a consortium' });
    if (!c && dto.statusQuoAnnualCost === undefined) errors.push({ field: 'statusQuoAnnualCost', message: 'statusQuoAnnualCost is required without consortiumId' });
    const fromBaselines = !!c && dto.statusQuoAnnualCost === undefined;
    const statusQuoAnnualCost = fromBaselines && c ? await this.ledger.currentAnnualBaselines(null, c.id, this.clock.today()) : (dto.statusQuoAnnualCost ?? '0.00');
    const input: AppraisalInput = {
      years: dto.years ?? APPRAISAL_DEFAULTS.years,
      discountRatePercent: dto.discountRatePercent === undefined ? APPRAISAL_DEFAULTS.discountRatePercent : decimalString(dto.discountRatePercent),
      statusQuoAnnualCost,
      options: dto.options.map((o) => ({
        name: o.name.trim(),
        deliveryModel: o.deliveryModel,
        startYear: o.startYear ?? 0,
        annualRunningCost: o.annualRunningCost,
        oneOffCosts: (o.oneOffCosts ?? []).map((x) => ({ year: x.year, amount: x.amount })),
        optimismBiasPercent: o.optimismBiasPercent === undefined ? '0' : decimalString(o.optimismBiasPercent),
      })),
    };
    errors.push(...validateAppraisal(input).filter((e) => !(e.field === 'statusQuoAnnualCost' && errors.some((x) => x.field === e.field))));
    if (errors.length) throw new ValidationError(errors);
    const normalised = normalise(input);
    const result = appraise(normalised);
    if (!c) return { saved: false, view: { id: null, consortiumId: null, name: dto.name?.trim() || null, createdAt: null, statusQuoFromBaselines: false, ...result } };
    const consortium = c;
    const inputs: SavedInputs = { ...normalised, statusQuoFromBaselines: fromBaselines };
    const record = await this.uow.run(async (tx) => {
      const r = await this.repo.insert(tx, { consortiumId: consortium.id, name, inputs, result, createdBy: p.userId });
      await this.audit.record(tx, p, { action: 'create', entity: 'appraisal', entityId: r.id, consortiumId: consortium.id, after: { name, inputs } });
      return r;
    });
    return { saved: true, view: toView(record) };
  }

  async list(p: Principal, consortiumId: string): Promise<AppraisalList> {
    await this.access.consortium(p, consortiumId, 'read');
    const items = await this.repo.list(null, consortiumId);
    return { items, total: items.length };
  }

  async get(p: Principal, consortiumId: string, appraisalId: string): Promise<AppraisalView> {
    await this.access.consortium(p, consortiumId, 'read');
    const r = await this.repo.find(null, consortiumId, appraisalId);
    if (!r) throw new NotFoundError('Appraisal');
    return toView(r);
  }
}

/** Money with two decimals, percentages without trailing zeros: how the figures are shown and saved. */
function normalise(input: AppraisalInput): AppraisalInput {
  const m = (s: string) => (isMoneyString(s) ? formatMoney(money(s)) : s);
  const pct = (s: string) => new D(s).toFixed();
  return {
    years: input.years,
    discountRatePercent: pct(input.discountRatePercent),
    statusQuoAnnualCost: m(input.statusQuoAnnualCost),
    options: input.options.map((o) => ({
      ...o,
      annualRunningCost: m(o.annualRunningCost),
      optimismBiasPercent: pct(o.optimismBiasPercent),
      oneOffCosts: o.oneOffCosts.map((x) => ({ year: x.year, amount: m(x.amount) })),
    })),
  };
}

function toView(r: AppraisalRecord): AppraisalView {
  const result: AppraisalResult = r.result;
  return { id: r.id, consortiumId: r.consortiumId, name: r.name, createdAt: r.createdAt, statusQuoFromBaselines: r.inputs.statusQuoFromBaselines, ...result };
}
