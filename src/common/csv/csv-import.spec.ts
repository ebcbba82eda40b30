import { Readable } from 'node:stream';
import { DomainError, ValidationError } from '../errors/domain-error';
import { checkCsvUpload, headerColumns, readCsv, RowErrors } from './csv-import';

const HEADER = ['a', 'b', 'c'] as const;

async function rows(text: string | string[], maxBytes = 1024 * 1024) {
  const body = Readable.from(Array.isArray(text) ? text.map((t) => Buffer.from(t)) : [Buffer.from(text)]);
  const out = [];
  for await (const r of readCsv(body, { header: HEADER, maxBytes })) out.push(r);
  return out;
}

async function failure(text: string | string[], maxBytes?: number): Promise<DomainError> {
  try {
    await rows(text, maxBytes);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('checkCsvUpload', () => {
  it('415 unless text/csv; 413 when the declared length is over the cap', () => {
    expect(() => checkCsvUpload({ headers: { 'content-type': 'text/csv; charset=utf-8', 'content-length': '10' } }, 10)).not.toThrow();
    expect(() => checkCsvUpload({ headers: { 'content-type': 'application/json' } }, 10)).toThrow(expect.objectContaining({ status: 415, code: 'unsupported_media_type' }));
    expect(() => checkCsvUpload({ headers: {} }, 10)).toThrow(expect.objectContaining({ status: 415 }));
    expect(() => checkCsvUpload({ headers: { 'content-type': 'text/csv', 'content-length': '11' } }, 10)).toThrow(
      expect.objectContaining({ status: 413, code: 'payload_too_large' }),
    );
  });
});

describe('headerColumns', () => {
  it('maps columns in any order', () => {
    expect(headerColumns(HEADER, [' c', 'a ', 'b'])).toEqual({ columns: [1, 2, 0], errors: [] });
  });

  it('names every missing, unknown and repeated column', () => {
    expect(headerColumns(HEADER, ['a', 'a', 'x', '']).errors).toEqual([
      { row: 1, field: 'b', message: 'missing column b' },
      { row: 1, field: 'c', message: 'missing column c' },
      { row: 1, field: 'x', message: 'unknown column x' },
      { row: 1, field: '(empty)', message: 'unknown column (empty)' },
      { row: 1, field: 'a', message: 'column a appears more than once' },
    ]);
  });
});

describe('readCsv', () => {
  it('yields cells by header name with line numbers; BOM, blank lines and spaces are ignored', async () => {
    const r = await rows('\uFEFFc,a,b\n 3 ,1,2\n\n6,4\n');
    expect(r).toEqual([
      { line: 2, cells: { a: '1', b: '2', c: '3' }, extra: null },
      { line: 4, cells: { a: '4', b: '', c: '6' }, extra: null },
    ]);
  });

  it('flags a row with more cells than the header', async () => {
    const [r] = await rows('a,b,c\n1,2,3,4\n');
    expect(r.extra).toEqual({ field: 'row', message: 'expected 3 columns, found 4' });
  });

  it('400 for an empty file, a header alone, a wrong header and a file that is not CSV', async () => {
    const empty = await failure('');
    expect(empty).toBeInstanceOf(ValidationError);
    expect(empty.message).toBe('The file is empty');
    expect(empty.errors).toEqual([{ field: 'file', message: 'the file is empty; expected the header a,b,c' }]);

    const headerOnly = await failure('a,b,c\n');
    expect(headerOnly.message).toBe('The file has no rows');
    expect(headerOnly.errors[0].field).toBe('file');

    const wrong = await failure('a,b\n1,2\n');
    expect(wrong.message).toBe('The header must be a,b,c');
    expect(wrong.errors).toEqual([{ row: 1, field: 'c', message: 'missing column c' }]);

    const bad = await failure('a,b,c\n"1,2,3\n');
    expect(bad).toBeInstanceOf(ValidationError);
    expect(bad.message).toBe('The file is not valid CSV');
    expect(bad.errors[0].message).toMatch(/^the file is not valid CSV: /);
  });

  it('413 once more than maxBytes have arrived, whatever was declared', async () => {
    const e = await failure(['a,b,c\n', '1,2,3\n'.repeat(50), '1,2,3\n'.repeat(50)], 400);
    expect(e).toMatchObject({ status: 413, code: 'payload_too_large', message: 'The file is larger than 400 bytes' });
  });

  it('passes on errors of the body stream as they are', async () => {
    const body = new Readable({ read() {} });
    body.push('a,b,c\n');
    setImmediate(() => body.destroy(new Error('client went away')));
    const it = readCsv(body, { header: HEADER, maxBytes: 1000 });
    await expect(it.next()).rejects.toThrow('client went away');
  });
});

describe('RowErrors', () => {
  it('counts every fault, lists the first ones with their line, says how many more', () => {
    const errors = new RowErrors(2);
    expect(errors.any).toBe(false);
    errors.add(2, [{ field: 'a', message: 'bad a' }]);
    errors.add(5, [
      { field: 'b', message: 'bad b' },
      { field: 'c', message: 'bad c' },
    ]);
    expect(errors.count).toBe(3);
    expect(errors.listed).toEqual([
      { row: 2, field: 'a', message: 'bad a' },
      { row: 5, field: 'b', message: 'bad b' },
    ]);
    expect(errors.suffix).toBe(' (1 more not listed)');
    const e = errors.toError();
    expect(e).toMatchObject({ status: 400, code: 'validation_error', message: 'Some rows are invalid; nothing was written (1 more not listed)' });
  });

  it('no suffix when all are listed', () => {
    const errors = new RowErrors();
    errors.add(3, [{ field: 'a', message: 'x' }]);
    expect(errors.suffix).toBe('');
    expect(errors.toError().message).toBe('Some rows are invalid; nothing was written');
  });
});
