/** Fetching PDFs through the API and reading their text back (pdf-parse v1, as the pool's specs do). */
import * as fs from 'node:fs';
import pdfParseLib from 'pdf-parse/lib/pdf-parse.js';
import PDFJS from 'pdf-parse/lib/pdf.js/v1.10.100/build/pdf.js';
import type { TestApp } from './app';

/** A problem document or other JSON body, as the tests read it. */
export interface JsonBody {
  status?: number;
  code?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
  [key: string]: unknown;
}

export interface Fetched {
  status: number;
  type: string;
  headers: Record<string, string>;
  body: Buffer;
  json: JsonBody | null;
}

export async function fetchPdf(t: TestApp, path: string, token?: string): Promise<Fetched> {
  let r = t.http
    .get(path)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  if (token) r = r.set('Authorization', token);
  const res = await r;
  const body = res.body as Buffer;
  const type = String(res.headers['content-type'] ?? '');
  return { status: res.status, type, headers: res.headers, body, json: type.includes('json') ? (JSON.parse(body.toString('utf8')) as JsonBody) : null };
}

/** Text of the whole document, and of each page. */
export async function pdfPages(buf: Buffer): Promise<{ text: string; numpages: number; pages: string[] }> {
  const pages: string[] = [];
  const r = await pdfParseLib(buf, {
    pagerender: async (page) => {
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

interface OutlineNode {
  title: string;
  dest: string | unknown[] | null;
  items: OutlineNode[];
}

/** The document outline (bookmarks): each entry's title, 1-based page and depth, in order. */
export async function pdfOutline(buf: Buffer): Promise<{ title: string; page: number; depth: number }[]> {
  PDFJS.disableWorker = true;
  const doc = await PDFJS.getDocument(buf);
  try {
    const out: { title: string; page: number; depth: number }[] = [];
    const walk = async (items: OutlineNode[] | null, depth: number) => {
      for (const item of items ?? []) {
        const dest = typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest;
        const page = Array.isArray(dest) ? (await doc.getPageIndex(dest[0])) + 1 : 0;
        out.push({ title: item.title, page, depth });
        await walk(item.items, depth + 1);
      }
    };
    await walk(await doc.getOutline(), 0);
    return out;
  } finally {
    doc.destroy();
  }
}

/** Keeps a copy of a fetched PDF when REPORT_SAMPLES_DIR is set (to look at the pages: pdftoppm). */
export function keepSample(name: string, pdf: Buffer): void {
  const dir = process.env.REPORT_SAMPLES_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(`${dir}/${name}.pdf`, pdf);
}
