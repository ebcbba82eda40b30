import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { cmp, financialYear, lastDay, monthOf } from '../common/months';
import { DecisionsService } from '../decisions/decisions.service';
import { CLOSED_MONTHS, type ClosedMonthsReader } from './closed-months.port';
import { DRIVER_SNAPSHOT, type DriverSnapshot } from './driver-snapshot.port';
import { APPROVED_TERMS, type ApprovedTermsReader } from './approved-terms.port';
import type { Principal } from '../auth/principal';
import type { DeliveryModel } from '../common/enums';
import { AuditService, type AuditEntry } from '../audit/audit.service';
import type { AuditFilters } from '../audit/dto';
import { ConflictError, ForbiddenError, NotFoundError, RuleError, ValidationError, type FieldError } from '../common/errors/domain-error';
import { findOverlap } from '../common/membership-periods';
import type { Page } from '../common/http/pagination';
import { UnitOfWork, type On, type Tx } from '../database/sql';
import type { Organisation } from '../organisations/organisation.model';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import { AccessService } from './access.service';
import { ConsortiaRepository } from './consortia.repository';
import type { Consortium } from './consortium.model';
import type { AddMemberDto, ArchiveConsortiumDto, ConsortiumView, CreateConsortiumDto, MemberView, UpdateConsortiumDto, UpdateMemberDto } from './dto';
import { InvitationsRepository } from './invitations.repository';
import type { Member } from './member.model';

@Injectable()
export class ConsortiaService {
  constructor(
    private readonly repo: ConsortiaRepository,
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly organisations: OrganisationDirectoryService,
    private readonly audit: AuditService,
    @Inject(DRIVER_SNAPSHOT) private readonly drivers: DriverSnapshot,
    @Inject(APPROVED_TERMS) private readonly terms: ApprovedTermsReader,
    @Inject(CLOSED_MONTHS) private readonly closedMonths: ClosedMonthsReader,
    private readonly decisions: DecisionsService,
    private readonly invitations: InvitationsRepository,
    private readonly clock: Clock,
  ) {}

  async create(p: Principal, dto: CreateConsortiumDto): Promise<ConsortiumView> {
    if (p.role === 'host_admin' && dto.hostOrganisationId !== p.organisationId) {
      throw new ForbiddenError('A host admin creates consortia hosted by its own organisation');
    }
    return this.uow.run(async (tx) => {
      if (!(await this.organisations.exists(tx, dto.hostOrganisationId))) {
        throw new ValidationError([{ field: 'hostOrganisationId', message: 'no such organisation' }]);
      }
      const c = await this.repo.insert(tx, { name: dto.name.trim(), deliveryModel: dto.deliveryModel, hostOrganisationId: dto.hostOrganisationId, startDate: dto.startDate });
      const host = await this.repo.insertMember(tx, { consortiumId: c.id, organisationId: dto.hostOrganisationId, joinedOn: dto.startDate, leftOn: null });
      const hostOrg = (await this.organisations.find(tx, dto.hostOrganisationId))!;
      await this.snapshotDrivers(tx, c.id, hostOrg, dto.startDate);
      await this.audit.record(tx, p, { action: 'create', entity: 'consortium', entityId: c.id, consortiumId: c.id, after: view(c) });
      await this.audit.record(tx, p, { action: 'create', entity: 'member', entityId: host.id, consortiumId: c.id, after: host });
      return view(c);
    });
  }

  async list(p: Principal, limit: number, offset: number): Promise<Page<ConsortiumView>> {
    const { items, total } = await this.repo.page(null, p.role === 'admin' ? 'all' : { organisationId: p.organisationId }, limit, offset);
    return { items: items.map(view), total };
  }

  async get(p: Principal, id: string): Promise<ConsortiumView> {
    return view(await this.access.consortium(p, id, 'read'));
  }

  async update(p: Principal, id: string, dto: UpdateConsortiumDto): Promise<ConsortiumView> {
    await this.access.consortium(p, id, 'manage');
    return this.uow.run(async (tx) => {
      const c = await this.lockForUpdate(tx, id);
      const before = view(c);
      if (dto.deliveryModel === 'in_house' && c.deliveryModel !== 'in_house') {
        const others = await this.repo.countMembersOtherThan(tx, id, c.hostOrganisationId);
        if (others > 0)
          throw new RuleError('in_house_single_member', 'An in-house consortium has one member (the host); remove the other members first', [
            { field: 'deliveryModel', message: 'in_house allows one member only' },
          ]);
      }
      if (dto.deliveryModel !== undefined && dto.deliveryModel !== c.deliveryModel) await this.checkTermsFit(tx, c, dto.deliveryModel);
      const changes = {
        ...(dto.name !== undefined && dto.name.trim() !== c.name ? { name: dto.name.trim() } : {}),
        ...(dto.deliveryModel !== undefined && dto.deliveryModel !== c.deliveryModel ? { deliveryModel: dto.deliveryModel } : {}),
      };
      // Like an entity save: no write (and no new updatedAt) when nothing changed.
      const fresh = Object.keys(changes).length ? await this.repo.update(tx, id, changes) : c;
      await this.audit.record(tx, p, { action: 'update', entity: 'consortium', entityId: id, consortiumId: id, before, after: view(fresh) });
      return view(fresh);
    });
  }

  /**
   * A delivery model whose agreement model differs from the approved terms' (co-operative and
   * commercial, or none for in-house) would leave every statement without usable terms: 409 with
   * what to do instead. A change between commercial models (company, joint venture, outsourcing)
   * keeps the terms, so it is allowed.
   */
  private async checkTermsFit(tx: Tx, c: Consortium, to: DeliveryModel): Promise<void> {
    const models = await this.terms.approvedModels(tx, c.id);
    const needed = to === 'in_house' ? null : to === 'cooperative' ? 'cooperative' : 'commercial';
    const clash = models.find((m) => m !== needed);
    if (clash === undefined) return;
    throw new ConflictError(
      'terms_in_force',
      `The consortium's approved terms are ${clash}, which a ${to.replace(/_/g, ' ')} consortium cannot use, so every statement would stop. ` +
        `A change of delivery model is a new partnership: create a consortium with the new model from the first open month, invite the members to it, and archive this one once its last month is closed.`,
      [{ field: 'deliveryModel', message: `approved ${clash} terms are in force` }],
    );
  }

  /** A platform admin enrols a member directly (setting up or migrating a partnership, domain.md §13); hosts invite. */
  async addMember(p: Principal, id: string, dto: AddMemberDto): Promise<MemberView> {
    await this.access.consortium(p, id, 'manage');
    return this.uow.run(async (tx) => {
      // The consortium row lock serialises membership changes, so two requests cannot both pass the overlap check.
      const c = await this.lockForUpdate(tx, id);
      const { member, organisation } = await this.enrol(tx, p, c, dto.organisationId, dto.joinedOn, 'enrolled directly by a platform admin');
      return memberView(member, organisation, c);
    });
  }

  /**
   * Checks that `organisationId` may join `c` from `joinedOn`: the organisation exists; not before
   * the start; in-house: the host only; no overlapping period. Resolves with the organisation. The
   * caller holds the consortium's row lock (`lockForUpdate`) when it goes on to enrol.
   */
  async checkEnrolment(tx: Tx, c: Consortium, organisationId: string, joinedOn: string): Promise<Organisation> {
    // FOR SHARE: a profile edit of the organisation (FOR UPDATE) waits for the enrolment, or the enrolment for it
    const org = await this.organisations.find(tx, organisationId, 'share');
    // both field errors in one answer
    const errors: FieldError[] = [];
    if (!org) errors.push({ field: 'organisationId', message: 'no such organisation' });
    if (joinedOn < c.startDate) errors.push({ field: 'joinedOn', message: `joinedOn must be on or after the consortium's start date ${c.startDate}` });
    if (!org || errors.length) throw new ValidationError(errors);
    // domain.md §12: a joining date inside a closed month would change that month's issued statements
    const lastClosed = await this.lastClosedMonth(tx, c.id);
    if (lastClosed && cmp(monthOf(joinedOn), lastClosed) <= 0) {
      throw new ConflictError('month_closed', `Months up to ${lastClosed} are closed: a member can join from ${nextDay(lastDay(lastClosed))} at the earliest`, [
        { field: 'joinedOn', message: `${monthOf(joinedOn)} is closed; choose a date after ${lastDay(lastClosed)}` },
      ]);
    }
    if (c.deliveryModel === 'in_house' && organisationId !== c.hostOrganisationId) {
      throw new RuleError('in_house_single_member', 'An in-house consortium has one member: the host', [{ field: 'organisationId', message: 'in_house allows the host only' }]);
    }
    const periods = await this.repo.periods(tx, c.id, organisationId);
    const clash = findOverlap(periods, { joinedOn, leftOn: null });
    if (clash) {
      throw new ConflictError('membership_overlap', `The organisation is already a member from ${clash.joinedOn}${clash.leftOn ? ` to ${clash.leftOn}` : ''}`, [
        { field: 'joinedOn', message: 'overlaps an existing membership period' },
      ]);
    }
    return org;
  }

  /**
   * Makes `organisationId` a member of `c` from `joinedOn` after `checkEnrolment` (audited, and in
   * the decisions log with `how` it joined); the caller holds the row lock.
   */
  async enrol(tx: Tx, p: Principal, c: Consortium, organisationId: string, joinedOn: string, how: string): Promise<{ member: Member; organisation: Organisation }> {
    const organisation = await this.checkEnrolment(tx, c, organisationId, joinedOn);
    const member = await this.repo.insertMember(tx, { consortiumId: c.id, organisationId, joinedOn, leftOn: null });
    await this.audit.record(tx, p, { action: 'create', entity: 'member', entityId: member.id, consortiumId: c.id, after: member });
    await this.decisions.record(tx, p, {
      consortiumId: c.id,
      kind: 'member_joined',
      summary: `${organisation.name} joined from ${joinedOn} (${how})`,
      subject: { organisationId, organisationName: organisation.name, joinedOn, memberId: member.id },
    });
    await this.snapshotDrivers(tx, c.id, organisation, joinedOn);
    return { member, organisation };
  }

  /** The joining member's allocation drivers for its joining year, from its profile as it is now (domain.md §12). */
  private snapshotDrivers(tx: Tx, consortiumId: string, o: Organisation, joinedOn: string): Promise<void> {
    return this.drivers.take(tx, { consortiumId, organisationId: o.id, financialYear: financialYear(monthOf(joinedOn)), annualTurnover: o.annualTurnover, headcount: o.headcount });
  }

  /** Membership periods, by joining date, then organisation name. */
  async listMembers(p: Principal, id: string): Promise<{ items: MemberView[]; total: number }> {
    const c = await this.access.consortium(p, id, 'read');
    const members = await this.repo.members(null, id);
    const orgs = await this.organisations.findMany(null, [...new Set(members.map((m) => m.organisationId))]);
    const rank = new Map(orgs.map((o, i) => [o.id, i]));
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const items = members
      .filter((m) => byId.has(m.organisationId))
      .sort((a, b) => (a.joinedOn === b.joinedOn ? rank.get(a.organisationId)! - rank.get(b.organisationId)! : a.joinedOn < b.joinedOn ? -1 : 1))
      .map((m) => memberView(m, byId.get(m.organisationId)!, c));
    return { items, total: items.length };
  }

  /** Sets (or clears) the leaving date of the organisation's latest membership period. */
  async updateMember(p: Principal, id: string, organisationId: string, dto: UpdateMemberDto): Promise<MemberView> {
    await this.access.consortium(p, id, 'manage');
    return this.uow.run(async (tx) => {
      const c = await this.lockForUpdate(tx, id);
      const latest = (await this.repo.periods(tx, id, organisationId)).at(-1);
      if (!latest) throw new NotFoundError('Member');
      if (organisationId === c.hostOrganisationId && dto.leftOn !== null) {
        throw new RuleError('host_cannot_leave', 'The host cannot leave its own consortium', [{ field: 'leftOn', message: 'the host cannot leave' }]);
      }
      if (dto.leftOn !== null && dto.leftOn < latest.joinedOn) {
        throw new ValidationError([{ field: 'leftOn', message: `leftOn must be on or after joinedOn ${latest.joinedOn}` }]);
      }
      // domain.md §12: a leaving date in a closed month (the new one, or the one being changed) would alter that month
      const lastClosed = await this.lastClosedMonth(tx, id);
      if (lastClosed && latest.leftOn !== dto.leftOn) {
        const closedTo = lastDay(lastClosed);
        const touched = [latest.leftOn, dto.leftOn].filter((d): d is string => d !== null && d <= closedTo);
        if (touched.length) {
          throw new ConflictError('month_closed', `Months up to ${lastClosed} are closed: a leaving date on or before ${closedTo} can no longer be set, moved or cancelled`, [
            { field: 'leftOn', message: `${monthOf(touched[0])} is closed; a leaving date must be after ${closedTo}` },
          ]);
        }
      }
      // Setting a leaving date, or bringing it forward, ends a membership; clearing or moving it later
      // keeps the organisation a member (and charged) for longer, which needs its consent: a new
      // invitation it accepts, or a platform admin acting for the partnership.
      const extends_ = latest.leftOn !== null && (dto.leftOn === null || dto.leftOn > latest.leftOn);
      if (extends_ && p.role !== 'admin') {
        throw new ForbiddenError('Clearing or postponing a leaving date keeps the organisation a member for longer: that needs its consent (invite it again) or a platform admin');
      }
      const after = latest.leftOn === dto.leftOn ? latest : await this.repo.setLeftOn(tx, latest.id, dto.leftOn);
      await this.audit.record(tx, p, { action: 'update', entity: 'member', entityId: latest.id, consortiumId: id, before: latest, after });
      const org = await this.organisations.find(tx, organisationId);
      if (!org) throw new NotFoundError('Organisation');
      if (latest.leftOn !== dto.leftOn) {
        const summary =
          dto.leftOn === null
            ? `${org.name} will no longer leave (its leaving date ${latest.leftOn} was cancelled)`
            : latest.leftOn === null
              ? `${org.name} leaves on ${dto.leftOn}`
              : `${org.name} now leaves on ${dto.leftOn} (was ${latest.leftOn})`;
        await this.decisions.record(tx, p, {
          consortiumId: id,
          kind: 'member_leaving',
          summary,
          subject: { organisationId, organisationName: org.name, memberId: latest.id, leftOn: dto.leftOn, previousLeftOn: latest.leftOn },
        });
      }
      return memberView(after, org, c);
    });
  }

  /**
   * The consortium's audit entries, newest first, for its host and admins (issue 13: the host could
   * not find out who changed what); its other members 403, anyone else 404.
   */
  async auditEntries(p: Principal, id: string, q: AuditFilters & { limit: number; offset: number }): Promise<Page<AuditEntry>> {
    await this.access.consortium(p, id, 'host');
    return this.audit.list({ ...q, consortiumId: id });
  }

  /**
   * Archives the consortium (host or admin): it stays readable, and every later write answers 409
   * `consortium_archived` (AccessService). Refused while an organisation other than the host is a
   * member today or later (409 `members_remain`: set their leaving dates first), and while a month
   * up to the last member's leaving month is open (409 `months_open`: close them first, so every
   * statement members were charged by is issued and final). A consortium that only ever had its
   * host (set up in error) archives at once. Pending invitations are withdrawn.
   */
  async archive(p: Principal, id: string, dto: ArchiveConsortiumDto): Promise<ConsortiumView> {
    await this.access.consortium(p, id, 'manage');
    return this.uow.run(async (tx) => {
      const c = await this.lockForUpdate(tx, id);
      this.access.assertWritable(c);
      const today = this.clock.today();
      const others = (await this.repo.members(tx, id)).filter((m) => m.organisationId !== c.hostOrganisationId);
      const staying = others.filter((m) => m.leftOn === null || m.leftOn >= today);
      if (staying.length) {
        const names = (await this.organisations.findMany(tx, [...new Set(staying.map((m) => m.organisationId))])).map((o) => o.name);
        throw new ConflictError(
          'members_remain',
          `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} still a member: set a leaving date (in the past) for every member other than the host first`,
          [{ field: 'members', message: `${staying.length} member(s) other than the host have not left` }],
        );
      }
      const lastLeft = others.reduce<string | null>((a, m) => (a === null || m.leftOn! > a ? m.leftOn : a), null);
      if (lastLeft) {
        const lastClosed = await this.lastClosedMonth(tx, id);
        if (!lastClosed || cmp(lastClosed, monthOf(lastLeft)) < 0) {
          throw new ConflictError(
            'months_open',
            `Close every month up to ${monthOf(lastLeft)} (the last month a member other than the host was charged) first, so its statements are issued`,
            [{ field: 'months', message: `${lastClosed ? `months after ${lastClosed}` : 'no month'} closed; close up to ${monthOf(lastLeft)}` }],
          );
        }
      }
      const note = dto.note?.trim() || null;
      for (const inv of await this.invitations.withdrawPending(tx, id, p.userId)) {
        await this.audit.record(tx, p, { action: 'withdraw', entity: 'invitation', entityId: inv.id, consortiumId: id, before: { ...inv, status: 'pending' }, after: inv });
      }
      const archived = await this.repo.archive(tx, id, note);
      await this.audit.record(tx, p, { action: 'archive', entity: 'consortium', entityId: id, consortiumId: id, before: view(c), after: view(archived) });
      await this.decisions.record(tx, p, {
        consortiumId: id,
        kind: 'consortium_archived',
        summary: `${c.name} was archived${note ? `: ${note}` : ''}`,
        subject: { archivedAt: archived.archivedAt, note },
      });
      return view(archived);
    });
  }

  /**
   * Deletes a membership period added in error (audited, in the decisions log): the caller (the
   * member-removal module) holds the row lock and has checked that nothing hangs off it.
   */
  async deletePeriod(tx: Tx, p: Principal, c: Consortium, m: Member, organisationName: string): Promise<void> {
    await this.repo.deleteMember(tx, m.id);
    await this.audit.record(tx, p, { action: 'delete', entity: 'member', entityId: m.id, consortiumId: c.id, before: m });
    await this.decisions.record(tx, p, {
      consortiumId: c.id,
      kind: 'member_removed',
      summary: `${organisationName}'s membership from ${m.joinedOn} was removed (added in error)`,
      subject: { organisationId: m.organisationId, organisationName, memberId: m.id, joinedOn: m.joinedOn, leftOn: m.leftOn },
    });
  }

  /** The membership periods of one organisation in a consortium, oldest first. */
  periods(on: On, consortiumId: string, organisationId: string): Promise<Member[]> {
    return this.repo.periods(on, consortiumId, organisationId);
  }

  /** The last closed month of the consortium, or null. */
  async lastClosedMonth(on: On, consortiumId: string): Promise<string | null> {
    return (await this.closedMonths.closedList(on, consortiumId)).at(-1) ?? null;
  }

  // ---------------------------------------------------------------- for other modules

  /** Locks the consortium row FOR UPDATE in `tx` (serialising changes to what hangs off it); 404 when there is none. */
  async lockForUpdate(tx: Tx, id: string): Promise<Consortium> {
    const c = await this.repo.find(tx, id, true);
    if (!c) throw new NotFoundError('Consortium');
    return c;
  }

  /** Which of `organisationIds` have a membership period (past, present or future) in the consortium. */
  memberOrganisationIds(on: On, consortiumId: string, organisationIds: readonly string[]): Promise<string[]> {
    return organisationIds.length ? this.repo.memberOrganisationIds(on, consortiumId, organisationIds) : Promise.resolve([]);
  }

  /** Every organisation that was a member at some point of firstDay..lastDay, host first (no access check: callers have done theirs). */
  memberIdsDuring(consortiumId: string, firstDay: string, lastDay: string): Promise<string[]> {
    return this.repo.memberIdsDuring(null, consortiumId, firstDay, lastDay);
  }

  /** The host organisation of a consortium, or null when there is no such consortium. */
  async hostOrganisationId(on: On, consortiumId: string): Promise<string | null> {
    return (await this.repo.find(on, consortiumId))?.hostOrganisationId ?? null;
  }

  /** Every membership period of a consortium, by joining date, then organisation id (a fixed order). */
  memberPeriods(on: On, consortiumId: string): Promise<Member[]> {
    return this.repo.memberPeriods(on, consortiumId);
  }

  /**
   * Locks the consortium row FOR SHARE in `tx`: holders run side by side, but not while another
   * transaction holds it FOR UPDATE (`lockForUpdate`). No 404: callers have checked the consortium.
   */
  lockForShare(tx: Tx, id: string): Promise<void> {
    return this.repo.lockForShare(tx, id);
  }
  /** The consortium as `on` sees it (e.g. inside a snapshot), or null; no access check: callers have done theirs. */
  find(on: On, id: string): Promise<Consortium | null> {
    return this.repo.find(on, id);
  }
}

export function view(c: Consortium): ConsortiumView {
  return {
    id: c.id,
    name: c.name,
    deliveryModel: c.deliveryModel,
    hostOrganisationId: c.hostOrganisationId,
    startDate: c.startDate,
    archivedAt: c.archivedAt,
    archiveNote: c.archiveNote,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

function memberView(mm: Member, o: Organisation, c: Consortium): MemberView {
  return {
    id: mm.id,
    organisationId: mm.organisationId,
    organisationName: o.name,
    odsCode: o.odsCode,
    isHost: mm.organisationId === c.hostOrganisationId,
    joinedOn: mm.joinedOn,
    leftOn: mm.leftOn,
  };
}

/** The day after `date` ('YYYY-MM-DD'). */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
