import { Injectable } from '@nestjs/common';
import { Sql, type On } from '../database/sql';

/** One membership period of an organisation, with the organisation's figures the charges are weighted by. */
export interface MemberPeriodRow {
  organisationId: string;
  joinedOn: string;
  leftOn: string | null;
  name: string;
  annualTurnover: string;
  headcount: string;
}

export interface ServiceLineRow {
  id: string;
  code: string;
  recipientIds: string[] | null;
}

/**
 * The consortium's members and service lines as the calculation core reads them. A read model over
 * the members, organisations and service_lines tables (owned by the consortia, organisations and
 * service-lines modules), read in the statement's own transaction so that one statement sees one
 * snapshot; it writes nothing.
 */
@Injectable()
export class LedgerInputRepository {
  constructor(private readonly sql: Sql) {}

  /** Every membership period, by joining date, name and id. */
  memberPeriods(on: On, consortiumId: string): Promise<MemberPeriodRow[]> {
    return this.sql.rows<MemberPeriodRow>(
      on,
      `SELECT mm.organisation_id AS "organisationId", to_char(mm.joined_on, 'YYYY-MM-DD') AS "joinedOn", to_char(mm.left_on, 'YYYY-MM-DD') AS "leftOn",
              o.name, o.annual_turnover::text AS "annualTurnover", o.headcount::text AS headcount
         FROM members mm JOIN organisations o ON o.id = mm.organisation_id
        WHERE mm.consortium_id = $1
        ORDER BY mm.joined_on, o.name, o.id`,
      [consortiumId],
    );
  }

  /** Service lines in code order (the order of statement breakdowns). */
  serviceLines(on: On, consortiumId: string): Promise<ServiceLineRow[]> {
    return this.sql.rows<ServiceLineRow>(on, `SELECT id, code, recipient_ids AS "recipientIds" FROM service_lines WHERE consortium_id = $1 ORDER BY code, id`, [consortiumId]);
  }
}
