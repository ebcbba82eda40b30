/**
 * import.csv_vs_copy: a 100,000-row measurement CSV through POST /measurements/import (validated,
 * streamed, staged, upserted, audited) against a raw `COPY` of the same file into a plain table, in
 * the same run on the same server; plus rows per second and the app's peak RSS.
 * Run: npm run build && npx ts-node --transpile-only bench/import.bench.ts
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { addMonths } from '../src/common/months';
import { BenchResult, freshDatabase, login, peakRssMb, printTable, startApp, stopBenchServer } from './support';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100000);
const KPIS = ['PAY_COST_PER_PAYSLIP', 'PAY_ACCURACY', 'PAY_ON_TIME', 'PAY_ERRORS_PCT', 'FIN_COST_PER_INVOICE', 'BPPC_NUMBER_PCT', 'BPPC_VALUE_PCT', 'FIN_DEBTOR_DAYS', 'FIN_CREDITOR_DAYS', 'HR_TIME_TO_HIRE'];
const ORGS = ['DNV01', 'DRV02', 'DHC03', 'DMA04'];

function writeCsv(file: string): void {
  const lines = ['kpiCode,serviceLine,organisation,month,value'];
  for (let i = 0; i < ROWS; i++) {
    const kpi = KPIS[i % KPIS.length];
    const org = ORGS[Math.floor(i / KPIS.length) % ORGS.length];
    const month = addMonths('2025-07', Math.floor(i / (KPIS.length * ORGS.length)));
    lines.push(`${kpi},PAY,${org},${month},${(90 + (i % 1000) / 100).toFixed(2)}`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

export async function runImportBench(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  const file = path.join(dir, 'measurements.csv');
  writeCsv(file);
  const url = await freshDatabase('bench_import');
  const app = await startApp(url);
  try {
    const token = await login(app.base, 'host.admin@demo.nhs.example', 'demo-password-2025');
    const consortia = (await (await fetch(`${app.base}/api/v1/consortia`, { headers: { authorization: token } })).json()) as { items: { id: string }[] };
    const cid = consortia.items[0].id;
    const rssBefore = peakRssMb(app.child.pid!);

    // Baseline: the same bytes COPYed into a plain table on the same server.
    const c = new Client({ connectionString: url });
    await c.connect();
    await c.query(`CREATE TABLE bench_plain (kpi_code text, service_line text, organisation text, month text, value numeric)`);
    const t0 = process.hrtime.bigint();
    await pipeline(fs.createReadStream(file), c.query(copyFrom(`COPY bench_plain FROM STDIN WITH (FORMAT csv, HEADER true)`)));
    const copySec = Number(process.hrtime.bigint() - t0) / 1e9;
    await c.end();

    const t1 = process.hrtime.bigint();
    const res = await fetch(`${app.base}/api/v1/consortia/${cid}/measurements/import`, {
      method: 'POST',
      headers: { authorization: token, 'content-type': 'text/csv', 'content-length': String(fs.statSync(file).size) },
      body: fs.createReadStream(file) as unknown as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    const body = (await res.json()) as { accepted?: number };
    const importSec = Number(process.hrtime.bigint() - t1) / 1e9;
    if (!res.ok || body.accepted !== ROWS) throw new Error(`import failed: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
    const rssPeak = peakRssMb(app.child.pid!);
    return [
      { name: 'import.csv_vs_copy', value: importSec, unit: 's', baseline: copySec, ratio: importSec / copySec, goal: '≤ 2', note: `${ROWS} rows` },
      { name: 'import.rows_per_second', value: ROWS / importSec, unit: 'rows/s', baseline: ROWS / copySec, ratio: copySec / importSec },
      { name: 'import.peak_rss_mb', value: rssPeak ?? NaN, unit: 'MB', baseline: rssBefore ?? null, ratio: rssPeak && rssBefore ? rssPeak / rssBefore : null, goal: '< 300 MB' },
    ];
  } finally {
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runImportBench()
    .then((r) => printTable(r))
    .catch((e) => {
      console.error(e);
      process.exitCode = 1;
    })
    .finally(() => stopBenchServer());
}
