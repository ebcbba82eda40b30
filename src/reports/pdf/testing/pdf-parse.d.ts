/** pdf-parse ships no types; the specs and e2e tests use its library file and its bundled pdf.js (see pdf-fixtures.ts, test/support/pdf.ts). */
declare module 'pdf-parse/lib/pdf-parse.js' {
  interface TextItem {
    str: string;
    transform: number[];
  }
  interface PdfPage {
    getTextContent(opts: { normalizeWhitespace: boolean; disableCombineTextItems: boolean }): Promise<{ items: TextItem[] }>;
  }
  function pdfParse(buf: Buffer, opts?: { pagerender?: (page: PdfPage) => Promise<string> }): Promise<{ text: string; numpages: number }>;
  export = pdfParse;
}

declare module 'pdf-parse/lib/pdf.js/v1.10.100/build/pdf.js' {
  interface OutlineItem {
    title: string;
    dest: string | unknown[] | null;
    items: OutlineItem[];
  }
  interface PdfDocument {
    getDestination(name: string): Promise<unknown[] | null>;
    getPageIndex(ref: unknown): Promise<number>;
    getOutline(): Promise<OutlineItem[] | null>;
    destroy(): void;
  }
  const PDFJS: { disableWorker: boolean; getDocument(buf: Buffer): Promise<PdfDocument> };
  export = PDFJS;
}
