import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { ForbiddenError, NotFoundError } from '../common/errors/domain-error';
import { Consortium } from '../consortia/consortium.entity';
import { Member } from '../consortia/member.entity';
import type { Principal } from './principal';

export type ConsortiumAccess = 'read' | 'manage';

/**
 * Tenancy in one place. A caller sees a consortium when it is an admin, when its organisation hosts
 * it, or when its organisation is (or was) a member. Only admins and the host's host_admins manage
 * it. A consortium the caller may not see is a 404, exactly like one that does not exist.
 */
@Injectable()
export class AccessService {
  constructor(
    @InjectRepository(Consortium) private readonly consortia: Repository<Consortium>,
    @InjectRepository(Member) private readonly members: Repository<Member>,
  ) {}

  isHost(p: Principal, c: Consortium): boolean {
    return p.role === 'admin' || (p.role === 'host_admin' && !!p.organisationId && p.organisationId === c.hostOrganisationId);
  }

  /** Loads a consortium the caller may see; 404 otherwise; 403 when it may see but not manage. */
  async consortium(p: Principal, id: string, need: ConsortiumAccess = 'read'): Promise<Consortium> {
    const c = await this.consortia.findOneBy({ id });
    if (!c) throw new NotFoundError('Consortium');
    if (this.isHost(p, c)) return c;
    const member = p.organisationId ? await this.members.existsBy({ consortiumId: id, organisationId: p.organisationId }) : false;
    if (!member) throw new NotFoundError('Consortium');
    if (need === 'manage') throw new ForbiddenError('Only the host organisation manages this consortium');
    return c;
  }

  /** Restricts a query over consortia (alias `alias`) to those the caller may see. */
  scopeConsortia<T extends object>(qb: SelectQueryBuilder<T>, p: Principal, alias: string): SelectQueryBuilder<T> {
    if (p.role === 'admin') return qb;
    return qb.andWhere(`(${alias}.host_organisation_id = :scopeOrg OR EXISTS (SELECT 1 FROM members sm WHERE sm.consortium_id = ${alias}.id AND sm.organisation_id = :scopeOrg))`, {
      scopeOrg: p.organisationId,
    });
  }

  /** Organisation ids the caller may see: its own, and every member of every consortium it sees. */
  async visibleOrganisationIds(p: Principal): Promise<string[] | 'all'> {
    if (p.role === 'admin') return 'all';
    if (!p.organisationId) return [];
    const rows: { id: string }[] = await this.members.query(
      `SELECT DISTINCT m.organisation_id AS id FROM members m
         JOIN consortia c ON c.id = m.consortium_id
        WHERE c.host_organisation_id = $1
           OR EXISTS (SELECT 1 FROM members x WHERE x.consortium_id = c.id AND x.organisation_id = $1)
       UNION SELECT $1::uuid AS id
       UNION SELECT o.id FROM organisations o WHERE o.created_by_organisation_id = $1`,
      [p.organisationId],
    );
    return rows.map((r) => r.id);
  }

  /** Organisations whose users a host_admin may manage: members of consortia its organisation hosts, and its own. */
  async managedOrganisationIds(p: Principal): Promise<string[] | 'all'> {
    if (p.role === 'admin') return 'all';
    if (p.role !== 'host_admin' || !p.organisationId) return [];
    const rows: { id: string }[] = await this.members.query(
      `SELECT DISTINCT m.organisation_id AS id FROM members m JOIN consortia c ON c.id = m.consortium_id
        WHERE c.host_organisation_id = $1
       UNION SELECT $1::uuid AS id
       UNION SELECT o.id FROM organisations o WHERE o.created_by_organisation_id = $1`,
      [p.organisationId],
    );
    return rows.map((r) => r.id);
  }
}
