import { requestMemo } from '../common/request-memo';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors/domain-error';
import { ConsortiaRepository } from './consortia.repository';
import type { Consortium } from './consortium.model';

/**
 * `read`: every member, the host and admins. `host`: the host and admins, reading what only they see
 * (the audit, costs, invitations, report jobs). `manage`: the host and admins changing the
 * consortium: refused with 409 `consortium_archived` once it is archived.
 */
export type ConsortiumAccess = 'read' | 'host' | 'manage';

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
    const org = p.organisationId;
    return p.role === 'board_viewer' && !!org && (await requestMemo(`memberToday:${c.id}:${org}`, () => this.consortia.isMemberToday(null, c.id, org)));
  }

  /**
   * Loads a consortium the caller may see; 404 otherwise; 403 when it may see but not manage (or read
   * what only the host reads); 409 `consortium_archived` when it is to be changed and is archived.
   */
  async consortium(p: Principal, id: string, need: ConsortiumAccess = 'read'): Promise<Consortium> {
    const c = await requestMemo(`consortium:${id}`, () => this.consortia.find(null, id));
    if (!c) throw new NotFoundError('Consortium');
    if (this.isHost(p, c)) {
      if (need === 'manage') this.assertWritable(c);
      return c;
    }
    const org = p.organisationId;
    const member = org ? await requestMemo(`member:${id}:${org}`, () => this.consortia.hasMember(null, id, org)) : false;
    if (!member) throw new NotFoundError('Consortium');
    if (need !== 'read') throw new ForbiddenError('Only the host organisation manages this consortium');
    return c;
  }

  /** 409 `consortium_archived` when the consortium is archived: it stays readable, and nothing in it changes any more. */
  assertWritable(c: Consortium): void {
    if (c.archivedAt) {
      throw new ConflictError(
        'consortium_archived',
        `This consortium was archived on ${c.archivedAt.toISOString().slice(0, 10)}: it can be read, but nothing in it can be changed`,
        [{ field: 'id', message: 'the consortium is archived' }],
      );
    }
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
