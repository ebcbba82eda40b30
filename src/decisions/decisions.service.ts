import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import type { Page } from '../common/http/pagination';
import { AccessService } from '../consortia/access.service';
import type { Tx } from '../database/sql';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import { DecisionsRepository, type DecisionEntry, type DecisionFilters } from './decisions.repository';

export interface DecisionView extends DecisionEntry {
  actorOrganisationName: string | null;
}

/**
 * The consortium's decisions log (domain.md §13): every proposal, vote, decision, membership change
 * and month close, written in the transaction of what it records by the module that does it, and
 * readable by every member (unlike the audit log, which is the host's and names people).
 */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly repo: DecisionsRepository,
    private readonly access: AccessService,
    private readonly directory: OrganisationDirectoryService,
  ) {}

  /** Records one entry in `tx`; `actor` null for what the platform does on its own (the seed). */
  record(tx: Tx, actor: Principal | null, d: { consortiumId: string; kind: string; summary: string; subject?: Record<string, unknown> }): Promise<void> {
    return this.repo.insert(tx, {
      consortiumId: d.consortiumId,
      kind: d.kind,
      summary: d.summary,
      actorUserId: actor?.userId ?? null,
      actorOrganisationId: actor?.organisationId ?? null,
      actorRole: actor?.role ?? null,
      subject: d.subject ?? {},
    });
  }

  async list(p: Principal, consortiumId: string, q: DecisionFilters & { limit: number; offset: number }): Promise<Page<DecisionView>> {
    await this.access.consortium(p, consortiumId, 'read');
    const page = await this.repo.list(null, consortiumId, q);
    const names = await this.directory.namesOf(
      null,
      page.items.map((d) => d.actorOrganisationId).filter((x): x is string => x !== null),
    );
    return { items: page.items.map((d) => ({ ...d, actorOrganisationName: d.actorOrganisationId ? (names.get(d.actorOrganisationId) ?? null) : null })), total: page.total };
  }
}
