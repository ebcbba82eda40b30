import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dosDateTime, uniqueNames, zip, zipSize, type ZipEntry } from './zip';

const AT = new Date('2025-07-03T09:15:42Z');

function withArchive<T>(buf: Buffer, f: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'zip-spec-'));
  try {
    const file = join(dir, 'a.zip');
    writeFileSync(file, buf);
    return f(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('zip (stored entries)', () => {
  const entries: ZipEntry[] = [
    { name: 'Riverside Community NHS Trust statement 2025-04 to 2025-06.pdf', data: Buffer.from('%PDF-1.4 riverside\n'), modified: AT },
    { name: 'Hillcrest – ünïcode.pdf', data: Buffer.alloc(70_000, 7), modified: AT },
    { name: 'empty.txt', data: Buffer.alloc(0), modified: AT },
  ];

  it('round-trips through unzip: the names, sizes, dates and every byte (CRC checked by unzip -t)', async () => {
    const buf = await zip(entries);
    expect(buf.length).toBe(zipSize(entries.map((e) => ({ name: e.name, size: e.data.length }))));
    withArchive(buf, (file) => {
      expect(execFileSync('unzip', ['-tq', file]).toString()).toContain('No errors detected');
      const listing = execFileSync('unzip', ['-Z', '-1', file]).toString('utf8').trim().split('\n');
      expect(listing).toEqual(entries.map((e) => e.name));
      const verbose = execFileSync('unzip', ['-l', file]).toString('utf8');
      expect(verbose).toContain('2025-07-03 09:15');
      expect(verbose).toMatch(/70000\s+2025-07-03/);
      for (const e of entries) expect(execFileSync('unzip', ['-p', file, e.name])).toEqual(e.data);
    });
  });

  it('reads its own headers: signatures, stored method, UTF-8 flag, the end record counting every entry', async () => {
    const buf = await zip(entries);
    expect(buf.readUInt32LE(0)).toBe(0x04034b50);
    expect(buf.readUInt16LE(6)).toBe(0x0800);
    expect(buf.readUInt16LE(8)).toBe(0);
    const end = buf.subarray(buf.length - 22);
    expect(end.readUInt32LE(0)).toBe(0x06054b50);
    expect(end.readUInt16LE(10)).toBe(3);
    const cdOffset = end.readUInt32LE(16);
    expect(buf.readUInt32LE(cdOffset)).toBe(0x02014b50);
    expect(cdOffset + end.readUInt32LE(12)).toBe(buf.length - 22);
  });

  it('an empty archive is the end record alone', async () => {
    const buf = await zip([]);
    expect(buf.length).toBe(22);
    expect(zipSize([])).toBe(22);
  });

  it('refuses names that would write outside the folder', async () => {
    for (const name of ['../x.pdf', '/etc/passwd', 'a\\b.pdf', '']) await expect(zip([{ name, data: Buffer.from('x'), modified: AT }])).rejects.toThrow('bad entry name');
  });

  it('DOS dates: two-second steps, clamped to 1980', () => {
    expect(dosDateTime(AT)).toEqual({ date: (45 << 9) | (7 << 5) | 3, time: (9 << 11) | (15 << 5) | 21 });
    expect(dosDateTime(new Date('1970-01-01T00:00:00Z'))).toEqual({ date: (0 << 9) | (1 << 5) | 1, time: 0 });
  });

  it('unique names: a repeated name gets a number before its extension', () => {
    expect(uniqueNames(['A.pdf', 'B.pdf', 'a.pdf', 'A.pdf', 'C'])).toEqual(['A.pdf', 'B.pdf', 'a (2).pdf', 'A (3).pdf', 'C']);
  });
});
