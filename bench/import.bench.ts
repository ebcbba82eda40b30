/**
 * import.csv_vs_copy: a 100,000-row measurement CSV through POST /measurements/import (validated,
 * streamed, staged, upserted, audited) against a raw `COPY` of the same rows into the same
 * `measurements` table (codes already resolved to ids, the table empty both times, with its
 * constraints, indexes and foreign keys): what loading those rows costs the database with no
 * application at all. Taken twice, around the import, and the faster of the two kept.
 *
 * import.csv_vs_bare_copy: the import against a COPY of the same file into a bare text table
 * (no key, no index, no constraint): context only, no goal: it measures the floor of the server's
 * CSV parsing, which no validated write into a constrained table can approach (see README).
 *
 * import.reimport_vs_copy: the same 100,000 rows imported again with every value changed (each row
 * replaced, each change audited with before and after), against the same baseline: context.
 *
 * Plus rows per second and the app's peak RSS (after both imports).
 * Run: npm run build && npx ts-node --transpile-only bench/import.bench.ts
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { addMonths } from '../src/common/months';
import { BenchResult, dropDatabase, freshDatabase, login, peakRssMb, printTable, startApp, stopBenchServer } from './support';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100000);
const KPIS = [
  'PAY_COST_PER_PAYSLIP',
  'PAY_ACCURACY',
  'PAY_ON_TIME',
  'PAY_ERRORS_PCT',
  'FIN_COST_PER_INVOICE',
  'BPPC_NUMBER_PCT',
  'BPPC_VALUE_PCT',
  'FIN_DEBTOR_DAYS',
  'FIN_CREDITOR_DAYS',
  'HR_TIME_TO_HIRE',
];
const ORGS = ['DNV01', 'DRV02', 'DHC03', 'DMA04'];

function writeCsv(file: string, offset = 0): void {
  const lines = ['kpiCode,serviceLine,organisation,month,value'];
  for (let i = 0; i < ROWS; i++) {
    const kpi = KPIS[i % KPIS.length];
    const org = ORGS[Math.floor(i / KPIS.length) % ORGS.length];
    const month = addMonths('2025-07', Math.floor(i / (KPIS.length * ORGS.length)));
    lines.push(`${kpi},PAY,${org},${month},${(90 + offset + (i % 1000) / 100).toFixed(2)}`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** The file with codes replaced by the ids the import resolves them to, as COPY wants them. */
async function writeResolvedCsv(c: Client, consortiumId: string, from: string, to: string): Promise<void> {
  const lines = new Map(
    (await c.query<{ code: string; id: string }>(`SELECT code, id FROM service_lines WHERE consortium_id = $1`, [consortiumId])).rows.map((r) => [r.code, r.id]),
  );
  const orgs = new Map((await c.query<{ ods_code: string; id: string }>(`SELECT ods_code, id FROM organisations WHERE ods_code IS NOT NULL`)).rows.map((r) => [r.ods_code, r.id]));
  const out = fs
    .readFileSync(from, 'utf8')
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((l) => {
      const [kpi, sl, org, month, value] = l.split(',');
      return `${consortiumId},${lines.get(sl)},${kpi},${orgs.get(org)},${month},${value}`;
    });
  fs.writeFileSync(to, out.join('\n') + '\n');
}

export async function runImportBench(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  const file = path.join(dir, 'measurements.csv');
  writeCsv(file);
  const url = await freshDatabase('bench_import');
  // 100,000 rows with one month per key run far past the default date window's 2100.
  const app = await startApp(url, { DATE_WINDOW_END: '9999-12-31' });
  try {
    const token = await login(app.base, 'host.admin@demo.nhs.example', 'demo-password-2025');
    const consortia = (await (await fetch(`${app.base}/api/v1/consortia`, { headers: { authorization: token } })).json()) as { items: { id: string }[] };
    const cid = consortia.items[0].id;
    const rssBefore = peakRssMb(app.child.pid!);

    const c = new Client({ connectionString: url });
    c.on('error', () => undefined); // the server stops under it when the bench fails
    await c.connect();
    // Context: the same bytes COPYed into a bare table on the same server.
    await c.query(`CREATE TABLE bench_plain (kpi_code text, service_line text, organisation text, month text, value numeric)`);
    const bareSec = await timed(() => pipeline(fs.createReadStream(file), c.query(copyFrom(`COPY bench_plain FROM STDIN WITH (FORMAT csv, HEADER true)`))));
    // Baseline: the same rows, ids resolved, COPYed into the measurements table itself.
    const resolved = path.join(dir, 'resolved.csv');
    await writeResolvedCsv(c, cid, file, resolved);
    const copyIntoMeasurements = async () => {
      await c.query(`TRUNCATE measurements`);
      return timed(() =>
        pipeline(
          fs.createReadStream(resolved),
          c.query(copyFrom(`COPY measurements (consortium_id, service_line_id, kpi_code, organisation_id, month, value) FROM STDIN WITH (FORMAT csv)`)),
        ),
      );
    };
    const copy1 = await copyIntoMeasurements();
    await c.query(`TRUNCATE measurements`);
    await c.query(`VACUUM ANALYZE measurements`);

    const postFile = async (f: string) => {
      const t1 = process.hrtime.bigint();
      const res = await fetch(`${app.base}/api/v1/consortia/${cid}/measurements/import`, {
        method: 'POST',
        headers: { authorization: token, 'content-type': 'text/csv', 'content-length': String(fs.statSync(f).size) },
        body: fs.createReadStream(f),
        duplex: 'half',
      });
      const body = (await res.json()) as { accepted?: number; replaced?: number };
      const sec = Number(process.hrtime.bigint() - t1) / 1e9;
      if (!res.ok || body.accepted !== ROWS) throw new Error(`import failed: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
      return { sec, replaced: body.replaced };
    };
    const importSec = (await postFile(file)).sec;
    // The same rows again with every value changed: all replaced, each change audited (before/after).
    const changed = path.join(dir, 'changed.csv');
    writeCsv(changed, -1);
    const again = await postFile(changed);
    if (again.replaced !== ROWS) throw new Error(`re-import replaced ${again.replaced} of ${ROWS}`);
    const rssPeak = peakRssMb(app.child.pid!);
    const copy2 = await copyIntoMeasurements();
    await c.end();
    const copySec = Math.min(copy1, copy2);
    console.log(
      `  COPY into measurements ${copy1.toFixed(2)} s and ${copy2.toFixed(2)} s; import ${importSec.toFixed(2)} s, re-import ${again.sec.toFixed(2)} s; COPY into a bare table ${bareSec.toFixed(3)} s`,
    );
    return [
      {
        name: 'import.csv_vs_copy',
        value: importSec,
        unit: 's',
        baseline: copySec,
        ratio: importSec / copySec,
        goal: '≤ 2',
        note: `${ROWS} rows; baseline: COPY of the same rows into measurements`,
      },
      {
        name: 'import.reimport_vs_copy',
        value: again.sec,
        unit: 's',
        baseline: copySec,
        ratio: again.sec / copySec,
        note: 'the same rows again, every value changed: all replaced and audited',
      },
      { name: 'import.csv_vs_bare_copy', value: importSec, unit: 's', baseline: bareSec, ratio: importSec / bareSec, note: 'context: COPY of the file into a bare text table' },
      { name: 'import.rows_per_second', value: ROWS / importSec, unit: 'rows/s', baseline: ROWS / copySec, ratio: copySec / importSec },
      { name: 'import.peak_rss_mb', value: rssPeak ?? NaN, unit: 'MB', baseline: rssBefore ?? null, ratio: rssPeak && rssBefore ? rssPeak / rssBefore : null, goal: '< 300 MB' },
    ];
  } finally {
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    await dropDatabase('bench_import');
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
