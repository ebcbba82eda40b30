import { Injectable } from '@nestjs/common';
import { AccessService } from '../consortia/access.service';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { ConflictError, DomainError, NotFoundError, RuleError, ValidationError } from '../common/errors/domain-error';
import { ConsortiaService } from '../consortia/consortia.service';
import type { Consortium } from '../consortia/consortium.model';
import { UnitOfWork, type On, type Tx } from '../database/sql';
import { ServiceLinesService } from '../service-lines/service-lines.service';
import { agreementModelFor, validateTerms, type TermsContext } from './agreement-terms';
import type { ActiveTerms, AgreementVersion } from './agreement-version.model';
import { AgreementsRepository } from './agreements.repository';
import type { AgreementVersionList, AgreementVersionView, PutAgreementDto } from './dto';

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

export function view(r: AgreementVersion): AgreementVersionView {
  return {
    consortiumId: r.consortiumId,
    version: r.version,
    status: r.status,
    revision: r.revision,
    ...r.terms,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    approvedAt: r.approvedAt,
    approvedBy: r.approvedBy,
  } as AgreementVersionView;
}

/**
 * Versioned risk-sharing agreements. A draft is replaced with optimistic concurrency: the client sends
 * the revision it read (`If-Match`), and the write is `UPDATE … WHERE revision = $n`, so of two hosts
 * editing the same draft one wins and the other gets 409 instead of silently overwriting it.
 */
@Injectable()
export class AgreementsService {
  constructor(
    private readonly repo: AgreementsRepository,
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly consortia: ConsortiaService,
    private readonly serviceLines: ServiceLinesService,
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

  /** Creates the draft (a new version) or replaces it (If-Match required, stale → 409). */
  async put(p: Principal, consortiumId: string, dto: PutAgreementDto, ifMatch: number | undefined): Promise<AgreementVersionView> {
    const c = await this.access.consortium(p, consortiumId, 'manage');
    this.checkApplicable(c);
    return this.uow.run(async (tx) => {
      const { terms, errors } = validateTerms(dto as unknown as Record<string, unknown>, await this.context(tx, c));
      if (!terms) throw new ValidationError(errors);
      const draft = await this.repo.draft(tx, consortiumId);
      if (draft) {
        if (ifMatch === undefined) {
          throw new DomainError('precondition_required', 428, `A draft (version ${draft.version}, revision ${draft.revision}) exists: send If-Match with the revision you edited`, [
            { field: 'If-Match', message: 'required when replacing a draft' },
          ]);
        }
        const updated = await this.repo.updateDraft(tx, consortiumId, ifMatch, terms, p.userId);
        if (!updated) throw this.stale(ifMatch);
        await this.audit.record(tx, p, {
          action: 'update',
          entity: 'agreement_version',
          entityId: `${consortiumId}/${draft.version}`,
          consortiumId,
          before: view(draft),
          after: view(updated),
        });
        return view(updated);
      }
      if (ifMatch !== undefined) throw this.stale(ifMatch);
      // A new draft version; a concurrent creation hits the unique indexes and does nothing here.
      const created = await this.repo.insertDraft(tx, consortiumId, terms, p.userId);
      if (!created)
        throw new ConflictError('revision_conflict', 'Another draft was created at the same time: read it (GET …/agreement/draft) and send If-Match with its revision', [
          { field: 'If-Match', message: 'the draft changed' },
        ]);
      await this.audit.record(tx, p, { action: 'create', entity: 'agreement_version', entityId: `${consortiumId}/${created.version}`, consortiumId, after: view(created) });
      return view(created);
    });
  }

  private stale(ifMatch: number): ConflictError {
    return new ConflictError('revision_conflict', `The draft is no longer at revision ${ifMatch}: someone changed or approved it. Read it again and re-apply your change`, [
      { field: 'If-Match', message: `revision ${ifMatch} is stale` },
    ]);
  }

  /** The draft becomes the active version; the previous active one is kept as superseded. */
  async approve(p: Principal, consortiumId: string, ifMatch: number | undefined, note?: string): Promise<AgreementVersionView> {
    const c = await this.access.consortium(p, consortiumId, 'manage');
    this.checkApplicable(c);
    return this.uow.run(async (tx) => {
      const draft = await this.repo.draft(tx, consortiumId, true);
      if (!draft) throw new ConflictError('no_draft', 'There is no draft to approve: PUT /consortia/:id/agreement first');
      if (ifMatch !== undefined && ifMatch !== draft.revision) throw this.stale(ifMatch);
      // Members, service lines or the delivery model may have changed since the draft was written.
      const { errors } = validateTerms(draft.terms as unknown as Record<string, unknown>, await this.context(tx, c));
      if (errors.length) throw new RuleError('agreement_invalid', 'The draft no longer fits the consortium; correct it and approve again', errors);
      const before = await this.repo.active(tx, consortiumId, true);
      await this.repo.supersedeActive(tx, consortiumId);
      const approved = await this.repo.activateDraft(tx, consortiumId, p.userId);
      await this.audit.record(tx, p, {
        action: 'approve',
        entity: 'agreement_version',
        entityId: `${consortiumId}/${approved.version}`,
        consortiumId,
        before: before ? { supersededVersion: before.version } : null,
        after: { ...view(approved), ...(note ? { note } : {}) },
      });
      return view(approved);
    });
  }

  async active(p: Principal, consortiumId: string): Promise<AgreementVersionView> {
    await this.access.consortium(p, consortiumId, 'read');
    const row = await this.repo.active(null, consortiumId);
    if (!row) throw new NotFoundError('Approved agreement');
    return view(row);
  }

  async draft(p: Principal, consortiumId: string): Promise<AgreementVersionView> {
    await this.access.consortium(p, consortiumId, 'read');
    const row = await this.repo.draft(null, consortiumId);
    if (!row) throw new NotFoundError('Draft agreement');
    return view(row);
  }

  async versions(p: Principal, consortiumId: string): Promise<AgreementVersionList> {
    await this.access.consortium(p, consortiumId, 'read');
    const rows = await this.repo.list(null, consortiumId);
    return { items: rows.map(view), total: rows.length };
  }

  async version(p: Principal, consortiumId: string, version: number): Promise<AgreementVersionView> {
    await this.access.consortium(p, consortiumId, 'read');
    const row = await this.repo.byVersion(null, consortiumId, version);
    if (!row) throw new NotFoundError('Agreement version');
    return view(row);
  }

  /** The active version's terms (for statements, month close and exit quotes), or null. */
  activeTerms(on: On, consortiumId: string): Promise<ActiveTerms | null> {
    return this.repo.activeTerms(on, consortiumId);
  }
}
