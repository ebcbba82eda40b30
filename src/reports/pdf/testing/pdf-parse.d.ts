/** pdf-parse ships no types; the specs use its library file (see pdf-fixtures.ts). */
declare module 'pdf-parse/lib/pdf-parse.js' {
  function pdfParse(buf: Buffer): Promise<{ text: string; numpages: number }>;
  export = pdfParse;
}
