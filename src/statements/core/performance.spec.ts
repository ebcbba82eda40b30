/** 50 members × 25 service lines × 36 months: one ledger, every statement, in well under a few seconds. */
import { addMonths, monthRange } from '../../common/months';
import { computeLedger } from './charges';
import { buildStatements } from './statement';
import type { Basis, LedgerInput } from './types';

function bigInput(): LedgerInput {
  const months = monthRange('2023-04', addMonths('2023-04', 35));
  const members = Array.from({ length: 50 }, (_, i) => ({
    organisationId: `org-${String(i).padStart(2, '0')}`,
    name: `Trust ${i}`,
    annualTurnover: `${100000000 + i * 7654321}.${String(i % 100).padStart(2, '0')}`,
    headcount: String(1000 + i * 37),
    joinedOn: i % 7 === 0 ? '2024-01-16' : '2023-04-01',
    leftOn: i % 11 === 5 ? '2025-08-20' : null,
    isHost: i === 0,
  }));
  const bases: Basis[] = ['equal', 'turnover', 'headcount', 'fixed', 'activity'];
  const serviceLines = Array.from({ length: 25 }, (_, j) => ({
    id: `sl-${j}`,
    code: `L${j}`,
    recipientIds: j % 5 === 4 ? members.slice(0, 30).map((m) => m.organisationId) : null,
  }));
  return {
    members,
    serviceLines,
    terms: {
      model: 'cooperative',
      basis: 'turnover',
      serviceLineBases: Object.fromEntries(serviceLines.map((s, j) => [s.id, bases[j % 5]])),
      fixedShares: Object.fromEntries(members.map((m) => [m.organisationId, '2'])),
      managementFeePercent: '2.5',
    },
    costs: months.flatMap((month, k) => [
      ...serviceLines.map((s, j) => ({
        id: `c-${k}-${j}`,
        month,
        category: 'operating' as const,
        amount: `${100000 + j * 1234 + k}.37`,
        serviceLineId: s.id,
        attributableTo: null,
      })),
      { id: `inv-${k}`, month, category: 'investment' as const, amount: '25000.00', serviceLineId: null, attributableTo: null },
      { id: `risk-${k}`, month, category: 'risk' as const, amount: '1234.56', serviceLineId: null, attributableTo: members[k % 50].organisationId },
    ]),
    activity: months.flatMap((month, k) =>
      serviceLines
        .filter((_, j) => j % 5 === 4)
        .flatMap((s) => members.map((m, i) => ({ serviceLineId: s.id, organisationId: m.organisationId, month, volume: String(100 + ((i * 31 + k) % 97)) }))),
    ),
    baselines: members.flatMap((m) => serviceLines.map((s) => ({ organisationId: m.organisationId, serviceLineId: s.id, annualAmount: '250000.00' }))),
    credits: members.slice(1, 20).flatMap((m, i) =>
      months
        .filter((_, k) => k % 3 === 2)
        .map((month) => ({
          organisationId: m.organisationId,
          serviceLineId: `sl-${i % 25}`,
          periodMonths: [addMonths(month, -2), addMonths(month, -1), month],
          creditPercent: '3.5',
        })),
    ),
  };
}

describe('performance', () => {
  it('computes the ledger once and 50 statements over 36 months quickly', () => {
    const input = bigInput();
    const t0 = process.hrtime.bigint();
    const ledger = computeLedger(input, '2023-04', '2026-03');
    const statements = buildStatements(ledger);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    expect(statements).toHaveLength(50);
    expect(statements[1].serviceLines).toHaveLength(25);
    // generous bound for slow CI machines; typically well under one second
    expect(ms).toBeLessThan(8000);

    if (process.env.SHOW_TIMINGS) console.log(`ledger + 50 statements: ${ms.toFixed(0)} ms`);
  });
});
