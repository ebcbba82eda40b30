/**
 * Joining by invitation (domain.md §13, issue 12 finding 1). A host invites an organisation from the
 * public directory; the organisation becomes a member only when one of its own administrators
 * (org_admin or host_admin of that organisation) accepts. Until then the host sees the invitation,
 * not the organisation's data. The host may withdraw a pending invitation; a platform admin may act
 * for either side (and may still enrol directly, POST /consortia/:id/members).
 */
import { Injectable } from '@nestjs/common';
import { administeredOrganisationOf, type Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { ConflictError, NotFoundError } from '../common/errors/domain-error';
import type { Page } from '../common/http/pagination';
import { UnitOfWork, type On, type Tx } from '../database/sql';
import { EventsService } from '../events/events.service';
import type { Organisation } from '../organisations/organisation.model';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import { AccessService } from './access.service';
import { ConsortiaService } from './consortia.service';
import type { Consortium } from './consortium.model';
import type { InvitationView, InviteDto } from './dto';
import type { Invitation, InvitationStatus } from './invitation.model';
import { InvitationsRepository } from './invitations.repository';

@Injectable()
export class InvitationsService {
  constructor(
    private readonly repo: InvitationsRepository,
    private readonly consortia: ConsortiaService,
    private readonly access: AccessService,
    private readonly directory: OrganisationDirectoryService,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly events: EventsService,
  ) {}

  /** The host invites an organisation: checked as a membership would be (start date, in-house, overlap), one pending at a time. */
  async invite(p: Principal, consortiumId: string, dto: InviteDto): Promise<InvitationView> {
    await this.access.consortium(p, consortiumId, 'manage');
    return this.uow.run(async (tx) => {
      const c = await this.consortia.lockForUpdate(tx, consortiumId);
      await this.consortia.checkEnrolment(tx, c, dto.organisationId, dto.joinedOn);
      if (await this.repo.pendingExists(tx, consortiumId, dto.organisationId)) {
        throw new ConflictError('invitation_pending', 'This organisation already has a pending invitation to this consortium', [
          { field: 'organisationId', message: 'already invited; withdraw that invitation first' },
        ]);
      }
      const saved = await this.repo.insert(tx, { consortiumId, organisationId: dto.organisationId, joinedOn: dto.joinedOn, invitedBy: p.userId });
      await this.audit.record(tx, p, { action: 'create', entity: 'invitation', entityId: saved.id, consortiumId, after: saved });
      // The invited organisation's administrators are told by mail (docs/notifications.md).
      await this.events.publish(tx, consortiumId, 'invitation.sent', { invitationId: saved.id, organisationId: saved.organisationId, joinedOn: saved.joinedOn }, p.userId);
      return this.view(tx, saved, c);
    });
  }

  /** The invitations of a consortium (its host and admins). */
  async listForConsortium(p: Principal, consortiumId: string, status: InvitationStatus | undefined, limit: number, offset: number): Promise<Page<InvitationView>> {
    await this.access.consortium(p, consortiumId, 'host');
    return this.page({ consortiumId }, status, limit, offset);
  }

  /** The invitations the caller's organisation has received (admins: every invitation). */
  received(p: Principal, status: InvitationStatus | undefined, limit: number, offset: number): Promise<Page<InvitationView>> {
    return this.page(p.role === 'admin' ? 'all' : { organisationId: administered(p) }, status, limit, offset);
  }

  /** The invited organisation's administrator accepts: the organisation becomes a member from `joinedOn` (checked again now). */
  accept(p: Principal, id: string): Promise<InvitationView> {
    return this.uow.run(async (tx) => {
      const { invitation, consortium } = await this.pendingForInvitee(tx, p, id);
      await this.consortia.enrol(tx, p, consortium, invitation.organisationId, invitation.joinedOn, 'accepted an invitation');
      return this.decide(tx, p, invitation, consortium, 'accepted');
    });
  }

  decline(p: Principal, id: string): Promise<InvitationView> {
    return this.uow.run(async (tx) => {
      const { invitation, consortium } = await this.pendingForInvitee(tx, p, id);
      return this.decide(tx, p, invitation, consortium, 'declined');
    });
  }

  /** The host withdraws a pending invitation. */
  async withdraw(p: Principal, consortiumId: string, id: string): Promise<InvitationView> {
    await this.access.consortium(p, consortiumId, 'manage');
    return this.uow.run(async (tx) => {
      const c = await this.consortia.lockForUpdate(tx, consortiumId);
      const invitation = await this.repo.find(tx, id, true);
      if (!invitation || invitation.consortiumId !== consortiumId) throw new NotFoundError('Invitation');
      assertPending(invitation);
      return this.decide(tx, p, invitation, c, 'withdrawn');
    });
  }

  // ----------------------------------------------------------------

  /** Locks the consortium, then the invitation; 404 unless the caller administers the invited organisation (or is an admin); 409 once decided. */
  private async pendingForInvitee(tx: Tx, p: Principal, id: string): Promise<{ invitation: Invitation; consortium: Consortium }> {
    const peek = await this.repo.find(tx, id);
    if (!peek || (p.role !== 'admin' && peek.organisationId !== administered(p))) throw new NotFoundError('Invitation');
    // The consortium first, as every membership change takes it: then the invitation's row.
    const consortium = await this.consortia.lockForUpdate(tx, peek.consortiumId);
    this.access.assertWritable(consortium);
    const invitation = (await this.repo.find(tx, id, true))!;
    assertPending(invitation);
    return { invitation, consortium };
  }

  private async decide(tx: Tx, p: Principal, invitation: Invitation, c: Consortium, status: 'accepted' | 'declined' | 'withdrawn'): Promise<InvitationView> {
    const after = await this.repo.decide(tx, invitation.id, status, p.userId);
    await this.audit.record(tx, p, {
      action: status === 'accepted' ? 'accept' : status === 'declined' ? 'decline' : 'withdraw',
      entity: 'invitation',
      entityId: invitation.id,
      consortiumId: c.id,
      before: invitation,
      after,
    });
    if (status !== 'withdrawn') {
      const answer = { invitationId: invitation.id, organisationId: invitation.organisationId, joinedOn: invitation.joinedOn, outcome: status };
      await this.events.publish(tx, c.id, 'invitation.answered', answer, p.userId);
    }
    return this.view(tx, after, c);
  }

  private async page(scope: { consortiumId: string } | { organisationId: string } | 'all', status: InvitationStatus | undefined, limit: number, offset: number) {
    const { items, total } = await this.repo.page(null, scope, status, limit, offset);
    const consortia = new Map<string, Consortium>();
    for (const id of new Set(items.map((i) => i.consortiumId))) consortia.set(id, (await this.consortia.find(null, id))!);
    const orgIds = new Set([...items.map((i) => i.organisationId), ...[...consortia.values()].map((c) => c.hostOrganisationId)]);
    const orgs = new Map((await this.directory.findMany(null, [...orgIds])).map((o) => [o.id, o]));
    return { items: items.map((i) => view(i, consortia.get(i.consortiumId)!, orgs)), total };
  }

  private async view(on: On, i: Invitation, c: Consortium): Promise<InvitationView> {
    const orgs = await this.directory.findMany(on, [...new Set([i.organisationId, c.hostOrganisationId])]);
    return view(i, c, new Map(orgs.map((o) => [o.id, o])));
  }
}

/** The invitation with the names an invitee needs to decide: the consortium, its host, the organisation invited (public directory fields). */
function view(i: Invitation, c: Consortium, orgs: Map<string, Organisation>): InvitationView {
  const invited = orgs.get(i.organisationId)!;
  return {
    id: i.id,
    consortiumId: c.id,
    consortiumName: c.name,
    deliveryModel: c.deliveryModel,
    hostOrganisationId: c.hostOrganisationId,
    hostOrganisationName: orgs.get(c.hostOrganisationId)!.name,
    organisationId: i.organisationId,
    organisationName: invited.name,
    odsCode: invited.odsCode,
    joinedOn: i.joinedOn,
    status: i.status,
    createdAt: i.createdAt,
    decidedAt: i.decidedAt,
  };
}

function assertPending(i: Invitation): void {
  if (i.status !== 'pending') throw new ConflictError('invitation_decided', `This invitation was ${i.status} already`);
}

/** The organisation the caller administers; 404-style emptiness for anyone else is the caller's job (@Roles lets only administrators in). */
function administered(p: Principal): string {
  const own = administeredOrganisationOf(p);
  if (!own) throw new NotFoundError('Invitation');
  return own;
}
