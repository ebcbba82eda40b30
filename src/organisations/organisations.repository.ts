import { Injectable } from '@nestjs/common';
import { Conditions } from '../database/conditions';
import { updateSet } from '../database/update-set';
import { Sql, type On, type Tx } from '../database/sql';
import type { Organisation } from './organisation.model';

/** The fields of a new organisation; the database fills in id and timestamps. */
export type NewOrganisation = Omit<Organisation, 'id' | 'createdAt' | 'updatedAt'>;

/** What anyone signed in may know of any organisation. */
export type DirectoryEntry = Pick<Organisation, 'id' | 'name' | 'type' | 'odsCode'>;

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

  /** One organisation, or null; `lock` locks its row (true: FOR UPDATE, 'share': FOR SHARE) until the transaction ends. */
  find(on: On, id: string, lock: boolean | 'share' = false): Promise<Organisation | null> {
    const suffix = lock === 'share' ? ' FOR SHARE' : lock ? ' FOR UPDATE' : '';
    return this.sql.one<Organisation>(on, `SELECT ${COLUMNS} FROM organisations WHERE id = $1${suffix}`, [id]);
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

  /** A page of organisations by name (then id): all of them, or those with the given ids. */
  async page(on: On, ids: readonly string[] | 'all', limit: number, offset: number): Promise<{ items: Organisation[]; total: number }> {
    const w = new Conditions();
    if (ids !== 'all') w.add('id = ANY(?::uuid[])', [...ids]);
    const pg = w.page({ limit, offset });
    const items = await this.sql.rows<Organisation>(on, `SELECT ${COLUMNS} FROM organisations WHERE ${w.where} ORDER BY name, id ${pg.sql}`, pg.params);
    const [{ total }] = await this.sql.rows<{ total: number }>(on, `SELECT count(*)::int AS total FROM organisations WHERE ${w.where}`, w.params);
    return { items, total };
  }

  /** A page of the public directory (id, name, type, ODS code) by name, optionally those whose name or ODS code contains `q`. */
  async directory(on: On, q: string | undefined, limit: number, offset: number): Promise<{ items: DirectoryEntry[]; total: number }> {
    const w = new Conditions();
    if (q) w.add(`concat_ws(' ', name, ods_code) ILIKE ? ESCAPE '\\'`, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const pg = w.page({ limit, offset });
    const items = await this.sql.rows<DirectoryEntry>(
      on,
      `SELECT id, name, type, ods_code AS "odsCode" FROM organisations WHERE ${w.where} ORDER BY name, id ${pg.sql}`,
      pg.params,
    );
    const [{ total }] = await this.sql.rows<{ total: number }>(on, `SELECT count(*)::int AS total FROM organisations WHERE ${w.where}`, w.params);
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
