import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * The value of a KPI for a service line and month (quarterly SLAs: the quarter's first month), for one
 * member or (organisationId null) the whole service line. One row per key: a later value replaces
 * the earlier one, and the change is audited.
 */
@Entity('measurements')
export class Measurement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  consortiumId: string;

  @Column({ type: 'uuid' })
  serviceLineId: string;

  @Column({ type: 'text' })
  kpiCode: string;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ type: 'text' })
  month: string;

  @Column({ type: 'numeric', precision: 18, scale: 4 })
  value: string;

  @Column({ type: 'uuid', nullable: true })
  submittedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
