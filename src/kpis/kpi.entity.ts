import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('kpis')
export class Kpi {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  unit: string;

  @Column({ type: 'text' })
  direction: 'higher_is_better' | 'lower_is_better';

  @Column({ type: 'text' })
  function: string;

  @Column({ type: 'text' })
  category: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;
}
