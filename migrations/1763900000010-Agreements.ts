import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Risk-sharing agreements (domain.md §1, §4–§8): one row per version, terms as jsonb. At most one
 * draft and one active version per consortium (partial unique indexes); `revision` is the
 * optimistic-concurrency counter of a draft (PUT with If-Match: <revision>).
 */
export class Agreements1763900000010 implements MigrationInterface {
  name = 'Agreements1763900000010';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agreement_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consortium_id uuid NOT NULL REFERENCES consortia(id) ON DELETE CASCADE,
        version int NOT NULL CHECK (version >= 1),
        status text NOT NULL CHECK (status IN ('draft','active','superseded')),
        model text NOT NULL CHECK (model IN ('cooperative','commercial')),
        terms jsonb NOT NULL CHECK (jsonb_typeof(terms) = 'object'),
        revision int NOT NULL DEFAULT 1 CHECK (revision >= 1),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        approved_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        approved_at timestamptz,
        CONSTRAINT uq_agreement_versions_version UNIQUE (consortium_id, version),
        CONSTRAINT ck_agreement_versions_approved CHECK ((status = 'draft') = (approved_at IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_agreement_versions_one_draft ON agreement_versions (consortium_id) WHERE status = 'draft'`);
    await q.query(`CREATE UNIQUE INDEX uq_agreement_versions_one_active ON agreement_versions (consortium_id) WHERE status = 'active'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS agreement_versions`);
  }
}
