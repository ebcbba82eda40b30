import { Injectable } from '@nestjs/common';
import { updateSet } from '../database/update-set';
import { Sql, type On, type Tx } from '../database/sql';
import type { Organisation } from './organisation.model';

/** The fields of a new organisation; the database fills in id and timestamps. */
export type NewOrganisation = Omit<Organisation, 'id' | 'createdAt' | 'updatedAt'>;

/** The fields an update may change. */
export type OrganisationChanges = Partial<Pick<Organisation, 'name' | 'odsCode' | 'type' | 'region' | 'annualTurnover' | 'headcount'>>;

const COLUMNS = `id, name, ods_code AS "odsCode", type, region, annual_turnover AS "annualTurnover", headcount,
  created_by_organisation_id AS "createdByOrganisationId", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** The column of each field an update may change (a fixed map: no caller text reaches the SQL). */
const CHANGEABLE: Record<keyof OrganisationChanges, string> = {
  name: 'name',
  odsCode: 'ods_code',
  type: 'type',
  region: 'region',
  annualTurnover: 'annual_turnover',
  headcount: 'headcount',
};

/** organisations: the registered trusts, ICBs, CSUs and providers. */
@Injectable()
export class OrganisationsRepository {
  constructor(private readonly sql: Sql) {}

  /** One organisation, or null; `forUpdate` locks its row until the transaction ends. */
  find(on: On, id: string, forUpdate = false): Promise<Organisation | null> {
    return this.sql.one<Organisation>(on, `SELECT ${COLUMNS} FROM organisations WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  }

  /** The organisations with these ids, by name (then id). */
  findMany(on: On, ids: readonly string[]): Promise<Organisation[]> {
    return this.sql.rows<Organisation>(on, `SELECT ${COLUMNS} FROM organisations WHERE id = ANY($1::uuid[]) ORDER BY name, id`, [[...ids]]);
  }

  async exists(on: On, id: string): Promise<boolean> {
    return (await this.sql.one(on, `SELECT 1 FROM organisations WHERE id = $1`, [id])) !== null;
  }

  async odsCodeTaken(on: On, odsCode: string): Promise<boolean> {
    return (await this.sql.one(on, `SELECT 1 FROM organisations WHERE ods_code = $1`, [odsCode])) !== null;
  }

  async idByOdsCode(on: On, odsCode: string): Promise<string | null> {
    const row = await this.sql.one<{ id: string }>(on, `SELECT id FROM organisations WHERE ods_code = $1`, [odsCode]);
    return row?.id ?? null;
  }

  /** Ids of the organisations created by a host admin of `organisationId`. */
  async createdBy(on: On, organisationId: string): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(on, `SELECT id FROM organisations WHERE created_by_organisation_id = $1`, [organisationId]);
    return rows.map((r) => r.id);
  }

  /** A page of organisations by name (then id): all of them, or those with the given ids. */
  async page(on: On, ids: readonly string[] | 'all', limit: number, offset: number): Promise<{ items: Organisation[]; total: number }> {
    const where = ids === 'all' ? '' : 'WHERE id = ANY($1::uuid[])';
    const params: unknown[] = ids === 'all' ? [] : [[...ids]];
    const n = params.length;
    const items = await this.sql.rows<Organisation>(on, `SELECT ${COLUMNS} FROM organisations ${where} ORDER BY name, id LIMIT $${n + 1} OFFSET $${n + 2}`, [
      ...params,
      limit,
      offset,
    ]);
    const [{ total }] = await this.sql.rows<{ total: number }>(on, `SELECT count(*)::int AS total FROM organisations ${where}`, params);
    return { items, total };
  }

  async insert(tx: Tx, o: NewOrganisation): Promise<Organisation> {
    const row = await this.sql.one<Organisation>(
      tx,
      `INSERT INTO organisations (name, ods_code, type, region, annual_turnover, headcount, created_by_organisation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [o.name, o.odsCode, o.type, o.region, o.annualTurnover, o.headcount, o.createdByOrganisationId],
    );
    return row!;
  }

  /** Writes the changed fields and stamps updated_at; resolves with the row as stored. */
  async update(tx: Tx, id: string, changes: OrganisationChanges): Promise<Organisation> {
    const { set, params } = updateSet(CHANGEABLE, changes, 2);
    const row = await this.sql.one<Organisation>(tx, `UPDATE organisations SET ${set} WHERE id = $1 RETURNING ${COLUMNS}`, [id, ...params]);
    return row!;
  }

  /** The organisations with one of `ids` or one of the upper-case ODS `codes`: id and upper-case ODS code. */
  resolveKeys(on: On, ids: readonly string[], codes: readonly string[]): Promise<{ id: string; odsCode: string | null }[]> {
    return this.sql.rows(on, `SELECT id, upper(ods_code) AS "odsCode" FROM organisations WHERE id = ANY($1::uuid[]) OR upper(ods_code) = ANY($2::text[])`, [[...ids], [...codes]]);
  }
}
