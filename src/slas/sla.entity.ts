import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { SlaTarget } from './sla-target.entity';

/** An SLA (with service credits) or an OLA (same shape, no credits) on one service line. */
@Entity('slas')
export class Sla {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  consortiumId: string;

  @Column({ type: 'uuid' })
  serviceLineId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: 'SLA' | 'OLA';

  @Column({ type: 'text' })
  frequency: 'monthly' | 'quarterly';

  @Column({ type: 'numeric', precision: 7, scale: 4 })
  creditCapPercent: string;

  /** First effective month YYYY-MM. */
  @Column({ type: 'text' })
  effectiveFrom: string;

  /** Last effective month YYYY-MM (inclusive); null = open-ended. */
  @Column({ type: 'text', nullable: true })
  effectiveTo: string | null;

  @OneToMany(() => SlaTarget, (t) => t.sla, { cascade: true, eager: true })
  targets: SlaTarget[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
