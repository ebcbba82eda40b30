/**
 * Helpers for the PDF specs and the bench (real Chromium, no mocks).
 */
// pdf-parse v1: the package entry point reads a test file in "debug mode"; the lib file does not.
import pdfParseLib from 'pdf-parse/lib/pdf-parse.js';

export function pdfText(buf: Buffer): Promise<{ text: string; numpages: number }> {
  return pdfParseLib(buf);
}

export const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns true or `ms` elapse. */
export async function eventually(check: () => boolean, ms = 2000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await delay(25);
  }
  return check();
}

export { processGroupAlive } from '../process-group';

/** A statement-like A4 document: a heading, a table of `rows` lines, totals; long enough for `pages`. */
export function statementHtml(opts: { org?: string; rows?: number; pageBreak?: boolean; extra?: string } = {}): string {
  const rows = opts.rows ?? 40;
  let body = '';
  for (let i = 1; i <= rows; i++) {
    body +=
      `<tr><td>2025-${String((i % 12) + 1).padStart(2, '0')}</td><td>Service line ${i}: payroll, recruitment and pensions administration</td>` +
      `<td class="n">${(1000 + i * 37.5).toFixed(2)}</td><td class="n">${(950 + i * 36).toFixed(2)}</td></tr>`;
  }
  return (
    '<!doctype html><html><head><meta charset="utf-8"><title>Statement</title><style>' +
    'body{font-family:Arial,Helvetica,sans-serif;font-size:10pt;color:#000}' +
    'h1{font-size:16pt;margin:0 0 4mm}table{width:100%;border-collapse:collapse}' +
    'td,th{border-bottom:1px solid #999;padding:2px 4px;text-align:left}td.n{text-align:right}' +
    '.break{page-break-after:always}</style></head><body>' +
    `<h1>Statement of account</h1><p>Member organisation: ${opts.org ?? 'Northern Shared Services'}</p>` +
    `<table><thead><tr><th>Month</th><th>Service</th><th>Charge</th><th>Baseline</th></tr></thead><tbody>${body}</tbody></table>` +
    (opts.pageBreak ? '<div class="break"></div><h2>Notes</h2><p>Second page of the statement.</p>' : '') +
    (opts.extra ?? '') +
    '<p>Total charge 12345.67</p></body></html>'
  );
}

/** A document that takes Chromium roughly a second per 1000 rows to lay out and print. */
export function heavyHtml(rows: number): string {
  let s = '';
  for (let i = 0; i < rows; i++) s += `<tr><td>Row ${i}</td><td>${'lorem ipsum dolor '.repeat(4)}</td><td>${i * 3}.00</td></tr>`;
  return `<!doctype html><html><body><table>${s}</table><p>END-OF-HEAVY</p></body></html>`;
}
