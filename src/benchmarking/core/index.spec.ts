import * as fs from 'fs';
import * as path from 'path';
import * as core from './index';
import { WORKED_EXAMPLE_EXPECTED, WORKED_EXAMPLE_RETURNS } from './worked-example.fixture';

describe('benchmarking core index', () => {
  it('exports the whole pipeline', () => {
    expect(core.formatBenchmark(core.benchmark(WORKED_EXAMPLE_RETURNS))).toEqual(WORKED_EXAMPLE_EXPECTED);
    for (const name of ['kpi', 'quartileInc', 'benchmarkAll', 'peerView', 'nationalSavings', 'formatNational', 'BenchmarkError']) {
      expect(typeof (core as Record<string, unknown>)[name]).toBe('function');
    }
  });

  it('imports nothing from frameworks, databases or HTTP', () => {
    for (const f of fs.readdirSync(__dirname).filter((n) => n.endsWith('.ts') && !n.endsWith('.spec.ts'))) {
      const text = fs.readFileSync(path.join(__dirname, f), 'utf8');
      expect([f, /from '(@nestjs|typeorm|express|pg|http|https|supertest)/.test(text)]).toEqual([f, false]);
    }
  });
});
