/**
 * Scenario bench (domain.md §14): a what-if scenario (a trust joins and every service line's costs
 * rise by 3.5 %) over 12 months for 30 members × 20 service lines, priced by the scenario core (both
 * columns: the current ledger and the scenario ledger, every member's statement of each, the
 * differences and the totals), against the plain statements of the same range (computeLedger +
 * buildStatements + formatStatement). Pricing twice is the floor, so the ratio is a little above 2.
 *
 *   npx ts-node bench/scenario.bench.ts
 */
import { priceScenario, type ScenarioChange } from '../src/scenarios/core';
import { buildStatements, computeLedger, formatStatement } from '../src/statements/core';
import type { LedgerInput } from '../src/statements/core/types';
import { benchInput, timeAll } from './statements.bench';
import type { BenchResult } from './support';

const MEMBERS = 30;
const LINES = 20;
const MONTHS = 12;

function statements(input: LedgerInput, from: string, to: string): number {
  const ledger = computeLedger(input, from, to);
  return buildStatements(ledger, from, to).map(formatStatement).length;
}

export async function runScenarioBench(): Promise<BenchResult[]> {
  const { input, from, to } = benchInput(MEMBERS, LINES, MONTHS);
  const changes: ScenarioChange[] = [
    {
      kind: 'join',
      name: 'Joining trust',
      annualTurnover: '250000000.00',
      headcount: '4000',
      joinedOn: `${from}-01`,
      baselines: input.serviceLines.map((s) => ({ serviceLineId: s.id, annualAmount: '300000.00' })),
      activity: input.serviceLines.map((s) => ({ serviceLineId: s.id, monthlyVolume: '2500' })),
    },
    { kind: 'costChange', percent: '3.5' },
  ];
  // sanity: the scenario's current column is the plain statements
  const priced = priceScenario(input, from, to, changes);
  const plain = buildStatements(computeLedger(input, from, to), from, to).map(formatStatement);
  if (JSON.stringify(priced.items.filter((i) => !i.joiner).map((i) => i.current)) !== JSON.stringify(plain)) throw new Error('the current column differs from the statements');
  const [ts, tp] = timeAll([() => statements(input, from, to), () => priceScenario(input, from, to, changes).items.length], 15);
  return [
    { name: 'compute.statements_30x20x12', value: ts, unit: 'ms', baseline: null, ratio: null, note: `${MEMBERS} members × ${LINES} service lines × ${MONTHS} months` },
    {
      name: 'compute.scenario_vs_statement',
      value: tp,
      unit: 'ms',
      baseline: ts,
      ratio: tp / ts,
      goal: '≤ 2.2',
      note: `a join + a costChange priced both ways: ${tp.toFixed(1)} ms vs the plain statements ${ts.toFixed(1)} ms`,
    },
  ];
}

if (require.main === module) {
  runScenarioBench()
    .then((results) => {
      for (const r of results)
        console.log(
          `${r.name.padEnd(34)} ${r.value.toFixed(3).padStart(10)} ${r.unit.padEnd(5)} ratio ${r.ratio === null ? '–' : r.ratio.toFixed(3)}${r.note ? `  (${r.note})` : ''}`,
        );
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
