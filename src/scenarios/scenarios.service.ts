import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import type { Role } from '../common/enums';
import { ForbiddenError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { isMonth, monthOf } from '../common/months';
import { AccessService } from '../consortia/access.service';
import type { Consortium } from '../consortia/consortium.model';
import { UnitOfWork } from '../database/sql';
import { CalculationError } from '../statements/core/errors';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import { StatementCalculator } from '../statements/statement-calculator.service';
import {
  normaliseChanges,
  ownFiguresFaults,
  priceScenario,
  scenarioShareFault,
  scenarioTotals,
  validateScenario,
  type ScenarioChange,
  type ScenarioItem,
  type ScenarioResult,
  type ScenarioStatement,
} from './core';
import type { SavedScenarioList, ScenarioChangeView, ScenarioItemView, ScenarioRequestDto, ScenarioResultView, ScenarioStatementView } from './dto';
import { ScenariosRepository, type SavedScenarioRow } from './scenarios.repository';

/** Roles that may save a scenario (a board paper cites it): not partner_user. */
export const SCENARIO_SAVERS: readonly Role[] = ['admin', 'host_admin', 'org_admin', 'board_viewer'];

const ROLE_LABELS: Record<Role, string> = {
  admin: 'administrator',
  host_admin: 'host administrator',
  org_admin: 'organisation administrator',
  partner_user: 'member user',
  board_viewer: 'board viewer',
};

/** The stored answer plus what was asked: what a saved scenario keeps. */
interface StoredResult extends ScenarioResult {
  changes: ScenarioChange[];
}

/**
 * What-if scenarios (domain.md §14): priced from the ledger (every month of the range, closed ones
 * included) and the SLA credit percentages, through the statements module; nothing is written
 * unless the caller saves it with a name. Readers see the items as statements are read: the host,
 * admins and the partnership board every member's, other members only their own organisation's
 * (and the totals over what they see).
 */
@Injectable()
export class ScenariosService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly calculator: StatementCalculator,
    private readonly repo: ScenariosRepository,
    private readonly directory: OrganisationDirectoryService,
    private readonly audit: AuditService,
  ) {}

  private statement(s: ScenarioStatement): ScenarioStatementView {
    const { organisationId: _id, ...rest } = s;
    return rest;
  }

  /** The items `p` may read, shaped for the API (a joiner's id is null), and the totals over them. */
  private async view(p: Principal, c: Consortium, r: StoredResult): Promise<ScenarioResultView> {
    const whole = await this.access.seesWholeConsortium(p, c);
    const visible = r.items.filter((i) => whole || (!i.joiner && i.organisationId === p.organisationId));
    const items: ScenarioItemView[] = visible.map((i: ScenarioItem) => ({
      organisationId: i.joiner ? null : i.organisationId,
      name: i.name,
      current: this.statement(i.current),
      scenario: this.statement(i.scenario),
      difference: i.difference,
    }));
    return { from: r.from, to: r.to, changes: r.changes as ScenarioChangeView[], items, totals: scenarioTotals(visible) };
  }

  async run(p: Principal, consortiumId: string, body: ScenarioRequestDto): Promise<ScenarioResultView> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const name = body.name?.trim();
    if (body.name !== undefined && !name) throw new ValidationError([{ field: 'name', message: 'name must not be blank' }]);
    if (name && !SCENARIO_SAVERS.includes(p.role)) throw new ForbiddenError('Saving a scenario is for the host, organisation administrators and board viewers');
    // saving writes: not into an archived partnership (a run writes nothing, so it stays open)
    if (name) this.access.assertWritable(c);
    const whole = await this.access.seesWholeConsortium(p, c);
    const early = validateScenario(
      { members: [], serviceLines: [], terms: { model: 'commercial', prices: [] }, costs: [], activity: [], baselines: [], credits: [] },
      body.from,
      body.to,
      [],
    );
    const rangeErrors = early.filter((e) => e.field === 'from' || e.field === 'to');
    if (!isMonth(body.from) || !isMonth(body.to) || rangeErrors.length) throw new ValidationError(rangeErrors);
    return this.uow.run(async (tx) => {
      const input = await this.calculator.scenarioInput(tx, c, body.from, body.to);
      const errors = validateScenario(input, body.from, body.to, body.changes, { startMonth: monthOf(c.startDate) });
      if (errors.length) throw new ValidationError(errors);
      const changes = normaliseChanges(body.changes);
      if (!whole) {
        const faults = ownFiguresFaults(changes, p.organisationId);
        if (faults.length) throw new ValidationError(faults);
      }
      const priced = this.price(input, body.from, body.to, changes);
      const stored: StoredResult = { from: priced.from, to: priced.to, items: priced.items, totals: priced.totals, changes };
      if (!name) return this.view(p, c, stored);
      const label = await this.authorLabel(tx, p);
      const row = await this.repo.insert(tx, {
        consortiumId,
        name,
        from: body.from,
        to: body.to,
        changes,
        result: stored,
        createdBy: p.userId,
        createdByOrganisationId: p.organisationId,
        createdByLabel: label,
      });
      await this.audit.record(tx, p, { action: 'create', entity: 'scenario', entityId: row.id, consortiumId, after: { name, from: body.from, to: body.to, changes } });
      return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), createdBy: row.createdByLabel, ...(await this.view(p, c, stored)) };
    }, 'REPEATABLE READ');
  }

  /** Prices the scenario; a line the changed terms leave impossible to share is a 400 naming the change's field. */
  private price(input: Parameters<typeof priceScenario>[0], from: string, to: string, changes: ScenarioChange[]): ScenarioResult {
    try {
      return priceScenario(input, from, to, changes);
    } catch (e) {
      if (!(e instanceof CalculationError) || (e.code !== 'zero_weights' && e.code !== 'activity_all_zero')) throw e;
      const field = scenarioShareFault(changes, e.details);
      if (field === null) throw e;
      throw new ValidationError([{ field, message: e.message }]);
    }
  }

  private async authorLabel(tx: Parameters<OrganisationDirectoryService['findMany']>[0], p: Principal): Promise<string> {
    const role = ROLE_LABELS[p.role];
    if (!p.organisationId) return role.charAt(0).toUpperCase() + role.slice(1);
    const [org] = await this.directory.findMany(tx, [p.organisationId]);
    return org ? `${org.name} (${role})` : role;
  }

  private canDelete(p: Principal, c: Consortium, row: Pick<SavedScenarioRow, 'createdBy'>): boolean {
    return this.access.isHost(p, c) || (row.createdBy !== null && row.createdBy === p.userId);
  }

  async list(p: Principal, consortiumId: string): Promise<SavedScenarioList> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const rows = await this.repo.list(null, consortiumId);
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        from: r.from,
        to: r.to,
        createdAt: r.createdAt.toISOString(),
        createdBy: r.createdByLabel,
        canDelete: this.canDelete(p, c, r),
      })),
    };
  }

  async get(p: Principal, consortiumId: string, scenarioId: string): Promise<ScenarioResultView> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const row = await this.repo.find(null, consortiumId, scenarioId);
    if (!row) throw new NotFoundError('Scenario');
    return {
      id: row.id,
      name: row.name,
      createdAt: row.createdAt.toISOString(),
      createdBy: row.createdByLabel,
      ...(await this.view(p, c, { ...row.result, changes: row.changes })),
    };
  }

  /** Whether `p` may delete the saved scenario (its author or the host); 404 when there is none. */
  async mayDelete(p: Principal, consortiumId: string, scenarioId: string): Promise<boolean> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const row = await this.repo.find(null, consortiumId, scenarioId);
    if (!row) throw new NotFoundError('Scenario');
    return this.canDelete(p, c, row);
  }

  async delete(p: Principal, consortiumId: string, scenarioId: string): Promise<void> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    this.access.assertWritable(c);
    await this.uow.run(async (tx) => {
      const row = await this.repo.find(tx, consortiumId, scenarioId);
      if (!row) throw new NotFoundError('Scenario');
      if (!this.canDelete(p, c, row)) throw new ForbiddenError('Only its author or the host may delete a saved scenario');
      await this.repo.delete(tx, consortiumId, scenarioId);
      await this.audit.record(tx, p, {
        action: 'delete',
        entity: 'scenario',
        entityId: scenarioId,
        consortiumId,
        before: { name: row.name, from: row.from, to: row.to, changes: row.changes },
      });
    });
  }
}
