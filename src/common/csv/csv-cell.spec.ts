import fc from 'fast-check';
import { csvCell, csvRow } from './csv-cell';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['Riverside, Trust', '"Riverside, Trust"'],
    ['plain', 'plain'],
  ])('neutralises %j', (input, out) => {
    expect(csvCell(input)).toBe(out);
  });

  it('keeps numbers, including negative amounts, as numbers', () => {
    expect(csvCell('-543.45')).toBe('-543.45');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });

  it('never emits a cell a spreadsheet would evaluate', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const cell = csvCell(s);
        const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
        return !/^[=+@\t\r]/.test(unquoted) && (!/^-/.test(unquoted) || /^-?\d+(\.\d+)?$/.test(unquoted));
      }),
      { numRuns: 2000 },
    );
  });

  it('joins a row with CRLF', () => {
    expect(csvRow(['a', '=b', 1])).toBe("a,'=b,1\r\n");
  });
});
