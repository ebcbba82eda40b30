import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { BenchmarkFunction } from './core';

/**
 * An organisation's benchmark return (domain.md §10): its cost of one function for one financial
 * year with its turnover of that year. Unique per organisation, year and function; a later return
 * replaces the earlier one (audited). The peer group is taken from the organisation's current type.
 */
@Entity('benchmark_returns')
export class BenchmarkReturn {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  /** `"2024/25"` */
  @Column({ type: 'text' })
  financialYear: string;

  @Column({ type: 'text' })
  function: BenchmarkFunction;

  /** £, numeric(16,2), ≥ 0; a string in code. */
  @Column({ type: 'numeric', precision: 16, scale: 2 })
  cost: string;

  /** £, numeric(16,2), > 0; a string in code. */
  @Column({ type: 'numeric', precision: 16, scale: 2 })
  turnover: string;

  /** The user who submitted the current figures. */
  @Column({ type: 'uuid', nullable: true })
  submittedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
