import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DeliveryModel } from '../common/enums';

@Entity('consortia')
export class Consortium {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  deliveryModel: DeliveryModel;

  @Column({ type: 'uuid' })
  hostOrganisationId: string;

  @Column({ type: 'date' })
  startDate: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
