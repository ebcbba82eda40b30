/**
 * What the board reports read from other modules' tables and no service of theirs gives yet. Each
 * method is marked for the integrator with the service method that should replace it.
 */
import { Injectable } from '@nestjs/common';
import { Sql, type On } from '../database/sql';

export interface AgreementSla {
  name: string;
  kind: 'SLA' | 'OLA';
  frequency: 'monthly' | 'quarterly';
  creditCapPercent: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  serviceLineId: string;
  /** In their order (position). */
  targets: { kpiCode: string; target: string; threshold: string; creditPercent: string }[];
}

@Injectable()
export class ReportsRepository {
  constructor(private readonly sql: Sql) {}

  // INTEGRATOR: belongs to slas — wants SlasService.list(p, consortiumId) (it exists; SlasModule does not export SlasService yet).
  /** A consortium's SLAs, oldest first, each with its targets in order. */
  slas(on: On, consortiumId: string): Promise<AgreementSla[]> {
    return this.sql.rows<AgreementSla>(
      on,
      `SELECT s.name, s.kind, s.frequency, s.credit_cap_percent AS "creditCapPercent", s.effective_from AS "effectiveFrom",
              s.effective_to AS "effectiveTo", s.service_line_id AS "serviceLineId",
              coalesce((SELECT json_agg(json_build_object('kpiCode', t.kpi_code, 'target', t.target::text, 'threshold', t.threshold::text,
                                                          'creditPercent', t.credit_percent::text) ORDER BY t.position)
                          FROM sla_targets t WHERE t.sla_id = s.id), '[]'::json) AS targets
         FROM slas s WHERE s.consortium_id = $1 ORDER BY s.created_at, s.id`,
      [consortiumId],
    );
  }
}
