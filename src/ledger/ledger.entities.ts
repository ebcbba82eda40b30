import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Money the consortium spent in a month (domain.md §1): operating, investment or risk. */
@Entity('cost_entries')
export class CostEntry {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) consortiumId: string;
  @Column({ type: 'text' }) month: string;
  @Column({ type: 'text' }) category: 'operating' | 'investment' | 'risk';
  @Column({ type: 'numeric', precision: 16, scale: 2 }) amount: string;
  @Column({ type: 'uuid', nullable: true }) serviceLineId: string | null;
  @Column({ type: 'uuid', nullable: true }) attributableTo: string | null;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
}

/** Volume per service line, member and month (the `activity` basis). */
@Entity('activity_volumes')
export class ActivityVolume {
  @PrimaryColumn({ type: 'uuid' }) consortiumId: string;
  @PrimaryColumn({ type: 'uuid' }) serviceLineId: string;
  @PrimaryColumn({ type: 'uuid' }) organisationId: string;
  @PrimaryColumn({ type: 'text' }) month: string;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) volume: string;
  @Column({ type: 'uuid', nullable: true }) updatedBy: string | null;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
}

/** What a member spent per year on a service line in-house before joining. */
@Entity('baselines')
export class Baseline {
  @PrimaryColumn({ type: 'uuid' }) consortiumId: string;
  @PrimaryColumn({ type: 'uuid' }) organisationId: string;
  @PrimaryColumn({ type: 'uuid' }) serviceLineId: string;
  @Column({ type: 'numeric', precision: 16, scale: 2 }) annualAmount: string;
  @Column({ type: 'uuid', nullable: true }) updatedBy: string | null;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
}

/** An Idempotency-Key of a money-creating POST: the request's hash and the first response. */
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryColumn({ type: 'uuid' }) consortiumId: string;
  @PrimaryColumn({ type: 'text' }) scope: string;
  @PrimaryColumn({ type: 'text' }) key: string;
  @Column({ type: 'char', length: 64 }) requestHash: string;
  @Column({ type: 'int', nullable: true }) statusCode: number | null;
  @Column({ type: 'text', nullable: true }) response: string | null;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
}
