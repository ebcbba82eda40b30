import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../auth/access.service';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { ConflictError, DomainError, NotFoundError, RuleError, ValidationError } from '../common/errors/domain-error';
import type { Consortium } from '../consortia/consortium.entity';
import { agreementModelFor, validateTerms, type StoredTerms, type TermsContext } from './agreement-terms';
import type { AgreementVersionList, AgreementVersionView, PutAgreementDto } from './dto';

interface VersionRow {
  consortium_id: string;
  version: number;
  status: 'draft' | 'active' | 'superseded';
  model: 'cooperative' | 'commercial';
  terms: StoredTerms;
  revision: number;
  created_at: Date;
  updated_at: Date;
  approved_at: Date | null;
  approved_by: string | null;
}

const COLUMNS = 'consortium_id, version, status, model, terms, revision, created_at, updated_at, approved_at, approved_by';

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

export function view(r: VersionRow): AgreementVersionView {
  return {
    consortiumId: r.consortium_id,
    version: r.version,
    status: r.status,
    revision: r.revision,
    ...r.terms,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    approvedAt: r.approved_at,
    approvedBy: r.approved_by,
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
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  private async context(m: EntityManager, c: Consortium): Promise<TermsContext> {
    const members: { organisation_id: string }[] = await m.query(`SELECT DISTINCT organisation_id FROM members WHERE consortium_id = $1`, [c.id]);
    const lines: { id: string; recipient_ids: string[] | null }[] = await m.query(`SELECT id, recipient_ids FROM service_lines WHERE consortium_id = $1`, [c.id]);
    return { deliveryModel: c.deliveryModel, memberIds: new Set(members.map((r) => r.organisation_id)), lines: new Map(lines.map((l) => [l.id, l.recipient_ids])) };
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
    return this.db.transaction(async (m) => {
      const { terms, errors } = validateTerms(dto as unknown as Record<string, unknown>, await this.context(m, c));
      if (!terms) throw new ValidationError(errors);
      const [draft]: VersionRow[] = await m.query(`SELECT ${COLUMNS} FROM agreement_versions WHERE consortium_id = $1 AND status = 'draft'`, [consortiumId]);
      if (draft) {
        if (ifMatch === undefined) {
          throw new DomainError('precondition_required', 428, `A draft (version ${draft.version}, revision ${draft.revision}) exists: send If-Match with the revision you edited`, [
            { field: 'If-Match', message: 'required when replacing a draft' },
          ]);
        }
        const [rows]: [VersionRow[], number] = await m.query(
          `UPDATE agreement_versions SET terms = $1::jsonb, model = $2, revision = revision + 1, updated_at = now(), updated_by = $3
            WHERE consortium_id = $4 AND status = 'draft' AND revision = $5 RETURNING ${COLUMNS}`,
          [JSON.stringify(terms), terms.model, p.userId, consortiumId, ifMatch],
        );
        if (!rows.length) throw this.stale(ifMatch);
        await this.audit.record(m, p, {
          action: 'update',
          entity: 'agreement_version',
          entityId: `${consortiumId}/${draft.version}`,
          consortiumId,
          before: view(draft),
          after: view(rows[0]),
        });
        return view(rows[0]);
      }
      if (ifMatch !== undefined) throw this.stale(ifMatch);
      // A new draft version; a concurrent creation hits the unique indexes and does nothing here.
      const rows: VersionRow[] = await m.query(
        `INSERT INTO agreement_versions (consortium_id, version, status, model, terms, revision, created_by, updated_by)
         SELECT $1, COALESCE(MAX(version), 0) + 1, 'draft', $2, $3::jsonb, 1, $4, $4 FROM agreement_versions WHERE consortium_id = $1
         ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
        [consortiumId, terms.model, JSON.stringify(terms), p.userId],
      );
      if (!rows.length)
        throw new ConflictError('revision_conflict', 'Another draft was created at the same time: read it (GET …/agreement/draft) and send If-Match with its revision', [
          { field: 'If-Match', message: 'the draft changed' },
        ]);
      await this.audit.record(m, p, { action: 'create', entity: 'agreement_version', entityId: `${consortiumId}/${rows[0].version}`, consortiumId, after: view(rows[0]) });
      return view(rows[0]);
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
    return this.db.transaction(async (m) => {
      const [draft]: VersionRow[] = await m.query(`SELECT ${COLUMNS} FROM agreement_versions WHERE consortium_id = $1 AND status = 'draft' FOR UPDATE`, [consortiumId]);
      if (!draft) throw new ConflictError('no_draft', 'There is no draft to approve: PUT /consortia/:id/agreement first');
      if (ifMatch !== undefined && ifMatch !== draft.revision) throw this.stale(ifMatch);
      // Members, service lines or the delivery model may have changed since the draft was written.
      const { errors } = validateTerms(draft.terms as unknown as Record<string, unknown>, await this.context(m, c));
      if (errors.length) throw new RuleError('agreement_invalid', 'The draft no longer fits the consortium; correct it and approve again', errors);
      const [before]: VersionRow[] = await m.query(`SELECT ${COLUMNS} FROM agreement_versions WHERE consortium_id = $1 AND status = 'active' FOR UPDATE`, [consortiumId]);
      await m.query(`UPDATE agreement_versions SET status = 'superseded', updated_at = now() WHERE consortium_id = $1 AND status = 'active'`, [consortiumId]);
      const [rows]: [VersionRow[], number] = await m.query(
        `UPDATE agreement_versions SET status = 'active', approved_at = now(), approved_by = $1, updated_at = now()
          WHERE consortium_id = $2 AND status = 'draft' RETURNING ${COLUMNS}`,
        [p.userId, consortiumId],
      );
      await this.audit.record(m, p, {
        action: 'approve',
        entity: 'agreement_version',
        entityId: `${consortiumId}/${rows[0].version}`,
        consortiumId,
        before: before ? { supersededVersion: before.version } : null,
        after: { ...view(rows[0]), ...(note ? { note } : {}) },
      });
      return view(rows[0]);
    });
  }

  async active(p: Principal, consortiumId: string): Promise<AgreementVersionView> {
    await this.access.consortium(p, consortiumId, 'read');
    const [row]: VersionRow[] = await this.db.query(`SELECT ${COLUMNS} FROM agreement_versions WHERE consortium_id = $1 AND status = 'active'`, [consortiumId]);
    if (!row) throw new NotFoundError('Approved agreement');
    return view(row);
  }

  async draft(p: Principal, consortiumId: string): Promise<AgreementVersionView> {
    await this.access.consortium(p, consortiumId, 'read');
    const [row]: VersionRow[] = await this.db.query(`SELECT ${COLUMNS} FROM agreement_versions WHERE consortium_id = $1 AND status = 'draft'`, [consortiumId]);
    if (!row) throw new NotFoundError('Draft agreement');
    return view(row);
  }

  async versions(p: Principal, consortiumId: string): Promise<AgreementVersionList> {
    await this.access.consortium(p, consortiumId, 'read');
    const rows: VersionRow[] = await this.db.query(`SELECT ${COLUMNS} FROM agreement_versions WHERE consortium_id = $1 ORDER BY version`, [consortiumId]);
    return { items: rows.map(view), total: rows.length };
  }

  async version(p: Principal, consortiumId: string, version: number): Promise<AgreementVersionView> {
    await this.access.consortium(p, consortiumId, 'read');
    const [row]: VersionRow[] = await this.db.query(`SELECT ${COLUMNS} FROM agreement_versions WHERE consortium_id = $1 AND version = $2`, [consortiumId, version]);
    if (!row) throw new NotFoundError('Agreement version');
    return view(row);
  }

  /** The active version's terms (for statements, month close and exit quotes), or null. */
  async activeTerms(m: EntityManager, consortiumId: string): Promise<{ version: number; terms: StoredTerms } | null> {
    const [row]: { version: number; terms: StoredTerms }[] = await m.query(`SELECT version, terms FROM agreement_versions WHERE consortium_id = $1 AND status = 'active'`, [
      consortiumId,
    ]);
    return row ?? null;
  }
}
