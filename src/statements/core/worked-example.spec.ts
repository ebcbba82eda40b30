/** domain.md §11, every figure to the penny. */
import { formatMoney } from '../../common/money';
import { exitQuote, formatExitQuote } from '../../exit/core/exit-quote';
import { computeLedger } from './charges';
import { buildStatement, buildStatements, formatStatement } from './statement';
import { WORKED_EXAMPLE as EX, workedExampleExitTerms, workedExampleInput, type OrgKey } from './worked-example.fixture';

describe('worked example (domain.md §11), co-operative', () => {
  const ledger = computeLedger(workedExampleInput('cooperative'), EX.from, EX.to);

  it.each(EX.expected.perServiceLine.map((r) => [r.month, r.line, r.org, r] as const))('per service line %s %s %s', (month, line, org, row) => {
    const lc = ledger.byMonth.get(month)!.members.get(org)!.lines.get(line)!;
    expect(formatMoney(lc.operating)).toBe(row.operating);
    expect(formatMoney(lc.fee)).toBe(row.fee);
    expect(formatMoney(lc.credits)).toBe(row.credits);
  });

  it('C has nothing in April (not yet a member)', () => {
    const c = ledger.byMonth.get('2025-04')!.members.get('C')!;
    expect(c.lines.size).toBe(0);
    expect(c.investment.isZero() && c.sharedRisk.isZero() && c.attributedRisk.isZero()).toBe(true);
  });

  it.each(['A', 'B', 'C'] as OrgKey[])('statement of %s', (org) => {
    const dto = formatStatement(buildStatement(ledger, org));
    const expected = EX.expected.statements[org];
    for (const [field, value] of Object.entries(expected)) expect([field, dto[field as keyof typeof dto]]).toEqual([field, value]);
    if (org === 'A') {
      expect(dto.feeIncome).toBe('6575.00');
      expect(dto.creditsFunded).toBe('665.26');
    } else {
      expect(dto.feeIncome).toBeUndefined();
      expect(dto.creditsFunded).toBeUndefined();
    }
    expect(dto.income).toBeUndefined();
    expect(dto.from).toBe('2025-04');
    expect(dto.to).toBe('2025-05');
    expect(dto.organisationId).toBe(org);
  });

  it('savingsPercent to 2 decimals', () => {
    const all = buildStatements(ledger).map(formatStatement);
    // 126774.78 / 320000 = 39.6171…; 74194.44 / 201666.67 = 36.7906…; 10545.77 / 32258.06 = 32.6919…
    expect(all.map((s) => s.savingsPercent)).toEqual(['39.62', '36.79', '32.69']);
  });

  it('service-line breakdown of B and C', () => {
    const b = formatStatement(buildStatement(ledger, 'B'));
    expect(b.serviceLines).toEqual([
      { serviceLineId: 'FIN', code: 'FIN', operating: '72829.61', fee: '1820.74', credits: '0.00', baseline: '158333.33' },
      { serviceLineId: 'PAY', code: 'PAY', operating: '21656.51', fee: '541.42', credits: '-543.45', baseline: '43333.33' },
    ]);
    const c = formatStatement(buildStatement(ledger, 'C'));
    expect(c.serviceLines).toEqual([
      { serviceLineId: 'FIN', code: 'FIN', operating: '10643.02', fee: '266.08', credits: '0.00', baseline: '25806.45' },
      { serviceLineId: 'PAY', code: 'PAY', operating: '3961.22', fee: '99.03', credits: '-121.81', baseline: '6451.61' },
    ]);
  });

  it('monthly series for the chart', () => {
    const b = formatStatement(buildStatement(ledger, 'B'));
    expect(b.months).toEqual([
      { month: '2025-04', charge: '50752.03', baseline: '100833.33' },
      { month: '2025-05', charge: '76720.20', baseline: '100833.33' },
    ]);
    const c = formatStatement(buildStatement(ledger, 'C'));
    expect(c.months).toEqual([
      { month: '2025-04', charge: '0.00', baseline: '0.00' },
      { month: '2025-05', charge: '21712.29', baseline: '32258.06' },
    ]);
  });

  it('a sub-range statement uses only its months', () => {
    const b = formatStatement(buildStatement(ledger, 'B', '2025-04', '2025-04'));
    expect(b.charge).toBe('50752.03');
    expect(b.credits).toBe('0.00');
  });

  it('exit quote for B, every figure', () => {
    const q = exitQuote(workedExampleInput('cooperative'), workedExampleExitTerms('cooperative'), {
      organisationId: 'B',
      noticeDate: EX.exitRequest.noticeDate,
      redundancyCosts: EX.exitRequest.redundancyCosts,
    });
    const dto = formatExitQuote(q);
    expect(dto).toEqual({
      ...EX.expected.exitQuoteB,
      // A absorbs all of April (C not yet a member) and its turnover/activity share of May.
      remainingMembers: [
        { organisationId: 'A', averageMonthlyIncrease: '44606.68' },
        { organisationId: 'C', averageMonthlyIncrease: '3817.46' },
      ],
    });
    if (q.model === 'cooperative') expect(q.chargingMonths).toEqual(['2025-04', '2025-05']);
  });
});

describe('worked example (domain.md §11), shared_services_company', () => {
  const ledger = computeLedger(workedExampleInput('commercial'), EX.from, EX.to);

  it.each(['A', 'B', 'C'] as OrgKey[])('statement of %s', (org) => {
    const dto = formatStatement(buildStatement(ledger, org));
    expect({ charge: dto.charge, credits: dto.credits }).toEqual(EX.expected.commercial.statements[org]);
    expect(dto.fee).toBe('0.00');
    expect(dto.investment).toBe('0.00');
    expect(dto.sharedRisk).toBe('0.00');
    expect(dto.attributedRisk).toBe('0.00');
  });

  it('monthly prices are rounded per month and service line', () => {
    const b = ledger.byMonth.get('2025-05')!.members.get('B')!;
    expect(formatMoney(b.lines.get('FIN')!.operating)).toBe('63333.33');
    expect(formatMoney(b.lines.get('PAY')!.operating)).toBe('17333.33');
    const c = ledger.byMonth.get('2025-05')!.members.get('C')!;
    expect(formatMoney(c.lines.get('FIN')!.operating)).toBe('20645.16');
    expect(formatMoney(c.lines.get('PAY')!.operating)).toBe('5161.29');
  });

  it('host extras: income, costs, margin', () => {
    const a = formatStatement(buildStatement(ledger, 'A'));
    // income = B 160466.65 + C 25651.61; costs = every cost entry 336500.00
    expect(a.income).toBe('186118.26');
    expect(a.costs).toBe('336500.00');
    expect(a.margin).toBe('-150381.74');
    expect(a.feeIncome).toBeUndefined();
    expect(a.creditsFunded).toBeUndefined();
  });

  it('exit quote for B', () => {
    const q = exitQuote(workedExampleInput('commercial'), workedExampleExitTerms('commercial'), {
      organisationId: 'B',
      noticeDate: EX.exitRequest.noticeDate,
      redundancyCosts: EX.exitRequest.redundancyCosts,
    });
    expect(formatExitQuote(q)).toEqual(EX.expected.commercial.exitQuoteB);
  });
});
