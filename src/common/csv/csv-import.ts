/**
 * What the CSV imports (measurements, benchmark returns) share: the upload check (Content-Type
 * text/csv, else 415; a declared Content-Length over the cap, 413), reading the body through
 * csv-parse as it arrives with the byte cap enforced while reading (413), the header check (every
 * column once, any order), the too-many-columns row check, and the bad-row list with its cap.
 *
 * The file's own problems are 400 `validation_error` with { row (line number, header = 1), field,
 * message } errors; a client that goes away or a database failure is not the file's fault and is
 * passed on as it is.
 */
import { CsvError, parse } from 'csv-parse';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { DomainError, ValidationError, type FieldError } from '../errors/domain-error';

/** Bad rows listed in one answer; the count of the rest is given. */
export const MAX_LISTED_ERRORS = 5000;

/** 413 for a CSV upload over its byte cap (declared, streamed or spooled). */
export function tooLarge(maxBytes: number): DomainError {
  return new DomainError('payload_too_large', 413, `The file is larger than ${maxBytes} bytes`);
}

/** 415 unless the body is declared text/csv; 413 when its declared length is over `maxBytes`. */
export function checkCsvUpload(req: { headers: IncomingHttpHeaders }, maxBytes: number): void {
  if (!/^text\/csv\b/i.test(req.headers['content-type'] ?? '')) {
    throw new DomainError('unsupported_media_type', 415, 'Send the file with Content-Type: text/csv');
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
}

/** One data row: its line number and its cells by header name (missing cells are ''). */
export interface CsvRow<H extends readonly string[]> {
  line: number;
  cells: Record<H[number], string>;
  /**
   * A fault of the row itself, whatever its cells mean: "expected N columns, found M" (field `row`)
   * when it has more cells than the header, else a NUL character in a cell (field = the column;
   * PostgreSQL text cannot hold one).
   */
  extra: FieldError | null;
}

/** Column positions of `header` in the file's first record, or every missing, unknown and repeated column. */
export function headerColumns(expected: readonly string[], record: readonly string[]): { columns?: number[]; errors: FieldError[] } {
  const names = record.map((h) => h.trim());
  const missing = expected.filter((h) => !names.includes(h));
  const unknown = names.filter((h) => !expected.includes(h));
  const seen = new Set<string>();
  const repeated = names.filter((h) => (seen.has(h) ? true : (seen.add(h), false)));
  const errors: FieldError[] = [
    ...missing.map((h) => ({ row: 1, field: h, message: `missing column ${h}` })),
    ...unknown.map((h) => ({ row: 1, field: h || '(empty)', message: `unknown column ${h || '(empty)'}` })),
    ...[...new Set(repeated)].filter((h) => expected.includes(h)).map((h) => ({ row: 1, field: h, message: `column ${h} appears more than once` })),
  ];
  if (errors.length) return { errors };
  return { columns: expected.map((h) => names.indexOf(h)), errors };
}

/**
 * The data rows of a CSV body, parsed as they arrive (BOM stripped, cells trimmed, empty lines
 * skipped). Throws 400 for an empty file, a wrong header, a header without rows and a file that is
 * not CSV; 413 once more than `maxBytes` have arrived (the rest of the body is read and discarded,
 * so the client gets the answer rather than a stalled upload).
 */
export async function* readCsv<H extends readonly string[]>(body: Readable, opts: { header: H; maxBytes: number }): AsyncGenerator<CsvRow<H>> {
  const { header, maxBytes } = opts;
  const parser = parse({ bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true, max_record_size: 10000 });
  let bytes = 0;
  let overflow = false;
  let done = false;
  const discardRest = (): void => {
    body.unpipe(parser);
    body.resume();
  };
  body.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > maxBytes && !overflow) {
      overflow = true;
      discardRest();
      parser.destroy(tooLarge(maxBytes));
    }
  });
  body.on('error', (e) => parser.destroy(e));
  body.pipe(parser);

  let columns: number[] | null = null;
  let rows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!columns) {
        const h = headerColumns(header, record);
        if (!h.columns) throw new ValidationError(h.errors, `The header must be ${header.join(',')}`);
        columns = h.columns;
        continue;
      }
      rows++;
      const cells = {} as Record<H[number], string>;
      for (const [i, name] of header.entries()) cells[name as H[number]] = record[columns[i]] ?? '';
      const nul = header.find((name) => cells[name as H[number]].includes('\u0000'));
      const extra =
        record.length > header.length
          ? { field: 'row', message: `expected ${header.length} columns, found ${record.length}` }
          : nul !== undefined
            ? { field: nul, message: `${nul} must not contain a NUL character` }
            : null;
      yield { line: info.lines, cells, extra };
    }
    done = true;
  } catch (e) {
    // Only the parser's own errors mean a bad file; a lost connection or a client that went away is not one.
    if (e instanceof CsvError) throw new ValidationError([{ field: 'file', message: `the file is not valid CSV: ${e.message}` }], 'The file is not valid CSV');
    throw e;
  } finally {
    // Stopped early (a bad header, or the caller gave up): let the rest of the body drain.
    if (!done && !overflow) discardRest();
  }
  if (overflow) throw tooLarge(maxBytes);
  if (!columns) throw new ValidationError([{ field: 'file', message: `the file is empty; expected the header ${header.join(',')}` }], 'The file is empty');
  if (!rows) throw new ValidationError([{ field: 'file', message: 'the file has a header but no rows' }], 'The file has no rows');
}

/** The bad rows of an import: every fault counted, the first MAX_LISTED_ERRORS listed. */
export class RowErrors {
  readonly listed: FieldError[] = [];
  count = 0;

  constructor(private readonly max = MAX_LISTED_ERRORS) {}

  /** Records the faults of the row at `line`. */
  add(line: number, errors: readonly FieldError[]): void {
    this.count += errors.length;
    for (const e of errors) if (this.listed.length < this.max) this.listed.push({ row: line, field: e.field, message: e.message });
  }

  get any(): boolean {
    return this.count > 0;
  }

  /** " (N more not listed)" when some were left out, else "". */
  get suffix(): string {
    const more = this.count - this.listed.length;
    return more > 0 ? ` (${more} more not listed)` : '';
  }

  /** 400 listing the bad rows: nothing was written. */
  toError(): ValidationError {
    return new ValidationError(this.listed, `Some rows are invalid; nothing was written${this.suffix}`);
  }
}
