import { exitQuote, type CooperativeExitQuote } from '../../exit/core/exit-quote';
import { D, money } from '../../common/money';
import { workedExampleExitTerms, workedExampleInput } from '../../statements/core/worked-example.fixture';
import { applyScenario, joinerId, priceScenario, validateScenario, type ScenarioChange } from './scenario';

const FROM = '2025-04';
const TO = '2025-05';
const price = (changes: ScenarioChange[]) => priceScenario(workedExampleInput(), FROM, TO, changes);
const item = (r: ReturnType<typeof price>, id: string) => r.items.find((i) => i.organisationId === id)!;
const sum = (xs: string[]) => xs.reduce((a, x) => a.plus(money(x)), new D(0)).toFixed(2);

describe('what-if scenarios (domain.md §14) on the worked example', () => {
  it('with no effective change both columns are the statements of §11', () => {
    const r = price([{ kind: 'costChange', serviceLineId: 'FIN', percent: '0' }]);
    expect(item(r, 'A').current.charge).toBe('193225.22');
    expect(item(r, 'B').scenario.charge).toBe('127472.23');
    expect(item(r, 'C').difference.charge).toBe('0.00');
    expect(r.totals.current.charge).toBe('342409.74');
    expect(r.totals.difference.charge).toBe('0.00');
  });

  it('a joiner on the turnover-shared FIN line lowers every existing member’s FIN charge; totals add to the penny', () => {
    const r = price([
      {
        kind: 'join',
        name: 'Dale Valley NHS Trust',
        annualTurnover: '200000000.00',
        headcount: '3000',
        joinedOn: '2025-04-01',
        baselines: [{ serviceLineId: 'FIN', annualAmount: '800000.00' }],
      },
    ]);
    const fin = (id: string) => item(r, id).difference.serviceLines.find((l) => l.serviceLineId === 'FIN')!;
    expect([fin('A').operating, fin('B').operating, fin('C').operating]).toEqual(['-26338.12', '-16461.32', '-2295.19']);
    expect([fin('A').fee, fin('B').fee, fin('C').fee]).toEqual(['-658.45', '-411.54', '-57.38']);
    const d = item(r, joinerId(0));
    expect(d.name).toBe('Dale Valley NHS Trust');
    expect(d.joiner).toBe(true);
    expect(d.current.charge).toBe('0.00');
    expect(d.scenario).toMatchObject({
      operating: '45094.63',
      fee: '1127.37',
      investment: '12939.13',
      sharedRisk: '970.44',
      credits: '0.00',
      charge: '60131.57',
      baseline: '133333.33',
    });
    // PAY is activity-shared and the joiner gave no volumes: nothing moves there.
    expect(item(r, 'B').difference.serviceLines.find((l) => l.serviceLineId === 'PAY')!.operating).toBe('0.00');
    // Every pound of cost is still charged: the shares sum to the costs, the differences to 0.
    expect(sum(r.items.map((i) => i.scenario.operating))).toBe('263000.00');
    expect(sum(r.items.map((i) => i.scenario.fee))).toBe('6575.00');
    expect(sum(r.items.map((i) => i.scenario.investment))).toBe('60000.00');
    expect(sum(r.items.map((i) => i.scenario.sharedRisk))).toBe('4500.00');
    expect(r.totals.scenario.charge).toBe('342409.74');
    expect(r.totals.difference).toMatchObject({ operating: '0.00', fee: '0.00', investment: '0.00', sharedRisk: '0.00', charge: '0.00', baseline: '133333.33' });
    expect(item(r, 'A').difference.charge).toBe('-34645.29');
    expect(item(r, 'B').difference.charge).toBe('-21653.31');
    expect(item(r, 'C').difference.charge).toBe('-3832.97');
  });

  it('a joiner with monthly volumes takes its share of an activity line', () => {
    const r = price([
      { kind: 'join', name: 'D', annualTurnover: '0.00', headcount: '0', joinedOn: '2025-04-01', baselines: [], activity: [{ serviceLineId: 'PAY', monthlyVolume: '2000' }] },
    ]);
    const d = item(r, joinerId(0));
    const pay = d.scenario.serviceLines.find((l) => l.serviceLineId === 'PAY')!;
    expect(money(pay.operating).gt(0)).toBe(true);
    expect(d.scenario.serviceLines.find((l) => l.serviceLineId === 'FIN')!.operating).toBe('0.00');
    expect(sum(r.items.map((i) => i.scenario.operating))).toBe('263000.00');
  });

  it('a leaver’s scenario re-prices the exit quote’s charging months: the remaining members’ increases sum exactly to the leaver’s charge, each within a penny of the quote', () => {
    // B gives notice on 2025-06-10: charging months 2025-04..2025-05.
    const q = exitQuote(workedExampleInput(), workedExampleExitTerms('cooperative'), { organisationId: 'B', noticeDate: '2025-06-10' }) as CooperativeExitQuote;
    expect(q.chargingMonths).toEqual(['2025-04', '2025-05']);
    const r = priceScenario(workedExampleInput(), q.chargingMonths[0], q.chargingMonths[q.chargingMonths.length - 1], [
      { kind: 'leave', organisationId: 'B', leftOn: '2025-03-31' },
    ]);
    const n = q.chargingMonths.length;
    const rise = (id: string) => money(item(r, id).difference.operating).plus(money(item(r, id).difference.fee));
    // The leaver's whole operating + fee is re-allocated: Σ of the rises = n × its average exactly.
    expect(rise('A').plus(rise('C')).toFixed(2)).toBe('96848.28');
    expect(q.averageMonthlyCharge.times(n).toFixed(2)).toBe('96848.28');
    expect(rise('B').toFixed(2)).toBe('-96848.28');
    // Per member: the quote re-prices each line without B, as the scenario does, so the scenario's
    // rise averaged over the months and rounded once is the quote's increase, to the penny.
    const quote = new Map(q.remainingMembers.map((m) => [m.organisationId, m.averageMonthlyIncrease]));
    expect(rise('A').toFixed(2)).toBe('89213.35');
    expect(rise('C').toFixed(2)).toBe('7634.93');
    expect(quote.get('A')!.toFixed(2)).toBe('44606.68');
    expect(quote.get('C')!.toFixed(2)).toBe('3817.46');
    for (const id of ['A', 'C']) expect(rise(id).div(n).toDecimalPlaces(2, D.ROUND_HALF_EVEN).toFixed(2)).toBe(quote.get(id)!.toFixed(2));
    // The sum of the quote's (unrounded) re-allocations is the same exact total.
    const quoteSum = [...quote.values()].reduce((a, v) => a.plus(v), new D(0)).times(n);
    expect(quoteSum.minus('96848.28').abs().lte(new D('0.005').times(n).times(2))).toBe(true);
    // B is charged nothing; its attributable risk (9,000.00 in May) is shared by A and C.
    expect(item(r, 'B').scenario.charge).toBe('0.00');
    expect(r.totals.scenario.sharedRisk).toBe('13500.00');
    expect(r.totals.scenario.attributedRisk).toBe('0.00');
  });

  it('a leaver from mid-range is charged up to its leaving date only', () => {
    const r = price([{ kind: 'leave', organisationId: 'B', leftOn: '2025-04-30' }]);
    const b = item(r, 'B');
    expect(b.scenario.months.map((m) => m.charge)).toEqual([b.current.months[0].charge, '0.00']);
    expect(sum(r.items.map((i) => i.scenario.operating))).toBe('263000.00');
  });

  it('costs of FIN up 10 % and down 10 %', () => {
    const up = price([{ kind: 'costChange', serviceLineId: 'FIN', percent: '10' }]);
    expect(up.items.map((i) => i.scenario.charge)).toEqual(['205169.29', '134937.26', '22803.19']);
    expect(up.items.map((i) => i.difference.charge)).toEqual(['11944.07', '7465.03', '1090.90']);
    expect(up.totals.difference).toMatchObject({ operating: '20000.00', fee: '500.00', charge: '20500.00', savings: '-20500.00' });
    const down = price([{ kind: 'costChange', serviceLineId: 'FIN', percent: '-10' }]);
    expect(down.items.map((i) => i.scenario.charge)).toEqual(['181281.18', '120007.18', '20621.38']);
    expect(down.items.map((i) => i.difference.charge)).toEqual(['-11944.04', '-7465.05', '-1090.91']);
    expect(down.totals.difference).toMatchObject({ operating: '-20000.00', fee: '-500.00', charge: '-20500.00' });
  });

  it('each changed entry is rounded half to even; entries outside the range and other categories are untouched', () => {
    const input = workedExampleInput();
    input.costs.push({ id: 'x', month: '2025-04', category: 'operating', amount: '0.25', serviceLineId: 'PAY', attributableTo: null });
    input.costs.push({ id: 'y', month: '2025-06', category: 'operating', amount: '100.00', serviceLineId: 'PAY', attributableTo: null });
    const out = applyScenario(input, FROM, TO, [{ kind: 'costChange', percent: '10' }]);
    const amount = (id: string) => out.costs.find((c) => c.id === id)!.amount;
    expect(amount('x')).toBe('0.28'); // 0.275 → 0.28 (half to even)
    expect(amount('y')).toBe('100.00');
    expect(amount('c2')).toBe('33000.00');
    expect(amount('c5')).toBe('60000.00');
  });

  it('an added PAY cost in May is shared by activity and moves the credits with the charge', () => {
    const r = price([{ kind: 'addCost', month: '2025-05', category: 'operating', amount: '12000.00', serviceLineId: 'PAY' }]);
    const pay = (id: string) => item(r, id).difference.serviceLines.find((l) => l.serviceLineId === 'PAY')!;
    expect([pay('A').operating, pay('B').operating, pay('C').operating]).toEqual(['6703.61', '3855.95', '1440.44']);
    expect([pay('A').fee, pay('B').fee, pay('C').fee]).toEqual(['167.59', '96.40', '36.01']);
    expect([pay('A').credits, pay('B').credits, pay('C').credits]).toEqual(['0.00', '-197.62', '-44.29']);
    expect(r.items.map((i) => i.difference.charge)).toEqual(['6871.20', '3754.73', '1432.16']);
    expect(r.totals.difference).toMatchObject({ operating: '12000.00', fee: '300.00', credits: '-241.91' });
  });

  it('a fee of 5 % from May changes May only', () => {
    const r = price([{ kind: 'agreement', effectiveFrom: '2025-05', managementFeePercent: '5' }]);
    expect(r.items.map((i) => i.difference.months[0].charge)).toEqual(['0.00', '0.00', '0.00']);
    expect(r.items.map((i) => i.difference.fee)).toEqual(['1835.61', '1124.29', '365.10']);
    expect(r.items.map((i) => i.difference.months[1].charge)).toEqual(['1835.61', '1111.04', '362.13']);
    expect(r.items.map((i) => i.difference.credits)).toEqual(['0.00', '-13.25', '-2.97']);
    expect(r.totals.difference.fee).toBe('3325.00'); // 5 % − 2.5 % of May's 133,000.00
  });

  it('an agreement change merges over the version in force and later versions', () => {
    const input = workedExampleInput();
    input.termVersions = [
      { effectiveFrom: '2025-04', terms: input.terms },
      { effectiveFrom: '2025-06', terms: { ...input.terms, managementFeePercent: '3' } as typeof input.terms },
    ];
    const out = applyScenario(input, '2025-04', '2025-07', [{ kind: 'agreement', effectiveFrom: '2025-05', basis: 'equal' }]);
    expect(out.termVersions!.map((v) => [v.effectiveFrom, (v.terms as { basis: string }).basis, (v.terms as { managementFeePercent: string }).managementFeePercent])).toEqual([
      ['2025-04', 'turnover', '2.5'],
      ['2025-05', 'equal', '2.5'],
      ['2025-06', 'equal', '3'],
    ]);
  });

  it('validation names every field at fault', () => {
    const input = workedExampleInput();
    const fields = (from: unknown, to: unknown, changes: unknown) => validateScenario(input, from, to, changes, { startMonth: '2025-04' }).map((e) => e.field);
    expect(fields('2025-04', '2028-04', [{ kind: 'costChange', percent: '1' }])).toEqual(['to']);
    expect(fields('2025-4', '2025-05', [])).toEqual(['from', 'changes']);
    expect(
      fields(
        FROM,
        TO,
        Array.from({ length: 21 }, () => ({ kind: 'costChange', percent: '1' })),
      ),
    ).toEqual(['changes']);
    expect(fields(FROM, TO, [{ kind: 'leave', organisationId: 'A', leftOn: '2025-04-30' }])).toEqual(['changes[0].organisationId']);
    expect(fields(FROM, TO, [{ kind: 'join', name: '', annualTurnover: 'x', headcount: '1', joinedOn: '2025-04-01', baselines: [], prices: [] }])).toEqual([
      'changes[0].name',
      'changes[0].annualTurnover',
      'changes[0].prices',
    ]);
    expect(fields(FROM, TO, [{ kind: 'addCost', month: '2025-05', category: 'operating', amount: '0.00' }])).toEqual(['changes[0].amount', 'changes[0].serviceLineId']);
    expect(fields(FROM, TO, [{ kind: 'addCost', month: '2025-06', category: 'investment', amount: '1.00', attributableTo: 'B' }])).toEqual([
      'changes[0].month',
      'changes[0].attributableTo',
    ]);
    expect(fields(FROM, TO, [{ kind: 'agreement', effectiveFrom: '2025-05', fixedShares: { A: '50', B: '40' } }])).toEqual(['changes[0].fixedShares']);
    expect(fields(FROM, TO, [{ kind: 'costChange', percent: '-101' }, { kind: 'nope' }])).toEqual(['changes[0].percent', 'changes[1].kind']);
    const commercial = workedExampleInput('commercial');
    expect(
      validateScenario(commercial, FROM, TO, [{ kind: 'join', name: 'D', annualTurnover: '1.00', headcount: '1', joinedOn: '2025-04-01', baselines: [] }]).map((e) => e.field),
    ).toEqual(['changes[0].prices']);
  });

  it('commercial: a joiner pays its own prices and changes nobody else’s', () => {
    const r = priceScenario(workedExampleInput('commercial'), FROM, TO, [
      { kind: 'join', name: 'D', annualTurnover: '1.00', headcount: '1', joinedOn: '2025-04-01', baselines: [], prices: [{ serviceLineId: 'FIN', annualPrice: '120000.00' }] },
    ]);
    expect(item(r, joinerId(0)).scenario.charge).toBe('20000.00');
    expect(item(r, 'B').difference.charge).toBe('0.00');
    expect(item(r, 'B').current.charge).toBe('160466.65');
  });
});

describe('scenario validation: unknown fields', () => {
  it('a field a change does not take is refused, naming it', () => {
    expect(validateScenario(workedExampleInput(), '2025-04', '2025-05', [{ kind: 'costChange', percent: '1', isHost: true }]).map((e) => e.field)).toEqual(['changes[0].isHost']);
  });
});

describe('scenario items', () => {
  it('lists the members whose membership overlaps the range, as statements do (C joined in May: not in April’s)', () => {
    const r = priceScenario(workedExampleInput(), '2025-04', '2025-04', [{ kind: 'costChange', percent: '10' }]);
    expect(r.items.map((i) => i.organisationId)).toEqual(['A', 'B']);
    expect(r.totals.difference.operating).toBe('13000.00');
  });
});
