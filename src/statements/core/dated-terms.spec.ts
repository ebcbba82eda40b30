/**
 * Dated terms (domain.md §12): every month is priced by what stood for it. Exact figures; each case
 * is also checked through month parts (the path closed months take), which must agree.
 */
import { financialYear } from '../../common/months';
import { computeLedger } from './charges';
import { CalculationError } from './errors';
import { monthParts, statementFromParts } from './month-parts';
import { buildStatement, buildStatements, formatStatement, type StatementDto } from './statement';
import { coopTerms, ledgerInput, member } from './test-helpers';
import type { CostEntryInput, LedgerInput } from './types';
import { WORKED_EXAMPLE as EX, workedExampleInput } from './worked-example.fixture';

const op = (month: string, amount: string, serviceLineId = 'S'): CostEntryInput => ({
  id: `c-${month}-${serviceLineId}`,
  month,
  category: 'operating',
  amount,
  serviceLineId,
  attributableTo: null,
});

/** The statement both ways (the ledger's, and the sum of month parts); they must be equal. */
function statement(input: LedgerInput, org: string, from: string, to: string): StatementDto {
  const ledger = computeLedger(input, from, to);
  const direct = formatStatement(buildStatement(ledger, org));
  const model = input.terms.model;
  const fromParts = formatStatement(statementFromParts(org, from, to, monthParts(ledger, org), { model, isHost: org === 'A' }));
  expect(fromParts).toEqual(direct);
  return direct;
}

describe('dated agreement versions (domain.md §12)', () => {
  const twoMembers = [member('A', { isHost: true }), member('B')];

  it('a range across two versions prices each month by its own: fee 2% to September, 3% from October', () => {
    const input = ledgerInput({
      members: twoMembers,
      terms: coopTerms({ managementFeePercent: '3' }),
      termVersions: [
        { effectiveFrom: '2025-04', terms: coopTerms({ managementFeePercent: '2' }) },
        { effectiveFrom: '2025-10', terms: coopTerms({ managementFeePercent: '3' }) },
      ],
      costs: [op('2025-09', '1000.00'), op('2025-10', '1000.00')],
    });
    const s = statement(input, 'B', '2025-09', '2025-10');
    // September: 20.00 fee, 10.00 each; October: 30.00, 15.00 each
    expect([s.operating, s.fee, s.charge]).toEqual(['1000.00', '25.00', '1025.00']);
    expect(s.months).toEqual([
      { month: '2025-09', charge: '510.00', baseline: '0.00' },
      { month: '2025-10', charge: '515.00', baseline: '0.00' },
    ]);
  });

  it('a change of basis from a month: equal shares to September, fixed 70/30 from October', () => {
    const input = ledgerInput({
      members: twoMembers,
      terms: coopTerms({ basis: 'fixed', fixedShares: { A: '70', B: '30' } }),
      termVersions: [
        { effectiveFrom: '2025-04', terms: coopTerms() },
        { effectiveFrom: '2025-10', terms: coopTerms({ basis: 'fixed', fixedShares: { A: '70', B: '30' } }) },
      ],
      costs: [op('2025-09', '1000.00'), op('2025-10', '1000.00')],
    });
    expect(statement(input, 'B', '2025-09', '2025-10').operating).toBe('800.00'); // 500 + 300
    expect(statement(input, 'A', '2025-09', '2025-10').operating).toBe('1200.00'); // 500 + 700
  });

  it('commercial prices of a month come from its version', () => {
    const prices = (annual: string) => ({ model: 'commercial' as const, prices: [{ organisationId: 'B', serviceLineId: 'S', annualPrice: annual }] });
    const input = ledgerInput({
      members: twoMembers,
      terms: prices('24000.00'),
      termVersions: [
        { effectiveFrom: '2025-04', terms: prices('12000.00') },
        { effectiveFrom: '2025-10', terms: prices('24000.00') },
      ],
    });
    expect(statement(input, 'B', '2025-09', '2025-10').operating).toBe('3000.00'); // 1000 + 2000
  });

  it('a month before the first version charges nothing; with costs to share it is no_terms_in_force naming the month', () => {
    const input = ledgerInput({ termVersions: [{ effectiveFrom: '2025-06', terms: coopTerms() }], costs: [op('2025-05', '100.00')] });
    expect(() => computeLedger(input, '2025-05', '2025-06')).toThrow(expect.objectContaining({ code: 'no_terms_in_force', message: expect.stringContaining('2025-05') }) as Error);
    expect(statement(input, 'B', '2025-06', '2025-06').charge).toBe('0.00');
    expect(statement({ ...input, costs: [] }, 'B', '2025-04', '2025-06').charge).toBe('0.00');
  });

  it('versions of another model than the terms are refused', () => {
    const input = ledgerInput({ termVersions: [{ effectiveFrom: '2025-04', terms: { model: 'commercial', prices: [] } }] });
    expect(() => computeLedger(input, '2025-04', '2025-04')).toThrow(CalculationError);
  });

  it('without versions the terms price every month (the worked example and older callers)', () => {
    const input = ledgerInput({ members: twoMembers, terms: coopTerms({ managementFeePercent: '2' }), costs: [op('2025-04', '1000.00')] });
    expect(statement(input, 'B', '2025-04', '2025-04').fee).toBe('10.00');
  });
});

describe('dated baselines (domain.md §12)', () => {
  it('a joiner after a close is measured against its own baseline from its joining month, not £0', () => {
    const input = ledgerInput({
      members: [member('A', { isHost: true }), member('B', { joinedOn: '2025-07-01' })],
      baselines: [{ organisationId: 'B', serviceLineId: 'S', annualAmount: '12000.00', effectiveFrom: '2025-07' }],
      costs: [op('2025-07', '600.00'), op('2025-08', '600.00')],
    });
    const s = statement(input, 'B', '2025-06', '2025-08');
    expect([s.baseline, s.charge, s.savings, s.savingsPercent]).toEqual(['2000.00', '600.00', '1400.00', '70.00']);
    expect(s.months.map((m) => m.baseline)).toEqual(['0.00', '1000.00', '1000.00']);
  });

  it('a new baseline row applies from its month; earlier months keep the old one', () => {
    const input = ledgerInput({
      baselines: [
        { organisationId: 'B', serviceLineId: 'S', annualAmount: '12000.00', effectiveFrom: '2025-04' },
        { organisationId: 'B', serviceLineId: 'S', annualAmount: '24000.00', effectiveFrom: '2025-10' },
      ],
    });
    const s = statement(input, 'B', '2025-09', '2025-10');
    expect(s.baseline).toBe('3000.00');
    expect(s.serviceLines[0].baseline).toBe('3000.00');
    expect(s.months.map((m) => m.baseline)).toEqual(['1000.00', '2000.00']);
  });

  it('the baseline of a range is still exact and rounded once across a change of row', () => {
    // (0.09 + 0.21) / 12 = 0.025 → 0.02 (half to even); rounded per month it would be 0.01 + 0.02 = 0.03
    const input = ledgerInput({
      baselines: [
        { organisationId: 'B', serviceLineId: 'S', annualAmount: '0.09', effectiveFrom: '2025-04' },
        { organisationId: 'B', serviceLineId: 'S', annualAmount: '0.21', effectiveFrom: '2025-05' },
      ],
    });
    expect(statement(input, 'B', '2025-04', '2025-05').baseline).toBe('0.02');
  });

  it('rows without effectiveFrom apply from the start; rows of the same month add up', () => {
    const input = ledgerInput({
      baselines: [
        { organisationId: 'B', serviceLineId: 'S', annualAmount: '1200.00' },
        { organisationId: 'B', serviceLineId: 'S', annualAmount: '6000.00', effectiveFrom: '2025-06' },
        { organisationId: 'B', serviceLineId: 'S', annualAmount: '6000.00', effectiveFrom: '2025-06' },
      ],
    });
    expect(statement(input, 'B', '2025-05', '2025-06').months.map((m) => m.baseline)).toEqual(['100.00', '1000.00']);
  });
});

describe('service-line go-live (domain.md §12)', () => {
  const lines = [
    { id: 'S', code: 'SVC', recipientIds: null },
    { id: 'T', code: 'TWO', recipientIds: null, goLive: '2025-08' },
  ];

  it('a line going live mid-range has no baseline before it', () => {
    const input = ledgerInput({
      serviceLines: lines,
      baselines: [
        { organisationId: 'B', serviceLineId: 'S', annualAmount: '1200.00' },
        { organisationId: 'B', serviceLineId: 'T', annualAmount: '12000.00' },
      ],
      costs: [op('2025-08', '300.00', 'T')],
    });
    const s = statement(input, 'B', '2025-07', '2025-08');
    expect(s.serviceLines.map((l) => [l.code, l.baseline, l.operating])).toEqual([
      ['SVC', '200.00', '0.00'],
      ['TWO', '1000.00', '100.00'],
    ]);
    expect(s.months.map((m) => m.baseline)).toEqual(['100.00', '1100.00']);
  });

  it('a cost on a line before it goes live is refused, naming the line and month', () => {
    const input = ledgerInput({ serviceLines: lines, costs: [op('2025-07', '300.00', 'T')] });
    expect(() => computeLedger(input, '2025-07', '2025-07')).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining('TWO') }) as Error);
  });

  it('a commercial price is charged from the go-live month only', () => {
    const input = ledgerInput({
      members: [member('A', { isHost: true }), member('B')],
      serviceLines: lines,
      terms: { model: 'commercial', prices: [{ organisationId: 'B', serviceLineId: 'T', annualPrice: '12000.00' }] },
    });
    expect(statement(input, 'B', '2025-07', '2025-08').operating).toBe('1000.00');
  });
});

describe('the worked example (domain.md §11) in dated terms', () => {
  it.each(['cooperative', 'commercial'] as const)(
    '%s: one version from April, a driver row of the joining year per member, baselines from each joining month, lines live from the start: every statement unchanged',
    (model) => {
      const plain = workedExampleInput(model);
      const dated: LedgerInput = {
        ...plain,
        termVersions: [{ effectiveFrom: EX.from, terms: plain.terms }],
        // the profile figures are 999 and 1: only the snapshot rows may price the months
        members: plain.members.map((m) => ({
          ...m,
          annualTurnover: '999.00',
          headcount: '1',
          drivers: [{ financialYear: financialYear(m.joinedOn.slice(0, 7)), annualTurnover: m.annualTurnover, headcount: m.headcount }],
        })),
        serviceLines: plain.serviceLines.map((l) => ({ ...l, goLive: EX.from })),
        baselines: plain.baselines.map((b) => ({ ...b, effectiveFrom: plain.members.find((m) => m.organisationId === b.organisationId)!.joinedOn.slice(0, 7) })),
      };
      const of = (input: LedgerInput) => buildStatements(computeLedger(input, EX.from, EX.to)).map(formatStatement);
      const expected = of(plain);
      expect(of(dated)).toEqual(expected);
      if (model === 'cooperative') expect(expected.map((s) => s.savingsPercent)).toEqual(['39.62', '36.79', '32.69']);
    },
  );
});
