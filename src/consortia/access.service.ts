import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { ForbiddenError, NotFoundError } from '../common/errors/domain-error';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import { ConsortiaRepository } from './consortia.repository';
import type { Consortium } from './consortium.model';

export type ConsortiumAccess = 'read' | 'manage';

/**
 * Tenancy in one place. A caller sees a consortium when it is an admin, when its organisation hosts
 * it, or when its organisation is (or was) a member. Only admins and the host's host_admins manage
 * it. A consortium the caller may not see is a 404, exactly like one that does not exist.
 */
@Injectable()
export class AccessService {
  constructor(
    private readonly consortia: ConsortiaRepository,
    private readonly organisations: OrganisationDirectoryService,
  ) {}

  isHost(p: Principal, c: Consortium): boolean {
    return p.role === 'admin' || (p.role === 'host_admin' && !!p.organisationId && p.organisationId === c.hostOrganisationId);
  }

  /** Loads a consortium the caller may see; 404 otherwise; 403 when it may see but not manage. */
  async consortium(p: Principal, id: string, need: ConsortiumAccess = 'read'): Promise<Consortium> {
    const c = await this.consortia.find(null, id);
    if (!c) throw new NotFoundError('Consortium');
    if (this.isHost(p, c)) return c;
    const member = p.organisationId ? await this.consortia.hasMember(null, id, p.organisationId) : false;
    if (!member) throw new NotFoundError('Consortium');
    if (need === 'manage') throw new ForbiddenError('Only the host organisation manages this consortium');
    return c;
  }

  /** Organisation ids the caller may see: its own, every member of every consortium it sees, and those its organisation created. */
  async visibleOrganisationIds(p: Principal): Promise<string[] | 'all'> {
    if (p.role === 'admin') return 'all';
    if (!p.organisationId) return [];
    const fellows = await this.consortia.fellowMemberIds(null, p.organisationId);
    return distinct(fellows, [p.organisationId], await this.organisations.createdBy(null, p.organisationId));
  }

  /** Organisations whose users a host_admin may manage: members of consortia its organisation hosts, its own, and those it created. */
  async managedOrganisationIds(p: Principal): Promise<string[] | 'all'> {
    if (p.role === 'admin') return 'all';
    if (p.role !== 'host_admin' || !p.organisationId) return [];
    const hosted = await this.consortia.hostedMemberIds(null, p.organisationId);
    return distinct(hosted, [p.organisationId], await this.organisations.createdBy(null, p.organisationId));
  }
}

function distinct(...lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}
