import { Injectable } from '@nestjs/common';
import { Conditions } from '../database/conditions';
import { Sql, type On, type Tx } from '../database/sql';
import type { Kpi } from './kpi.model';

const COLUMNS = `id, code, name, unit, direction, function, category, description`;

/** Optional equality filters of a catalogue listing. */
export interface KpiFilters {
  function?: string;
  category?: string;
}

/** kpis: the KPI catalogue. */
@Injectable()
export class KpisRepository {
  constructor(private readonly sql: Sql) {}

  /** A page of the catalogue by function, then code. */
  async page(on: On, f: KpiFilters, limit: number, offset: number): Promise<{ items: Kpi[]; total: number }> {
    const w = new Conditions().opt('function = ?', f.function).opt('category = ?', f.category);
    const page = w.page({ limit, offset });
    const items = await this.sql.rows<Kpi>(on, `SELECT ${COLUMNS} FROM kpis WHERE ${w.where} ORDER BY function, code ${page.sql}`, page.params);
    const [{ total }] = await this.sql.rows<{ total: number }>(on, `SELECT count(*)::int AS total FROM kpis WHERE ${w.where}`, w.params);
    return { items, total };
  }

  findByCode(on: On, code: string): Promise<Kpi | null> {
    return this.sql.one<Kpi>(on, `SELECT ${COLUMNS} FROM kpis WHERE code = $1`, [code]);
  }

  async codeTaken(on: On, code: string): Promise<boolean> {
    return (await this.sql.one(on, `SELECT 1 FROM kpis WHERE code = $1`, [code])) !== null;
  }

  async insert(tx: Tx, k: Omit<Kpi, 'id'>): Promise<Kpi> {
    const row = await this.sql.one<Kpi>(
      tx,
      `INSERT INTO kpis (code, name, unit, direction, function, category, description) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [k.code, k.name, k.unit, k.direction, k.function, k.category, k.description],
    );
    return row!;
  }

  byCodes(on: On, codes: readonly string[]): Promise<Kpi[]> {
    return this.sql.rows<Kpi>(on, `SELECT ${COLUMNS} FROM kpis WHERE code = ANY($1::text[]) ORDER BY code`, [[...codes]]);
  }

  /** The whole catalogue, by code. */
  all(on: On): Promise<Kpi[]> {
    return this.sql.rows<Kpi>(on, `SELECT ${COLUMNS} FROM kpis ORDER BY code`);
  }
}
