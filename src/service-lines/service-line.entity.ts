import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Classification, ServiceFunction } from '../common/enums';

@Entity('service_lines')
@Unique('uq_service_lines_code', ['consortiumId', 'code'])
export class ServiceLine {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  consortiumId: string;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  function: ServiceFunction;

  @Column({ type: 'text' })
  classification: Classification;

  /** Organisations receiving the line; null = every member (domain.md §1). */
  @Column({ type: 'uuid', array: true, nullable: true })
  recipientIds: string[] | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
