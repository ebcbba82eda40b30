import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../common/enums';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-case; unique. */
  @Column({ type: 'text', unique: true })
  email: string;

  @Column({ type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'text' })
  role: Role;

  /** Null only for platform admins. */
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
