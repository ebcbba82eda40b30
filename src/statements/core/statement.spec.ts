import { computeLedger } from './charges';
import { buildStatement, buildStatements, formatStatement } from './statement';
import { coopTerms, ledgerInput, member } from './test-helpers';

describe('statements (domain.md §5)', () => {
  it('baseline is Σ annual × f / 12 computed exactly and rounded once', () => {
    // 16/31 + 1 + 15/31 = 2 months exactly: 0.15 × 2 / 12 = 0.025 → half to even → 0.02;
    // 0.06 × 2 / 12 = 0.01 (rounding per month would give 0.00).
    for (const [annual, expected] of [
      ['0.15', '0.02'],
      ['0.06', '0.01'],
      ['0.21', '0.04'],
    ]) {
      const input = ledgerInput({
        members: [member('A', { isHost: true }), member('B', { joinedOn: '2025-01-16', leftOn: '2025-03-15' })],
        baselines: [{ organisationId: 'B', serviceLineId: 'S', annualAmount: annual }],
      });
      const s = formatStatement(buildStatement(computeLedger(input, '2025-01', '2025-03'), 'B'));
      expect([annual, s.baseline, s.serviceLines[0].baseline]).toEqual([annual, expected, expected]);
    }
  });

  it('baseline counts only the service lines the member receives', () => {
    const input = ledgerInput({
      serviceLines: [
        { id: 'S', code: 'SVC', recipientIds: null },
        { id: 'T', code: 'TWO', recipientIds: ['A'] },
      ],
      baselines: [
        { organisationId: 'B', serviceLineId: 'S', annualAmount: '1200.00' },
        { organisationId: 'B', serviceLineId: 'T', annualAmount: '99999.00' },
      ],
    });
    const s = formatStatement(buildStatement(computeLedger(input, '2025-04', '2025-06'), 'B'));
    expect(s.baseline).toBe('300.00');
    expect(s.serviceLines.map((l) => l.code)).toEqual(['SVC']);
  });

  it('savingsPercent is null when the baseline is 0, and may be negative', () => {
    const input = ledgerInput({
      costs: [{ id: 'c', month: '2025-04', category: 'operating', amount: '300.00', serviceLineId: 'S', attributableTo: null }],
      baselines: [{ organisationId: 'B', serviceLineId: 'S', annualAmount: '360.00' }],
    });
    const l = computeLedger(input, '2025-04', '2025-04');
    const [a, b] = buildStatements(l).map(formatStatement);
    expect(a.savingsPercent).toBeNull();
    expect(a.savings).toBe('-100.00');
    // baseline 30.00, charge 100.00 → savings −70.00 → −233.33 %
    expect([b.baseline, b.charge, b.savings, b.savingsPercent]).toEqual(['30.00', '100.00', '-70.00', '-233.33']);
  });

  it('co-operative host extras are on the host only; zero amounts print as 0.00', () => {
    const input = ledgerInput({ terms: coopTerms({ managementFeePercent: '10' }) });
    const [a, b] = buildStatements(computeLedger(input, '2025-04', '2025-04')).map(formatStatement);
    expect([a.feeIncome, a.creditsFunded, a.income]).toEqual(['0.00', '0.00', undefined]);
    expect([b.feeIncome, b.creditsFunded]).toEqual([undefined, undefined]);
    expect(b).toMatchObject({ operating: '0.00', credits: '0.00', charge: '0.00', savings: '0.00', savingsPercent: null });
  });

  it('refuses a range outside the ledger and an unknown member', () => {
    const l = computeLedger(ledgerInput(), '2025-04', '2025-05');
    expect(() => buildStatement(l, 'B', '2025-03', '2025-05')).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => buildStatement(l, 'Z')).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});
