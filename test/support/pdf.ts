/** Fetching PDFs through the API and reading their text back (pdf-parse v1, as the pool's specs do). */
import type { TestApp } from './app';

const pdfParseLib = require('pdf-parse/lib/pdf-parse.js') as (buf: Buffer, opts?: object) => Promise<{ text: string; numpages: number }>;

export interface Fetched {
  status: number;
  type: string;
  headers: Record<string, string>;
  body: Buffer;
  json: any;
}

export async function fetchPdf(t: TestApp, path: string, token?: string): Promise<Fetched> {
  let r = t.http.get(path).buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });
  if (token) r = r.set('Authorization', token);
  const res = await r;
  const body = res.body as Buffer;
  const type = String(res.headers['content-type'] ?? '');
  return { status: res.status, type, headers: res.headers as Record<string, string>, body, json: type.includes('json') ? JSON.parse(body.toString('utf8')) : null };
}

/** Text of the whole document, and of each page. */
export async function pdfPages(buf: Buffer): Promise<{ text: string; numpages: number; pages: string[] }> {
  const pages: string[] = [];
  const r = await pdfParseLib(buf, {
    pagerender: async (page: any) => {
      const content = await page.getTextContent({ normalizeWhitespace: false, disableCombineTextItems: false });
      let last: number | undefined;
      let text = '';
      for (const item of content.items) {
        if (last === item.transform[5] || last === undefined) text += item.str;
        else text += `\n${item.str}`;
        last = item.transform[5];
      }
      pages.push(text);
      return text;
    },
  });
  return { text: r.text, numpages: r.numpages, pages };
}

/** Keeps a copy of a fetched PDF when REPORT_SAMPLES_DIR is set (to look at the pages: pdftoppm). */
export function keepSample(name: string, pdf: Buffer): void {
  const dir = process.env.REPORT_SAMPLES_DIR;
  if (!dir) return;
  const fs = require('node:fs') as typeof import('node:fs');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(`${dir}/${name}.pdf`, pdf);
}
