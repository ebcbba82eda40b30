import { Conditions } from './conditions';

describe('Conditions', () => {
  it('numbers placeholders in the order values are bound, skipping values not given', () => {
    const w = new Conditions().add('consortium_id = ?', 'c').opt('kpi_code = ?', undefined).opt('month >= ?', '').opt('month <= ?', '2025-06');
    expect(w.where).toBe('consortium_id = $1 AND month <= $2');
    expect(w.params).toEqual(['c', '2025-06']);
    expect(w.bind(['x'])).toBe('$3');
    expect(w.params).toEqual(['c', '2025-06', ['x']]);
  });

  it('is TRUE without conditions, and pages after the parameters without changing them', () => {
    const w = new Conditions();
    expect(w.where).toBe('TRUE');
    w.opt('entity = ?', 'user');
    expect(w.page({ limit: 10, offset: 20 })).toEqual({ sql: 'LIMIT $2 OFFSET $3', params: ['user', 10, 20] });
    expect(w.params).toEqual(['user']);
  });

  it('keeps null as a value for add (an explicit "no organisation")', () => {
    const w = new Conditions().add('(organisation_id IS NULL OR organisation_id = ?::uuid)', null);
    expect(w.where).toBe('(organisation_id IS NULL OR organisation_id = $1::uuid)');
    expect(w.params).toEqual([null]);
  });
});
