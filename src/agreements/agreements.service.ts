import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../consortia/access.service';
import type { Principal } from '../auth/principal';
import type { Role } from '../common/enums';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, RuleError, ValidationError, type FieldError } from '../common/errors/domain-error';
import { addMonths, cmp, monthOf } from '../common/months';
import { CLOSED_MONTHS, type ClosedMonthsReader } from '../consortia/closed-months.port';
import { ConsortiaService } from '../consortia/consortia.service';
import type { Consortium } from '../consortia/consortium.model';
import { UnitOfWork, type On, type Tx } from '../database/sql';
import { DecisionsService } from '../decisions/decisions.service';
import { EventsService } from '../events/events.service';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import { ServiceLinesService } from '../service-lines/service-lines.service';
import { agreementModelFor, validateTerms, type TermsContext } from './agreement-terms';
import type { ActiveTerms, AgreementVersion, Vote } from './agreement-version.model';
import { AgreementsRepository, type DraftFields } from './agreements.repository';
import { decisionOf, electorateOf, versionInForce } from './core/decision';
import type { AgreementVersionList, AgreementVersionView, CastVoteDto, DecisionRule, PutAgreementDto } from './dto';

/**
 * `If-Match` of a draft edit: the revision the client last read, as `3`, `"3"` or `W/"3"`.
 * Undefined when the header is absent; 400 naming the header when it is malformed.
 */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  const value = Array.isArray(header) ? header.join(',') : header;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  if (!m) throw new ValidationError([{ field: 'If-Match', message: 'If-Match must be the revision of the draft you edited, e.g. If-Match: "3"' }]);
  return Number(m[1]);
}

/** What dates a new agreement version (see `dating`). */
interface Dating {
  lastClosed: string | null;
  firstOpen: string;
  approved: AgreementVersion[];
}

/** Who decides, by name: the voters of a version and the votes cast. */
interface Electorate {
  voters: string[];
  votes: Vote[];
  names: Map<string, string>;
}

/**
 * The roles that cast an organisation's vote on a proposed version (domain.md §13): its
 * administrator, the host's administrator, or its board member. Partner users and platform admins
 * do not vote. The API's route and the web page both go through `AgreementsService.vote`, which
 * checks this.
 */
export const VOTER_ROLES: readonly Role[] = ['org_admin', 'host_admin', 'board_viewer'];

/** Whether `p` may cast its organisation's vote (the role, and an organisation to vote for). */
export function castsVotes(p: Pick<Principal, 'role' | 'organisationId'>): boolean {
  return p.organisationId !== null && VOTER_ROLES.includes(p.role);
}

/** 403 unless `p` casts its organisation's votes (`castsVotes`). */
export function assertCastsVotes(p: Pick<Principal, 'role' | 'organisationId'>): void {
  if (!castsVotes(p)) throw new ForbiddenError('A vote is an organisation’s: it is cast by one of its administrators or board members');
}

export function view(r: AgreementVersion, currentMonth: string, inForceVersion: number | null, e?: Electorate): AgreementVersionView {
  const latest = new Map((e?.votes ?? []).map((v) => [v.organisationId, v.vote]));
  return {
    consortiumId: r.consortiumId,
    version: r.version,
    status: r.status,
    effectiveFrom: r.effectiveFrom,
    decisionRule: r.decisionRule,
    inForce: r.version === inForceVersion && r.effectiveFrom <= currentMonth,
    revision: r.revision,
    ...r.terms,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    approvedAt: r.approvedAt,
    approvedBy: r.approvedBy,
    proposedAt: r.proposedAt,
    decidedAt: r.decidedAt,
    voters: (e?.voters ?? []).map((id) => ({ organisationId: id, organisationName: e!.names.get(id) ?? '', vote: latest.get(id) ?? null })),
    votes: (e?.votes ?? []).map((v) => ({
      organisationId: v.organisationId,
      organisationName: e!.names.get(v.organisationId) ?? '',
      vote: v.vote,
      comment: v.comment,
      castAt: v.castAt,
    })),
  } as AgreementVersionView;
}

/**
 * Versioned, dated risk-sharing agreements decided by the partnership (domain.md §12, §13).
 *
 * The host edits a draft (optimistic concurrency: `If-Match` carries the revision read, and the
 * write is `UPDATE … WHERE revision = $n`), proposes it, and the members decide it by their
 * approvers' votes under the version's decision rule; an admin may approve directly (terms signed on
 * paper, a partnership being migrated), and under the `host` rule (commercial models) the host
 * decides. Each approved version prices the months from its `effectiveFrom`, which must be after the
 * last closed month and not before the version in force, so a rise agreed in October never reprices
 * April. Every step is audited and in the decisions log.
 */
@Injectable()
export class AgreementsService {
  constructor(
    private readonly repo: AgreementsRepository,
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly decisions: DecisionsService,
    private readonly events: EventsService,
    private readonly consortia: ConsortiaService,
    private readonly serviceLines: ServiceLinesService,
    private readonly directory: OrganisationDirectoryService,
    private readonly clock: Clock,
    @Inject(CLOSED_MONTHS) private readonly closedMonths: ClosedMonthsReader,
  ) {}

  /** What terms are checked against: the organisations that are or were members, and each service line's recipients (null: every member), read in `tx`. */
  private async context(tx: Tx, c: Consortium): Promise<TermsContext> {
    const periods = await this.consortia.memberPeriods(tx, c.id);
    const lines = await this.serviceLines.ofConsortium(tx, c.id);
    return { deliveryModel: c.deliveryModel, memberIds: new Set(periods.map((m) => m.organisationId)), lines: new Map(lines.map((l) => [l.id, l.recipientIds])) };
  }

  private checkApplicable(c: Consortium): void {
    if (agreementModelFor(c.deliveryModel) === null) {
      throw new RuleError('agreement_not_applicable', 'An in-house consortium has one member and tracks SLAs only: it has no risk-sharing agreement');
    }
  }

  /** What dates a new version: the last closed month, the first open one, and the approved versions (oldest effectiveFrom first). */
  private async dating(on: On, c: Consortium): Promise<Dating> {
    const closed = await this.closedMonths.closedList(on, c.id);
    const lastClosed = closed.length ? closed[closed.length - 1] : null;
    return { lastClosed, firstOpen: lastClosed ? addMonths(lastClosed, 1) : monthOf(c.startDate), approved: await this.repo.approved(on, c.id) };
  }

  /** 409 when a version from `month` would reprice a closed month or a month before the terms in force (domain.md §12). */
  private checkEffectiveFrom({ lastClosed, firstOpen, approved }: Dating, month: string): void {
    if (lastClosed !== null && month <= lastClosed) {
      throw new ConflictError('month_closed', `${month} is closed: a new version can take effect from ${firstOpen} at the earliest`, [
        { field: 'effectiveFrom', message: `must be ${firstOpen} or later` },
      ]);
    }
    const inForce = versionInForce(approved, this.clock.month());
    if (inForce && month < inForce.effectiveFrom) {
      throw new ConflictError('before_terms_in_force', `Version ${inForce.version} is in force from ${inForce.effectiveFrom}: a new version cannot take effect before it`, [
        { field: 'effectiveFrom', message: `must be ${inForce.effectiveFrom} or later` },
      ]);
    }
  }

  /**
   * The draft's dated fields from the body, with their defaults (the first open month, and not before
   * the latest approved version; `host` for commercial models, else `unanimous`); field errors are
   * added to `errors`.
   */
  private datedFields(c: Consortium, dto: PutAgreementDto, { firstOpen, approved }: Dating, errors: FieldError[]): { effectiveFrom: string; decisionRule: DecisionRule } {
    const latest = approved.length ? approved[approved.length - 1].effectiveFrom : firstOpen;
    const effectiveFrom = dto.effectiveFrom ?? (latest > firstOpen ? latest : firstOpen);
    if (effectiveFrom < monthOf(c.startDate)) errors.push({ field: 'effectiveFrom', message: `must be on or after the consortium's start month ${monthOf(c.startDate)}` });
    const decisionRule: DecisionRule = dto.decisionRule ?? (dto.model === 'commercial' ? 'host' : 'unanimous');
    if (decisionRule === 'host' && dto.model === 'cooperative') {
      errors.push({ field: 'decisionRule', message: 'in a co-operative the members decide (each partner has an equal say): unanimous or majority' });
    }
    return { effectiveFrom, decisionRule };
  }

  /** Creates the draft (a new version) or replaces it (If-Match required, stale → 409). */
  async put(p: Principal, consortiumId: string, dto: PutAgreementDto, ifMatch: number | undefined): Promise<AgreementVersionView> {
    const c = await this.access.consortium(p, consortiumId, 'manage');
    this.checkApplicable(c);
    return this.uow.run(async (tx) => {
      const { effectiveFrom: _e, decisionRule: _d, ...body } = dto;
      const { terms, errors } = validateTerms(body, await this.context(tx, c));
      const dating = await this.dating(tx, c);
      const dated = this.datedFields(c, dto, dating, errors);
      if (!terms || errors.length) throw new ValidationError(errors);
      this.checkEffectiveFrom(dating, dated.effectiveFrom);
      const fields: DraftFields = { terms, ...dated };
      const draft = await this.repo.draft(tx, consortiumId);
      if (draft) {
        if (ifMatch === undefined) {
          throw new DomainError('precondition_required', 428, `A draft (version ${draft.version}, revision ${draft.revision}) exists: send If-Match with the revision you edited`, [
            { field: 'If-Match', message: 'required when replacing a draft' },
          ]);
        }
        const updated = await this.repo.updateDraft(tx, consortiumId, ifMatch, fields, p.userId);
        if (!updated) throw this.stale(ifMatch);
        const month = this.clock.month();
        await this.audit.record(tx, p, {
          action: 'update',
          entity: 'agreement_version',
          entityId: `${consortiumId}/${draft.version}`,
          consortiumId,
          before: view(draft, month, null),
          after: view(updated, month, null),
        });
        return view(updated, month, null);
      }
      if (ifMatch !== undefined) throw this.stale(ifMatch);
      // A new draft version; a concurrent creation hits the unique indexes and does nothing here.
      const created = await this.repo.insertDraft(tx, consortiumId, fields, p.userId);
      if (!created)
        throw new ConflictError('revision_conflict', 'Another draft was created at the same time: read it (GET …/agreement/draft) and send If-Match with its revision', [
          { field: 'If-Match', message: 'the draft changed' },
        ]);
      const v = view(created, this.clock.month(), null);
      await this.audit.record(tx, p, { action: 'create', entity: 'agreement_version', entityId: `${consortiumId}/${created.version}`, consortiumId, after: v });
      return v;
    });
  }

  private stale(ifMatch: number): ConflictError {
    return new ConflictError('revision_conflict', `The draft is no longer at revision ${ifMatch}: someone changed or proposed it. Read it again and re-apply your change`, [
      { field: 'If-Match', message: `revision ${ifMatch} is stale` },
    ]);
  }

  /** 422 when the version no longer fits the consortium (members, service lines or delivery model changed since it was written). */
  private async checkStillValid(tx: Tx, c: Consortium, v: AgreementVersion): Promise<void> {
    const { errors } = validateTerms(v.terms as unknown as Record<string, unknown>, await this.context(tx, c));
    if (errors.length) throw new RuleError('agreement_invalid', `Version ${v.version} no longer fits the consortium; correct it in a new draft`, errors);
  }

  /** The draft goes to the members' vote (domain.md §13). */
  async propose(p: Principal, consortiumId: string, ifMatch: number | undefined): Promise<AgreementVersionView> {
    const c = await this.access.consortium(p, consortiumId, 'manage');
    this.checkApplicable(c);
    return this.uow.run(async (tx) => {
      await this.consortia.lockForUpdate(tx, consortiumId);
      const draft = await this.repo.draft(tx, consortiumId, true);
      if (!draft) throw new ConflictError('no_draft', 'There is no draft to propose: PUT /consortia/:id/agreement first');
      if (ifMatch !== undefined && ifMatch !== draft.revision) throw this.stale(ifMatch);
      const pending = await this.repo.proposed(tx, consortiumId);
      if (pending) {
        throw new ConflictError('proposal_pending', `Version ${pending.version} is before the members: wait for their decision or withdraw it first`, [
          { field: 'version', message: `version ${pending.version} is proposed` },
        ]);
      }
      await this.checkStillValid(tx, c, draft);
      this.checkEffectiveFrom(await this.dating(tx, c), draft.effectiveFrom);
      const proposed = (await this.repo.propose(tx, consortiumId, p.userId))!;
      await this.audit.record(tx, p, { action: 'propose', entity: 'agreement_version', entityId: `${consortiumId}/${proposed.version}`, consortiumId });
      await this.decisions.record(tx, p, {
        consortiumId,
        kind: 'agreement_proposed',
        summary: `Version ${proposed.version} proposed, to take effect from ${proposed.effectiveFrom} (decided ${ruleText(proposed.decisionRule)})`,
        subject: { version: proposed.version, effectiveFrom: proposed.effectiveFrom, decisionRule: proposed.decisionRule },
      });
      await this.events.publish(
        tx,
        consortiumId,
        'agreement.proposed',
        { version: proposed.version, effectiveFrom: proposed.effectiveFrom, decisionRule: proposed.decisionRule },
        p.userId,
      );
      return this.withElectorate(tx, c, proposed);
    });
  }

  /** The host withdraws the version before the members (it is recorded as rejected by the host's withdrawal). */
  async withdraw(p: Principal, consortiumId: string): Promise<AgreementVersionView> {
    await this.access.consortium(p, consortiumId, 'manage');
    return this.uow.run(async (tx) => {
      const c = await this.consortia.lockForUpdate(tx, consortiumId);
      const proposed = await this.repo.proposed(tx, consortiumId, true);
      if (!proposed) throw new ConflictError('no_proposal', 'No version is before the members');
      const decided = await this.repo.decide(tx, consortiumId, proposed.version, 'rejected', null);
      await this.audit.record(tx, p, { action: 'withdraw', entity: 'agreement_version', entityId: `${consortiumId}/${proposed.version}`, consortiumId });
      await this.decisions.record(tx, p, {
        consortiumId,
        kind: 'proposal_withdrawn',
        summary: `Version ${proposed.version} withdrawn by the host before the members decided it`,
        subject: { version: proposed.version },
      });
      await this.events.publish(tx, consortiumId, 'agreement.decided', { version: proposed.version, effectiveFrom: proposed.effectiveFrom, outcome: 'withdrawn' }, p.userId);
      return this.withElectorate(tx, c, decided);
    });
  }

  /**
   * An organisation's vote on the proposed version, cast by its approver (org_admin, the host's
   * host_admin, or its board_viewer); its latest vote counts. When the votes decide the version under
   * its rule, it is approved (superseding an approved version from the same month) or rejected.
   */
  async vote(p: Principal, consortiumId: string, version: number, dto: CastVoteDto): Promise<AgreementVersionView> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    assertCastsVotes(p);
    const org = p.organisationId!;
    this.access.assertWritable(c);
    return this.uow.run(async (tx) => {
      await this.consortia.lockForUpdate(tx, consortiumId);
      const v = await this.repo.byVersion(tx, consortiumId, version, true);
      if (!v) throw new NotFoundError('Agreement version');
      if (v.status !== 'proposed') {
        throw new ConflictError(v.status === 'draft' ? 'version_not_proposed' : 'version_decided', `Version ${version} is ${v.status}: only a proposed version is voted on`, [
          { field: 'version', message: `version ${version} is ${v.status}` },
        ]);
      }
      // A version dated in a month closed since it was proposed can no longer take effect as proposed.
      const lastClosed = (await this.closedMonths.closedList(tx, c.id)).at(-1) ?? null;
      if (lastClosed && cmp(v.effectiveFrom, lastClosed) <= 0) {
        throw new ConflictError(
          'month_closed',
          `Version ${version} takes effect in ${v.effectiveFrom}, which has been closed since it was proposed: the host withdraws it and proposes it again from an open month`,
          [{ field: 'effectiveFrom', message: `${v.effectiveFrom} is closed` }],
        );
      }
      const voters = electorateOf(v.decisionRule, await this.consortia.memberPeriods(tx, c.id), v.effectiveFrom, c.hostOrganisationId);
      if (!voters.includes(org)) {
        throw new ForbiddenError(
          v.decisionRule === 'host'
            ? 'Under this version’s rule the host decides'
            : `Your organisation is not a member in ${v.effectiveFrom}, the version’s first month, so it does not vote on it`,
        );
      }
      await this.repo.castVote(tx, consortiumId, version, { organisationId: org, vote: dto.vote, comment: dto.comment ?? null, castBy: p.userId });
      const name = (await this.directory.findMany(tx, [org]))[0]?.name ?? 'An organisation';
      await this.audit.record(tx, p, { action: 'vote', entity: 'agreement_version', entityId: `${consortiumId}/${version}`, consortiumId, after: { organisationId: org, ...dto } });
      await this.decisions.record(tx, p, {
        consortiumId,
        kind: 'vote_cast',
        summary: `${name} ${dto.vote === 'approve' ? 'approved' : 'objected to'} version ${version}${dto.comment ? `: “${dto.comment}”` : ''}`,
        subject: { version, organisationId: org, vote: dto.vote },
      });
      const votes = (await this.repo.votes(tx, consortiumId, [version])).get(version) ?? [];
      const outcome = decisionOf(v.decisionRule, voters, c.hostOrganisationId, new Map(votes.map((x) => [x.organisationId, x.vote])));
      if (outcome === 'approved') return this.approveVersion(tx, p, c, v, `approved by the members (${ruleText(v.decisionRule)})`);
      if (outcome === 'rejected') {
        const decided = await this.repo.decide(tx, consortiumId, version, 'rejected', null);
        await this.decisions.record(tx, p, {
          consortiumId,
          kind: 'agreement_rejected',
          summary: `Version ${version} rejected by the members (${ruleText(v.decisionRule)}); the terms in force stay`,
          subject: { version },
        });
        await this.events.publish(tx, consortiumId, 'agreement.decided', { version, effectiveFrom: v.effectiveFrom, outcome: 'rejected' }, p.userId);
        return this.withElectorate(tx, c, decided);
      }
      return this.withElectorate(tx, c, v);
    });
  }

  /**
   * Approves the proposed version (or the draft) directly: a platform admin acting for the
   * partnership (terms already signed on paper, a migration), or the host where the version's rule
   * is `host` (commercial models). In a partnership whose members decide, the host cannot.
   */
  async approve(p: Principal, consortiumId: string, ifMatch: number | undefined, note?: string): Promise<AgreementVersionView> {
    const c = await this.access.consortium(p, consortiumId, 'manage');
    this.checkApplicable(c);
    return this.uow.run(async (tx) => {
      await this.consortia.lockForUpdate(tx, consortiumId);
      const v = (await this.repo.proposed(tx, consortiumId, true)) ?? (await this.repo.draft(tx, consortiumId, true));
      if (!v) throw new ConflictError('no_draft', 'There is no draft or proposed version to approve: PUT /consortia/:id/agreement first');
      if (ifMatch !== undefined && ifMatch !== v.revision) throw this.stale(ifMatch);
      if (p.role !== 'admin' && v.decisionRule !== 'host') {
        throw new ForbiddenError(
          `The members decide version ${v.version} (${ruleText(v.decisionRule)}): propose it (POST /consortia/:id/agreement/propose) and each member's approvers vote`,
        );
      }
      const by = p.role === 'admin' ? `approved directly by a platform admin${note ? ` (${note})` : ''}` : `approved by the host${note ? ` (${note})` : ''}`;
      return this.approveVersion(tx, p, c, v, by);
    });
  }

  private async approveVersion(tx: Tx, p: Principal, c: Consortium, v: AgreementVersion, how: string): Promise<AgreementVersionView> {
    await this.checkStillValid(tx, c, v);
    this.checkEffectiveFrom(await this.dating(tx, c), v.effectiveFrom);
    const superseded = await this.repo.supersede(tx, c.id, v.effectiveFrom);
    const approved = await this.repo.decide(tx, c.id, v.version, 'approved', p.userId);
    await this.audit.record(tx, p, {
      action: 'approve',
      entity: 'agreement_version',
      entityId: `${c.id}/${approved.version}`,
      consortiumId: c.id,
      before: superseded !== null ? { supersededVersion: superseded } : null,
      after: { version: approved.version, effectiveFrom: approved.effectiveFrom, how },
    });
    await this.decisions.record(tx, p, {
      consortiumId: c.id,
      kind: 'agreement_approved',
      summary: `Version ${approved.version} ${how}: it prices the months from ${approved.effectiveFrom}${superseded !== null ? ` in place of version ${superseded}` : ''}`,
      subject: { version: approved.version, effectiveFrom: approved.effectiveFrom, ...(superseded !== null ? { supersededVersion: superseded } : {}) },
    });
    await this.events.publish(tx, c.id, 'agreement.decided', { version: approved.version, effectiveFrom: approved.effectiveFrom, outcome: 'approved' }, p.userId);
    return this.withElectorate(tx, c, approved);
  }

  private async withElectorate(on: On, c: Consortium, v: AgreementVersion): Promise<AgreementVersionView> {
    return (await this.views(on, c, [v]))[0];
  }

  /** Views of `rows` with their voters and votes (proposed and decided versions) and whether each is in force. */
  private async views(on: On, c: Consortium, rows: AgreementVersion[]): Promise<AgreementVersionView[]> {
    const month = this.clock.month();
    const inForce = versionInForce(await this.repo.approved(on, c.id), month);
    const voted = rows.filter((r) => r.status !== 'draft');
    const votes = await this.repo.votes(
      on,
      c.id,
      voted.map((r) => r.version),
    );
    const periods = voted.length ? await this.consortia.memberPeriods(on, c.id) : [];
    const voters = new Map(voted.map((r) => [r.version, electorateOf(r.decisionRule, periods, r.effectiveFrom, c.hostOrganisationId)]));
    const ids = new Set<string>([...voters.values()].flat());
    for (const list of votes.values()) for (const x of list) ids.add(x.organisationId);
    const names = await this.directory.namesOf(on, ids);
    return rows.map((r) =>
      view(r, month, inForce?.version ?? null, r.status === 'draft' ? undefined : { voters: voters.get(r.version)!, votes: votes.get(r.version) ?? [], names }),
    );
  }

  /** The version in force this month; before the first one takes effect, the first approved one. 404 when none is approved. */
  async active(p: Principal, consortiumId: string): Promise<AgreementVersionView> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const approved = await this.repo.approved(null, consortiumId);
    const row = versionInForce(approved, this.clock.month()) ?? approved[0];
    if (!row) throw new NotFoundError('Approved agreement');
    return this.withElectorate(null, c, row);
  }

  async draft(p: Principal, consortiumId: string): Promise<AgreementVersionView> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const row = await this.repo.draft(null, consortiumId);
    if (!row) throw new NotFoundError('Draft agreement');
    return this.withElectorate(null, c, row);
  }

  async versions(p: Principal, consortiumId: string): Promise<AgreementVersionList> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const rows = await this.repo.list(null, consortiumId);
    return { items: await this.views(null, c, rows), total: rows.length };
  }

  async version(p: Principal, consortiumId: string, version: number): Promise<AgreementVersionView> {
    const c = await this.access.consortium(p, consortiumId, 'read');
    const row = await this.repo.byVersion(null, consortiumId, version);
    if (!row) throw new NotFoundError('Agreement version');
    return this.withElectorate(null, c, row);
  }

  /** The approved versions' terms, oldest effectiveFrom first (for statements, month close and exit quotes). */
  approvedTerms(on: On, consortiumId: string): Promise<ActiveTerms[]> {
    return this.repo.approvedTerms(on, consortiumId);
  }

  /** A version's terms by number (the impact of a proposal), or null. */
  async versionTerms(on: On, consortiumId: string, version: number): Promise<AgreementVersion | null> {
    return this.repo.byVersion(on, consortiumId, version);
  }

  /** The approved versions' models (a delivery-model change must keep them usable). */
  approvedModels(on: On, consortiumId: string): Promise<string[]> {
    return this.repo.approvedModels(on, consortiumId);
  }
}

function ruleText(rule: DecisionRule): string {
  return rule === 'unanimous' ? 'unanimously' : rule === 'majority' ? 'by a majority of members' : 'by the host';
}
