/** Property: under any scenario the members' shares still sum to the scenario's costs, line by line and month by month. */
import fc from 'fast-check';
import { D, money } from '../../common/money';
import { CalculationError } from '../../statements/core/errors';
import { exitQuote, type CooperativeExitQuote } from '../../exit/core/exit-quote';
import { workedExampleExitTerms, workedExampleInput } from '../../statements/core/worked-example.fixture';
import { priceScenario, validateScenario, type ScenarioChange } from './scenario';

const amountArb = fc.bigInt({ min: -2_000_000n, max: 50_000_000n }).map((p) => new D(p.toString()).div(100).toFixed(2));
const positiveArb = fc.bigInt({ min: 0n, max: 90_000_000_000n }).map((p) => new D(p.toString()).div(100).toFixed(2));
const dayArb = fc
  .record({ m: fc.constantFrom('03', '04', '05'), d: fc.integer({ min: 1, max: 30 }) })
  .map(({ m, d }) => `2025-${m}-${String(Math.min(d, m === '04' ? 30 : 31)).padStart(2, '0')}`);
const lineArb = fc.constantFrom('FIN', 'PAY');

const changeArb: fc.Arbitrary<ScenarioChange> = fc.oneof(
  fc.record({
    kind: fc.constant('join' as const),
    name: fc.constant('Joiner'),
    annualTurnover: positiveArb,
    headcount: fc.integer({ min: 0, max: 9000 }).map(String),
    joinedOn: dayArb,
    baselines: fc.array(fc.record({ serviceLineId: lineArb, annualAmount: positiveArb }), { maxLength: 2 }),
    activity: fc.array(fc.record({ serviceLineId: lineArb, monthlyVolume: fc.integer({ min: 0, max: 9000 }).map(String) }), { maxLength: 2 }),
  }),
  fc.record({ kind: fc.constant('leave' as const), organisationId: fc.constantFrom('B', 'C'), leftOn: dayArb }),
  fc.record({
    kind: fc.constant('agreement' as const),
    effectiveFrom: fc.constantFrom('2025-04', '2025-05'),
    basis: fc.constantFrom('equal' as const, 'turnover' as const, 'headcount' as const),
    managementFeePercent: fc.integer({ min: 0, max: 1000 }).map((x) => new D(x).div(100).toString()),
  }),
  fc.record({
    kind: fc.constant('costChange' as const),
    serviceLineId: fc.option(lineArb, { nil: undefined }),
    percent: fc.integer({ min: -10000, max: 10000 }).map((x) => new D(x).div(100).toString()),
  }),
  fc.record({
    kind: fc.constant('addCost' as const),
    month: fc.constantFrom('2025-04', '2025-05'),
    category: fc.constantFrom('operating' as const, 'investment' as const, 'risk' as const),
    amount: amountArb,
    serviceLineId: lineArb,
  }),
);

describe('scenario shares (property)', () => {
  it('operating shares = operating costs per line and month; fee, investment and risk shares = their totals; differences sum to the totals’ difference', () => {
    fc.assert(
      fc.property(fc.array(changeArb, { minLength: 1, maxLength: 5 }), (raw) => {
        const changes = raw.filter((c) => !(c.kind === 'addCost' && money(c.amount).isZero()));
        fc.pre(changes.length > 0);
        const input = workedExampleInput();
        fc.pre(validateScenario(input, '2025-04', '2025-05', changes).length === 0);
        let r;
        try {
          r = priceScenario(input, '2025-04', '2025-05', changes);
        } catch (e) {
          // Both leavers gone with every activity volume at 0, e.g.: the rules cannot share, and say so.
          if (e instanceof CalculationError) return;
          throw e;
        }
        const ledger = r.scenarioLedger;
        for (const month of ledger.months) {
          const lm = ledger.byMonth.get(month)!;
          for (const line of r.scenarioInput.serviceLines) {
            const costs = r.scenarioInput.costs
              .filter((c) => c.month === month && c.category === 'operating' && c.serviceLineId === line.id)
              .reduce((a, c) => a.plus(money(c.amount)), new D(0));
            let shares = new D(0);
            for (const mm of lm.members.values()) shares = shares.plus(mm.lines.get(line.id)?.operating ?? 0);
            expect(shares.toFixed(2)).toBe(costs.toFixed(2));
          }
        }
        const inRange = r.scenarioInput.costs.filter((c) => c.month >= '2025-04' && c.month <= '2025-05');
        const total = (cat: string, pred: (c: (typeof inRange)[number]) => boolean = () => true) =>
          inRange
            .filter((c) => c.category === cat && pred(c))
            .reduce((a, c) => a.plus(money(c.amount)), new D(0))
            .toFixed(2);
        const items = r.items;
        const s = (k: 'operating' | 'investment' | 'sharedRisk' | 'attributedRisk' | 'charge') => items.reduce((a, i) => a.plus(money(i.scenario[k])), new D(0)).toFixed(2);
        expect(s('operating')).toBe(total('operating'));
        expect(s('investment')).toBe(total('investment'));
        expect(new D(s('sharedRisk')).plus(s('attributedRisk')).toFixed(2)).toBe(total('risk'));
        expect(r.totals.scenario.charge).toBe(s('charge'));
        const diff = items.reduce((a, i) => a.plus(money(i.difference.charge)), new D(0)).toFixed(2);
        expect(diff).toBe(r.totals.difference.charge);
      }),
      { numRuns: 150 },
    );
  });
});

describe('a leaver’s scenario against the exit quote (property)', () => {
  it('each remaining member’s rise over the months, averaged and rounded once, is the quote’s increase; the rises sum exactly to the leaver’s operating + fee', () => {
    const turnoverArb = fc.integer({ min: 1, max: 900 }).map((x) => `${x}000000.00`);
    const costArb = fc.integer({ min: 100, max: 20_000_000 }).map((p) => new D(p).div(100).toFixed(2));
    fc.assert(
      fc.property(fc.tuple(turnoverArb, turnoverArb, turnoverArb), fc.array(costArb, { minLength: 4, maxLength: 4 }), ([ta, tb, tc], amounts) => {
        const input = workedExampleInput();
        input.members = input.members.map((m, i) => ({ ...m, annualTurnover: [ta, tb, tc][i] }));
        input.costs = input.costs.map((c) => (c.category === 'operating' ? { ...c, amount: amounts[['c1', 'c2', 'c3', 'c4'].indexOf(c.id)] } : c));
        const q = exitQuote(input, workedExampleExitTerms('cooperative'), { organisationId: 'B', noticeDate: '2025-06-10' }) as CooperativeExitQuote;
        const n = q.chargingMonths.length;
        const r = priceScenario(input, q.chargingMonths[0], q.chargingMonths[n - 1], [{ kind: 'leave', organisationId: 'B', leftOn: '2025-03-31' }]);
        const rise = (id: string) => {
          const d = r.items.find((i) => i.organisationId === id)!.difference;
          return money(d.operating).plus(money(d.fee));
        };
        const b = r.items.find((i) => i.organisationId === 'B')!.current;
        expect(rise('A').plus(rise('C')).toFixed(2)).toBe(money(b.operating).plus(money(b.fee)).toFixed(2));
        for (const x of q.remainingMembers) expect(rise(x.organisationId).div(n).toDecimalPlaces(2, D.ROUND_HALF_EVEN).toFixed(2)).toBe(x.averageMonthlyIncrease.toFixed(2));
      }),
      { numRuns: 100 },
    );
  });
});
