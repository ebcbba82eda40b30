/**
 * `npm run bench`: runs every bench script, prints one table and writes bench/results.json with
 * entries { name, value, unit, baseline, ratio } — each figure a ratio against a baseline measured in
 * the same run on the same machine (absolute times are noisy here).
 * Pick some with BENCH=import,pdf npm run bench.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runImportBench } from './import.bench';
import { BenchResult, printTable, stopBenchServer } from './support';

type Bench = () => Promise<BenchResult[]>;

async function load(): Promise<Record<string, Bench>> {
  const benches: Record<string, Bench> = { import: runImportBench };
  // Benches of other features register here when their files exist.
  const optional: [string, string, string][] = [
    ['pdf', './pdf.bench', 'runPdfBench'],
    ['statements', './statements.bench', 'runStatementsBench'],
    ['scenario', './scenario.bench', 'runScenarioBench'],
    ['api', './api.bench', 'runApiBench'],
    ['web', './web.bench', 'runWebBench'],
    ['jobs', './jobs.bench', 'runJobsBench'],
  ];
  for (const [name, file, fn] of optional) {
    if (fs.existsSync(path.join(__dirname, `${file}.ts`))) {
      const mod = await import(file);
      benches[name] = mod[fn];
    }
  }
  return benches;
}

async function main(): Promise<void> {
  const benches = await load();
  const only = process.env.BENCH?.split(',').map((s) => s.trim());
  const results: BenchResult[] = [];
  for (const [name, run] of Object.entries(benches)) {
    if (only && !only.includes(name)) continue;
    console.log(`\n▶ ${name}`);
    try {
      results.push(...(await run()));
    } catch (e) {
      console.error(`bench ${name} failed:`, e);
      process.exitCode = 1;
    }
  }
  await stopBenchServer();
  console.log('');
  printTable(results);
  const file = path.join(__dirname, 'results.json');
  fs.writeFileSync(
    file,
    JSON.stringify(
      results.map(({ name, value, unit, baseline, ratio }) => ({ name, value, unit, baseline, ratio })),
      null,
      2,
    ) + '\n',
  );
  console.log(`\nwritten ${path.relative(process.cwd(), file)}`);
}

void main();
