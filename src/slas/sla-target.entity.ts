import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Sla } from './sla.entity';

@Entity('sla_targets')
export class SlaTarget {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  slaId: string;

  @ManyToOne(() => Sla, (s) => s.targets, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sla_id' })
  sla: Sla;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  kpiCode: string;

  @Column({ type: 'numeric', precision: 18, scale: 4 })
  target: string;

  @Column({ type: 'numeric', precision: 18, scale: 4 })
  threshold: string;

  @Column({ type: 'numeric', precision: 7, scale: 4 })
  creditPercent: string;
}
