import { appraise, optionCosts, paybackYear, roundedNpc, statusQuoCosts, validateAppraisal, type AppraisalInput, type AppraisalOption } from './appraisal';

const option = (o: Partial<AppraisalOption> & { name: string }): AppraisalOption => ({
  deliveryModel: 'cooperative',
  startYear: 0,
  annualRunningCost: '0.00',
  oneOffCosts: [],
  optimismBiasPercent: '0',
  ...o,
});

/**
 * Hand check (r = 10 %, N = 3, status quo 1000.00 a year), discount factors 1, 10/11, 100/121:
 * - status quo: npc = 1000 + 10000/11 + 100000/121 = 331000/121 = 2735.537190… → 2735.54;
 * - A: one-off 1000.00 in year 0 with 10 % optimism bias, starts in year 1 at 500.00: costs
 *   1000 × 1.1 + 1000 (the status quo still runs in year 0) = 2100, then 500, 500; present values
 *   2100, 5000/11 = 454.5454… → 454.55, 50000/121 = 413.2231… → 413.22; npc = 359100/121 =
 *   2967.768595… → 2967.77; saving = −28100/121 = −232.231404… → −232.23; cumulative 2100, 2600,
 *   3100 against 1000, 2000, 3000: never catches up, payback null;
 * - B: 900.00 a year from year 0: npc = 900 × 331/121 = 297900/121 = 2461.983471… → 2461.98; saving
 *   33100/121 = 273.553719… → 273.55; payback year 0 (900 ≤ 1000).
 * B is cheaper: rank 1, preferred.
 */
const handChecked: AppraisalInput = {
  years: 3,
  discountRatePercent: '10',
  statusQuoAnnualCost: '1000.00',
  options: [
    option({ name: 'A', startYear: 1, annualRunningCost: '500.00', oneOffCosts: [{ year: 0, amount: '1000.00' }], optimismBiasPercent: '10' }),
    option({ name: 'B', deliveryModel: 'outsourcing', annualRunningCost: '900.00' }),
  ],
};

describe('options appraisal (domain.md §15)', () => {
  it('reproduces the hand-checked case exactly', () => {
    const r = appraise(handChecked);
    expect(r.discountFactors).toEqual(['1.0000', '0.9091', '0.8264']);
    expect(r.statusQuo).toEqual({
      costs: ['1000.00', '1000.00', '1000.00'],
      presentValues: ['1000.00', '909.09', '826.45'],
      cumulativeCosts: ['1000.00', '2000.00', '3000.00'],
      npc: '2735.54',
    });
    expect(r.preferred).toBe('B');
    expect(r.options.map((o) => [o.name, o.rank, o.npc, o.savingVsStatusQuo, o.paybackYear])).toEqual([
      ['B', 1, '2461.98', '273.55', 0],
      ['A', 2, '2967.77', '-232.23', null],
    ]);
    const a = r.options[1];
    expect(a.costs).toEqual(['2100.00', '500.00', '500.00']);
    expect(a.presentValues).toEqual(['2100.00', '454.55', '413.22']);
    expect(a.cumulativeCosts).toEqual(['2100.00', '2600.00', '3100.00']);
    expect(a.deliveryModel).toBe('cooperative');
    expect(r.options[0].deliveryModel).toBe('outsourcing');
  });

  it('with r = 0 the npc is the plain sum of the costs', () => {
    const r = appraise({ ...handChecked, discountRatePercent: '0' });
    expect(r.discountFactors).toEqual(['1.0000', '1.0000', '1.0000']);
    expect(r.statusQuo.npc).toBe('3000.00');
    expect(r.options.find((o) => o.name === 'A')?.npc).toBe('3100.00');
    expect(r.options.find((o) => o.name === 'B')?.npc).toBe('2700.00');
  });

  it('leaves a one-off cost in year 0 undiscounted', () => {
    const r = appraise({ years: 2, discountRatePercent: '3.5', statusQuoAnnualCost: '0.00', options: [option({ name: 'X', oneOffCosts: [{ year: 0, amount: '12345.67' }] })] });
    expect(r.options[0].presentValues).toEqual(['12345.67', '0.00']);
    expect(r.options[0].npc).toBe('12345.67');
    // the same cost a year later is discounted by 200/207: 12345.67 × 200/207 = 11928.1835… → 11928.18
    const later = appraise({ years: 2, discountRatePercent: '3.5', statusQuoAnnualCost: '0.00', options: [option({ name: 'X', oneOffCosts: [{ year: 1, amount: '12345.67' }] })] });
    expect(later.options[0].npc).toBe('11928.18');
  });

  it('has no payback year when the option never catches up', () => {
    const r = appraise({ years: 5, discountRatePercent: '3.5', statusQuoAnnualCost: '100.00', options: [option({ name: 'Dear', annualRunningCost: '100.01' })] });
    expect(r.options[0].paybackYear).toBeNull();
    // catching up exactly (≤) in the last year counts: 1000 + 4 × 50 = 1200 > 5 × 100 = 500 until…
    const costs = optionCosts(option({ name: 'Y', startYear: 0, annualRunningCost: '50.00', oneOffCosts: [{ year: 0, amount: '200.00' }] }), 5, '100.00');
    // cumulative 250, 300, 350, 400, 450 against 100, 200, 300, 400, 500: first ≤ in year 3
    expect(paybackYear(costs, statusQuoCosts(5, '100.00'))).toBe(3);
    // an option starting in year 2 with nothing spent before costs the status quo's in years 0 and 1:
    // those years pay nothing back; it pays back in year 2, when it is cheaper (90 against 100)
    const late = optionCosts(option({ name: 'Late', startYear: 2, annualRunningCost: '90.00' }), 5, '100.00');
    expect(paybackYear(late, statusQuoCosts(5, '100.00'))).toBe(2);
    // spending 30 in year 1 first: cumulative 100, 230, 320, 410, 500 against 100, 200, …, 500: year 4
    const spend = optionCosts(option({ name: 'Spend', startYear: 2, annualRunningCost: '90.00', oneOffCosts: [{ year: 1, amount: '30.00' }] }), 5, '100.00');
    expect(paybackYear(spend, statusQuoCosts(5, '100.00'))).toBe(4);
  });

  it('applies the optimism bias to one-off costs only', () => {
    const costs = optionCosts(
      option({
        name: 'O',
        startYear: 1,
        annualRunningCost: '100.00',
        optimismBiasPercent: '50',
        oneOffCosts: [
          { year: 0, amount: '200.00' },
          { year: 0, amount: '0.02' },
          { year: 2, amount: '10.01' },
        ],
      }),
      3,
      '80.00',
    );
    // year 0: (200.00 + 0.02) × 1.5 + 80.00 (status quo) = 380.03; year 1: 100.00; year 2: 10.01 × 1.5 + 100 = 115.015
    expect(costs.map((c) => c.toString())).toEqual(['38003/100', '100', '23003/200']);
  });

  it('ranks by npc, ties by name, and rounds the npc once', () => {
    const r = appraise({
      years: 2,
      discountRatePercent: '3.5',
      statusQuoAnnualCost: '10.00',
      options: [option({ name: 'Beta', annualRunningCost: '5.00' }), option({ name: 'Alpha', annualRunningCost: '5.00' }), option({ name: 'Aardvark', annualRunningCost: '6.00' })],
    });
    expect(r.options.map((o) => `${o.rank}:${o.name}`)).toEqual(['1:Alpha', '2:Beta', '3:Aardvark']);
    expect(r.preferred).toBe('Alpha');
    // three years of 0.01 at 50 %: present values 0.01, 0.00666…, 0.00444… shown as 0.01, 0.01, 0.00; exact npc 0.02111… → 0.02
    const once = appraise({ years: 3, discountRatePercent: '50', statusQuoAnnualCost: '0.01', options: [option({ name: 'Z', annualRunningCost: '0.01' })] });
    expect(once.statusQuo.presentValues).toEqual(['0.01', '0.01', '0.00']);
    expect(once.statusQuo.npc).toBe('0.02');
    // savings are from the exact npcs: 0 here, not a rounding difference
    expect(once.options[0].savingVsStatusQuo).toBe('0.00');
  });

  it('computes Green Book npc at 3.5 % over 10 years', () => {
    // Σ_{t<10} 3880000 / 1.035^t = 3880000 × (1 − (200/207)^10) / (1 − 200/207), exact = 33397823.654408… → 33397823.65
    const r = appraise({ years: 10, discountRatePercent: '3.5', statusQuoAnnualCost: '3880000.00', options: [option({ name: 'Same', annualRunningCost: '3880000.00' })] });
    expect(r.statusQuo.npc).toBe('33397823.65');
    expect(roundedNpc(statusQuoCosts(10, '3880000.00'), '3.5')).toBe('33397823.65');
    expect(r.options[0].savingVsStatusQuo).toBe('0.00');
    // the option never differs from the status quo: nothing to pay back
    expect(r.options[0].paybackYear).toBeNull();
    expect(r.discountFactors).toHaveLength(10);
  });

  describe('validation', () => {
    it('accepts valid inputs', () => {
      expect(validateAppraisal(handChecked)).toEqual([]);
    });

    it('names each field at fault', () => {
      const bad = {
        years: 61,
        discountRatePercent: '3.55555',
        statusQuoAnnualCost: '-1.00',
        options: [
          option({ name: ' ', deliveryModel: 'nope' as never, startYear: -1, annualRunningCost: '1.001', optimismBiasPercent: '201', oneOffCosts: [{ year: 1.5, amount: 'x' }] }),
          option({ name: 'Twin' }),
          option({ name: 'twin ' }),
        ],
      };
      const fields = validateAppraisal(bad).map((e) => e.field);
      expect(fields).toEqual([
        'years',
        'discountRatePercent',
        'statusQuoAnnualCost',
        'options.0.name',
        'options.0.deliveryModel',
        'options.0.startYear',
        'options.0.annualRunningCost',
        'options.0.optimismBiasPercent',
        'options.0.oneOffCosts.0.year',
        'options.0.oneOffCosts.0.amount',
        'options.2.name',
      ]);
    });

    it('keeps years within the appraisal period and the number of options within 1..10', () => {
      const e = validateAppraisal({ ...handChecked, options: [option({ name: 'L', startYear: 3, oneOffCosts: [{ year: 3, amount: '1.00' }] })] });
      expect(e.map((x) => x.field)).toEqual(['options.0.startYear', 'options.0.oneOffCosts.0.year']);
      expect(e[0].message).toContain('from 0 to 2');
      expect(validateAppraisal({ ...handChecked, options: [] })[0].field).toBe('options');
      const eleven = Array.from({ length: 11 }, (_, i) => option({ name: `O${i}` }));
      expect(validateAppraisal({ ...handChecked, options: eleven }).map((x) => x.field)).toEqual(['options']);
      expect(validateAppraisal({ ...handChecked, years: 0 }).map((x) => x.field)).toEqual(['years']);
      expect(validateAppraisal({ ...handChecked, discountRatePercent: '100.0001' }).map((x) => x.field)).toEqual(['discountRatePercent']);
      expect(validateAppraisal({ ...handChecked, discountRatePercent: '100' })).toEqual([]);
    });
  });
});
