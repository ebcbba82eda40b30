import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { ForbiddenError, NotFoundError } from '../common/errors/domain-error';
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
  constructor(private readonly consortia: ConsortiaRepository) {}

  isHost(p: Principal, c: Consortium): boolean {
    return p.role === 'admin' || (p.role === 'host_admin' && !!p.organisationId && p.organisationId === c.hostOrganisationId);
  }

  /**
   * Whether the caller reads the whole consortium (every member's statement and performance): its
   * host and admins, and the partnership board (domain.md §13): board viewers of a member
   * organisation that is a member today ("the consortia their organisation belongs to"): a former
   * or future member's board viewers read their own organisation's figures only.
   */
  async seesWholeConsortium(p: Principal, c: Consortium): Promise<boolean> {
    if (this.isHost(p, c)) return true;
    return p.role === 'board_viewer' && !!p.organisationId && (await this.consortia.isMemberToday(null, c.id, p.organisationId));
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

  /**
   * Organisations whose full profile the caller may read: its own and the fellow members of every
   * consortium its organisation belongs to (members by consent, domain.md §13). Anyone else's is in
   * the public directory only (name, type, ODS code).
   */
  async visibleOrganisationIds(p: Principal): Promise<string[] | 'all'> {
    if (p.role === 'admin') return 'all';
    if (!p.organisationId) return [];
    const fellows = await this.consortia.fellowMemberIds(null, p.organisationId);
    return [...new Set([p.organisationId, ...fellows])];
  }
}
