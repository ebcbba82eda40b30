import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StoredTerms } from './agreement-terms';

/**
 * One version of a consortium's risk-sharing agreement. At most one `draft` (being edited, guarded by
 * `revision`) and one `active` (approved, in force) per consortium; earlier approved versions are
 * `superseded` and stay readable.
 */
@Entity('agreement_versions')
export class AgreementVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  consortiumId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  status: 'draft' | 'active' | 'superseded';

  @Column({ type: 'text' })
  model: 'cooperative' | 'commercial';

  @Column({ type: 'jsonb' })
  terms: StoredTerms;

  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @Column({ type: 'uuid', nullable: true })
  approvedBy: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null;
}
