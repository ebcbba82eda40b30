import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { copyCell } from './copy-writer';

describe('copyCell (COPY … FORMAT csv)', () => {
  it('null is an unquoted empty field, empty text a quoted one', () => {
    expect(copyCell(null)).toBe('');
    expect(copyCell('')).toBe('""');
  });

  it('quotes delimiters, quotes, line ends and backslashes; leaves plain values alone', () => {
    expect(copyCell('PAY_ACCURACY')).toBe('PAY_ACCURACY');
    expect(copyCell('99.25')).toBe('99.25');
    expect(copyCell('a,b')).toBe('"a,b"');
    expect(copyCell('say "hi"')).toBe('"say ""hi"""');
    expect(copyCell('two\nlines')).toBe('"two\nlines"');
    expect(copyCell('\\.')).toBe('"\\."');
  });

  it('any text survives a round trip through a CSV reader (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 6 }), (cells) => {
        const line = cells.map(copyCell).join(',') + '\n';
        expect(parse(line, { relax_column_count: false })).toEqual([cells]);
      }),
    );
  });
});
