import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One period of membership: from joinedOn to leftOn, both inclusive (leftOn null = still a member).
 * An organisation may leave and rejoin: each period is a row, and periods never overlap (checked by
 * the service and by an exclusion constraint in the database).
 */
@Entity('members')
@Index(['consortiumId', 'organisationId'])
export class Member {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  consortiumId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'date' })
  joinedOn: string;

  @Column({ type: 'date', nullable: true })
  leftOn: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
