/** Statements summed from month parts equal the core's statements, however the range is split. */
import fc from 'fast-check';
import { D } from '../../common/money';
import { monthRange } from '../../common/months';
import { computeLedger } from './charges';
import { CalculationError } from './errors';
import { emptyMonthPart, monthPartFromJson, monthPartToJson, monthParts, statementFromParts } from './month-parts';
import { buildStatement, formatStatement } from './statement';
import type { LedgerInput, MemberInput } from './types';
import { WORKED_EXAMPLE as EX, workedExampleInput, type OrgKey } from './worked-example.fixture';

function viaParts(input: LedgerInput, org: string, from: string, to: string, roundTrip = false) {
  const ledger = computeLedger(input, from, to);
  let parts = monthParts(ledger, org);
  if (roundTrip) parts = parts.map((p) => monthPartFromJson(JSON.parse(JSON.stringify(monthPartToJson(p)))));
  return formatStatement(statementFromParts(org, from, to, parts, { model: input.terms.model, isHost: ledger.hostId === org }));
}

describe('month parts', () => {
  it.each([
    ['cooperative', 'A'],
    ['cooperative', 'B'],
    ['cooperative', 'C'],
    ['commercial', 'A'],
    ['commercial', 'B'],
    ['commercial', 'C'],
  ] as const)('worked example, %s, %s: parts give the core statement for every range', (model, org: OrgKey) => {
    const input = workedExampleInput(model);
    for (const [from, to] of [
      ['2025-04', '2025-05'],
      ['2025-04', '2025-04'],
      ['2025-05', '2025-05'],
      ['2025-03', '2025-07'],
    ]) {
      const core = formatStatement(buildStatement(computeLedger(input, from, to), org));
      expect(viaParts(input, org, from, to)).toEqual(core);
      expect(viaParts(input, org, from, to, true)).toEqual(core);
    }
  });

  it('months frozen one by one and summed give the same statement as the whole range', () => {
    const input = workedExampleInput('cooperative');
    for (const org of ['A', 'B', 'C']) {
      const frozen = ['2025-04', '2025-05'].flatMap((m) => monthParts(computeLedger(input, m, m), org)).map((p) => monthPartFromJson(monthPartToJson(p)));
      const s = formatStatement(statementFromParts(org, '2025-04', '2025-05', frozen, { model: 'cooperative', isHost: org === 'A' }));
      expect(s).toEqual(formatStatement(buildStatement(computeLedger(input, '2025-04', '2025-05'), org)));
      expect(s.charge).toBe(EX.expected.statements[org as OrgKey].charge);
      expect(s.baseline).toBe(EX.expected.statements[org as OrgKey].baseline);
    }
  });

  it('a missing month counts as nothing; an empty part lists its lines at zero', () => {
    const s = formatStatement(
      statementFromParts(
        'X',
        '2025-01',
        '2025-02',
        [
          emptyMonthPart('X', '2025-02', [
            { serviceLineId: 'b', code: 'PAY' },
            { serviceLineId: 'a', code: 'FIN' },
          ]),
        ],
        { model: 'cooperative', isHost: false },
      ),
    );
    expect(s.charge).toBe('0.00');
    expect(s.savingsPercent).toBeNull();
    expect(s.serviceLines.map((l) => l.code)).toEqual(['FIN', 'PAY']);
    expect(s.months).toEqual([
      { month: '2025-01', charge: '0.00', baseline: '0.00' },
      { month: '2025-02', charge: '0.00', baseline: '0.00' },
    ]);
  });

  it('refuses two parts for one month', () => {
    const p = emptyMonthPart('X', '2025-02', []);
    expect(() => statementFromParts('X', '2025-01', '2025-02', [p, p], { model: 'cooperative', isHost: false })).toThrow(CalculationError);
  });

  it('property: random consortia, random split points', () => {
    const MONTHS = monthRange('2025-01', '2025-06');
    const day = fc.record({ m: fc.integer({ min: 1, max: 6 }), d: fc.integer({ min: 1, max: 28 }) }).map(({ m, d }) => `2025-0${m}-${String(d).padStart(2, '0')}`);
    const amount = fc.bigInt({ min: -50_000n, max: 5_000_000n }).map((p) => new D(p.toString()).div(100).toFixed(2));
    const arb = fc.record({
      n: fc.integer({ min: 1, max: 4 }),
      joins: fc.array(day, { minLength: 4, maxLength: 4 }),
      lines: fc.integer({ min: 1, max: 3 }),
      costs: fc.array(fc.record({ m: fc.integer({ min: 0, max: 5 }), cat: fc.constantFrom('operating', 'investment', 'risk'), amount, line: fc.integer({ min: 0, max: 2 }) }), {
        maxLength: 10,
      }),
      model: fc.constantFrom('cooperative', 'commercial'),
      credit: fc.integer({ min: 0, max: 900 }),
      split: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(arb, (g) => {
        const members: MemberInput[] = Array.from({ length: g.n }, (_, i) => ({
          organisationId: `m${i}`,
          name: `M${i}`,
          annualTurnover: `${(i + 1) * 1000000}.00`,
          headcount: String(100 * (i + 1)),
          joinedOn: i === 0 ? '2025-01-01' : g.joins[i],
          leftOn: null,
          isHost: i === 0,
        }));
        const lines = Array.from({ length: g.lines }, (_, j) => ({ id: `s${j}`, code: `L${j}`, recipientIds: null }));
        const input: LedgerInput = {
          members,
          serviceLines: lines,
          terms:
            g.model === 'cooperative'
              ? { model: 'cooperative', basis: 'turnover', serviceLineBases: {}, fixedShares: {}, managementFeePercent: '2.5' }
              : {
                  model: 'commercial',
                  prices: members.flatMap((m, i) => lines.map((l, j) => ({ organisationId: m.organisationId, serviceLineId: l.id, annualPrice: `${12345 * (i + 1) + j}.67` }))),
                },
          costs: g.costs.map((c, k) => ({
            id: `c${k}`,
            month: MONTHS[c.m],
            category: c.cat as 'operating',
            amount: c.amount === '0.00' ? '1.00' : c.amount,
            serviceLineId: c.cat === 'operating' ? `s${Math.min(c.line, g.lines - 1)}` : null,
            attributableTo: null,
          })),
          activity: [],
          baselines: members.flatMap((m, i) => lines.map((l) => ({ organisationId: m.organisationId, serviceLineId: l.id, annualAmount: `${(i + 1) * 98765}.43` }))),
          credits: members
            .slice(1)
            .map((m) => ({ organisationId: m.organisationId, serviceLineId: 's0', periodMonths: [MONTHS[3]], creditPercent: new D(g.credit).div(100).toString() })),
        };
        const from = MONTHS[0];
        const to = MONTHS[5];
        const cut = MONTHS[g.split];
        let whole;
        try {
          whole = computeLedger(input, from, to);
        } catch (e) {
          expect(e).toBeInstanceOf(CalculationError);
          return;
        }
        for (const m of members) {
          const core = formatStatement(buildStatement(whole, m.organisationId));
          // frozen months up to `cut` computed month by month, the rest as one ledger
          const frozen = monthRange(from, cut)
            .flatMap((mo) => monthParts(computeLedger(input, mo, mo), m.organisationId))
            .map((p) => monthPartFromJson(monthPartToJson(p)));
          const rest = cut === to ? [] : monthParts(whole, m.organisationId, MONTHS[g.split + 1], to);
          const s = formatStatement(statementFromParts(m.organisationId, from, to, [...frozen, ...rest], { model: input.terms.model, isHost: m.isHost }));
          expect(s).toEqual(core);
        }
      }),
      { numRuns: 150 },
    );
  });
});
