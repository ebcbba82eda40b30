/**
 * Reading measurements is a port: the SLA module declares the one read its evaluation needs, and the
 * measurements module, which owns the table (and itself depends on the SLA module for SLA
 * frequencies), provides it. The token is bound once, visibly, in the providing module.
 */
import type { On } from '../database/sql';

export const MEASUREMENT_READER = Symbol('MEASUREMENT_READER');

/** One measurement as the SLA evaluation reads it (value as stored, numeric(18,4) text). */
export interface MeasurementRow {
  kpiCode: string;
  serviceLineId: string;
  organisationId: string | null;
  month: string;
  value: string;
}

export interface MeasurementReader {
  /**
   * The measurements of a consortium in id order, read on `on`: up to `upTo` (a month) when given,
   * and only `organisationId`'s and the service-line-wide ones when given.
   */
  forSlaEvaluation(on: On, consortiumId: string, opts: { upTo?: string; organisationId?: string }): Promise<MeasurementRow[]>;
}
