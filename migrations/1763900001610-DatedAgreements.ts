import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dated terms and the governance of the partnership (domain.md §12, §13):
 * - agreement versions carry `effective_from` (a month) and `decision_rule`; an approved version is in
 *   force from its month until the next approved one (`active` becomes `approved`; existing versions
 *   take the consortium's start month, so nothing already closed is repriced);
 * - a version is proposed and decided by the members' votes (`agreement_votes`, one row per member
 *   organisation, its latest vote).
 */
export class DatedAgreements1763900001610 implements MigrationInterface {
  name = 'DatedAgreements1763900001610';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agreement_versions ADD COLUMN effective_from char(7), ADD COLUMN decision_rule text,
      ADD COLUMN proposed_at timestamptz, ADD COLUMN proposed_by uuid, ADD COLUMN decided_at timestamptz`);
    // Every existing version was approved by the host alone and the newest priced every month: each
    // takes the consortium's start month, which leaves every closed month priced as it was issued.
    await q.query(`UPDATE agreement_versions v SET effective_from = to_char(c.start_date, 'YYYY-MM'),
        decision_rule = CASE WHEN v.model = 'commercial' THEN 'host' ELSE 'unanimous' END
       FROM consortia c WHERE c.id = v.consortium_id`);
    // Of several approved versions only the newest was in force: the older ones stay `superseded`
    // (replaced by a version from the same month, which a new version may still do while that month is open).
    await q.query(`ALTER TABLE agreement_versions DROP CONSTRAINT agreement_versions_status_check, DROP CONSTRAINT ck_agreement_versions_approved`);
    await q.query(`UPDATE agreement_versions SET status = 'approved' WHERE status = 'active'`);
    await q.query(`UPDATE agreement_versions SET decided_at = approved_at WHERE approved_at IS NOT NULL`);
    await q.query(`ALTER TABLE agreement_versions ALTER COLUMN effective_from SET NOT NULL, ALTER COLUMN decision_rule SET NOT NULL,
      ADD CONSTRAINT agreement_versions_status_check CHECK (status IN ('draft', 'proposed', 'approved', 'rejected', 'superseded')),
      ADD CONSTRAINT ck_agreement_versions_approved CHECK ((status IN ('approved', 'superseded')) = (approved_at IS NOT NULL)),
      ADD CONSTRAINT agreement_versions_rule_check CHECK (decision_rule IN ('unanimous', 'majority', 'host')),
      ADD CONSTRAINT agreement_versions_effective_from_check CHECK (effective_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')`);
    // at most one draft and one proposal at a time; one approved version per effective month
    await q.query(`DROP INDEX uq_agreement_versions_one_active`);
    await q.query(`CREATE UNIQUE INDEX agreement_versions_one_proposed ON agreement_versions (consortium_id) WHERE status = 'proposed'`);
    await q.query(`CREATE UNIQUE INDEX agreement_versions_one_per_month ON agreement_versions (consortium_id, effective_from) WHERE status = 'approved'`);
    await q.query(`CREATE TABLE agreement_votes (
      consortium_id uuid NOT NULL,
      version integer NOT NULL,
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      vote text NOT NULL CHECK (vote IN ('approve', 'object')),
      comment text,
      cast_by uuid,
      cast_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consortium_id, version, organisation_id),
      FOREIGN KEY (consortium_id, version) REFERENCES agreement_versions (consortium_id, version) ON DELETE CASCADE
    )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE agreement_votes`);
    await q.query(`DROP INDEX agreement_versions_one_per_month`);
    await q.query(`DROP INDEX agreement_versions_one_proposed`);
    await q.query(`ALTER TABLE agreement_versions DROP CONSTRAINT agreement_versions_status_check, DROP CONSTRAINT agreement_versions_rule_check,
      DROP CONSTRAINT agreement_versions_effective_from_check, DROP CONSTRAINT ck_agreement_versions_approved`);
    await q.query(`DELETE FROM agreement_versions WHERE status IN ('proposed', 'rejected')`);
    await q.query(`UPDATE agreement_versions SET status = 'superseded' WHERE status = 'approved'`);
    await q.query(`UPDATE agreement_versions SET status = 'active' WHERE (consortium_id, version) IN
      (SELECT consortium_id, max(version) FROM agreement_versions WHERE status = 'superseded' GROUP BY consortium_id)`);
    await q.query(`ALTER TABLE agreement_versions ADD CONSTRAINT agreement_versions_status_check CHECK (status IN ('draft', 'active', 'superseded')),
      ADD CONSTRAINT ck_agreement_versions_approved CHECK ((status = 'draft') = (approved_at IS NULL))`);
    await q.query(`CREATE UNIQUE INDEX uq_agreement_versions_one_active ON agreement_versions (consortium_id) WHERE status = 'active'`);
    await q.query(`ALTER TABLE agreement_versions DROP COLUMN effective_from, DROP COLUMN decision_rule, DROP COLUMN proposed_at, DROP COLUMN proposed_by, DROP COLUMN decided_at`);
  }
}
