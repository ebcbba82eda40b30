import { Injectable } from '@nestjs/common';
import type { On } from '../database/sql';
import type { Organisation } from './organisation.model';
import { OrganisationsRepository } from './organisations.repository';

/**
 * Plain reads of organisations for other modules (tenancy, memberships, users). It checks no access
 * of its own: callers have done theirs. It is kept apart from OrganisationsService, which depends on
 * AccessService, so that AccessService can depend on it without a cycle.
 */
@Injectable()
export class OrganisationDirectoryService {
  constructor(private readonly repo: OrganisationsRepository) {}

  /** One organisation, or null; `lock` 'share' holds its row against a concurrent edit until the transaction ends. */
  find(on: On, id: string, lock?: 'share'): Promise<Organisation | null> {
    return this.repo.find(on, id, lock === 'share' ? 'share' : false);
  }

  /** The organisations with these ids, by name (then id). */
  findMany(on: On, ids: readonly string[]): Promise<Organisation[]> {
    return ids.length ? this.repo.findMany(on, ids) : Promise.resolve([]);
  }

  /** Each organisation's name by id, for the ids given (repeats and unknown ids allowed: an unknown id is absent). */
  async namesOf(on: On, ids: Iterable<string>): Promise<Map<string, string>> {
    return new Map((await this.findMany(on, [...new Set(ids)])).map((o) => [o.id, o.name]));
  }

  exists(on: On, id: string): Promise<boolean> {
    return this.repo.exists(on, id);
  }

  /** The id of the organisation with this ODS code, or null. */
  idByOdsCode(on: On, odsCode: string): Promise<string | null> {
    return this.repo.idByOdsCode(on, odsCode);
  }

  /** The organisations with one of `ids` or one of the upper-case ODS `codes` (id and upper-case ODS code): keys of an import resolved in one query. */
  resolveKeys(on: On, ids: readonly string[], codes: readonly string[]): Promise<{ id: string; odsCode: string | null }[]> {
    return ids.length || codes.length ? this.repo.resolveKeys(on, ids, codes) : Promise.resolve([]);
  }
}
