import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { OrganisationType } from '../common/enums';

@Entity('organisations')
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true, unique: true })
  odsCode: string | null;

  @Column({ type: 'text' })
  type: OrganisationType;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  /** Annual turnover in pounds, exact (numeric(16,2)); strings in code, never JS numbers. */
  @Column({ type: 'numeric', precision: 16, scale: 2 })
  annualTurnover: string;

  /** Headcount in FTE. */
  @Column({ type: 'numeric', precision: 12, scale: 2 })
  headcount: string;

  /** The organisation whose host admin created it (null when an admin did): who may edit it. */
  @Column({ type: 'uuid', nullable: true })
  createdByOrganisationId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
