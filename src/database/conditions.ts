/**
 * The WHERE of a repository query with numbered placeholders, written once for every repository:
 * `add('month >= ?', v)` binds v as the next `$n`; `opt` does the same only when the value is given;
 * `bind` numbers a value used elsewhere in the statement (ORDER BY arrays, LIMIT). Clauses are fixed
 * text written in the repository; only values travel as parameters.
 */
export class Conditions {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  /** Adds `clause`, its `?` bound to `value` as the next placeholder. */
  add(clause: string, value: unknown): this {
    this.parts.push(clause.replace('?', this.bind(value)));
    return this;
  }

  /** Adds the clause when the value is given (not undefined, null or ''). */
  opt(clause: string, value: unknown): this {
    return value === undefined || value === null || value === '' ? this : this.add(clause, value);
  }

  /** Binds a value used outside the conditions and returns its placeholder (`$n`). */
  bind(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** The conditions joined with AND; TRUE when there are none. */
  get where(): string {
    return this.parts.length ? this.parts.join(' AND ') : 'TRUE';
  }

  /** LIMIT/OFFSET as the next two placeholders, and the parameters with them (the conditions are left as they are). */
  page(p: { limit: number; offset: number }): { sql: string; params: unknown[] } {
    const n = this.params.length;
    return { sql: `LIMIT $${n + 1} OFFSET $${n + 2}`, params: [...this.params, p.limit, p.offset] };
  }
}
