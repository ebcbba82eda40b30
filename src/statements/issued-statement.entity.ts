import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MonthPartJson } from './core';

/**
 * A member's statement for a closed month, issued at close: the document as canonical JSON text
 * (never rewritten: a trigger refuses UPDATE), its SHA-256, and the exact month part that statements
 * over longer ranges are summed from.
 */
@Entity('issued_statements')
export class IssuedStatement {
  @PrimaryColumn({ type: 'uuid' }) consortiumId: string;
  @PrimaryColumn({ type: 'text' }) month: string;
  @PrimaryColumn({ type: 'uuid' }) organisationId: string;
  @Column({ type: 'text' }) document: string;
  @Column({ type: 'char', length: 64 }) contentHash: string;
  @Column({ type: 'jsonb' }) parts: MonthPartJson;
  @Column({ type: 'timestamptz' }) issuedAt: Date;
}
