/**
 * A minimal ZIP writer (PKWARE APPNOTE 6.3): entries stored as they are (method 0, no compression:
 * the entries are PDFs, already compressed), names in UTF-8 (flag bit 11), CRC-32 by node:zlib.
 * No ZIP64: the archive and every entry stay under 4 GiB and 65,535 entries (a batch is a PDF per
 * member, a few hundred KB each), or it throws before writing anything. Pure: bytes in, bytes out.
 *
 * Written here rather than taken from a library so the app gains no dependency (nor install script)
 * for the few dozen lines a stored archive needs.
 */
import { crc32 } from 'node:zlib';

export interface ZipEntry {
  /** The name inside the archive (no leading slash; `/` separates folders). */
  name: string;
  data: Buffer;
  /** Its modification time (DOS time: two-second steps, 1980–2107; read as UTC). */
  modified: Date;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const UTF8 = 0x0800;
const VERSION = 20; // 2.0: the version every unzip reads
const LIMIT = 0xffffffff;

/** The DOS date and time of `d` (UTC), clamped to what DOS dates can hold. */
export function dosDateTime(d: Date): { date: number; time: number } {
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107);
  const clamped = year !== d.getUTCFullYear();
  const date = ((year - 1980) << 9) | ((clamped ? 1 : d.getUTCMonth() + 1) << 5) | (clamped ? 1 : d.getUTCDate());
  const time = clamped ? 0 : (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1);
  return { date, time };
}

/** The size of the archive of entries of these names and sizes (for Content-Length, before reading any). */
export function zipSize(entries: readonly { name: string; size: number }[]): number {
  let n = 22;
  for (const e of entries) n += 30 + 46 + 2 * Buffer.byteLength(e.name, 'utf8') + e.size;
  return n;
}

/** Names made unique by adding " (2)", " (3)", … before the extension of a repeated one. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let i = 2; seen.has(candidate.toLowerCase()); i++) {
      const dot = name.lastIndexOf('.');
      candidate = dot > 0 ? `${name.slice(0, dot)} (${i})${name.slice(dot)}` : `${name} (${i})`;
    }
    seen.add(candidate.toLowerCase());
    return candidate;
  });
}

function checkName(name: string): Buffer {
  if (!name || name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) throw new Error(`zip: bad entry name ${JSON.stringify(name)}`);
  const bytes = Buffer.from(name, 'utf8');
  if (bytes.length > 0xffff) throw new Error('zip: entry name too long');
  return bytes;
}

/**
 * The archive, part by part (each entry's header, then its data; at the end the central directory):
 * an async source of entries is read one at a time, so only one entry's data is held at once.
 */
export async function* zipParts(entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>): AsyncGenerator<Buffer> {
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for await (const e of entries) {
    const name = checkName(e.name);
    const size = e.data.length;
    if (size > LIMIT || offset + 30 + name.length + size > LIMIT) throw new Error('zip: archive too large (ZIP64 is not written)');
    if (++count > 0xffff) throw new Error('zip: too many entries (ZIP64 is not written)');
    const crc = crc32(e.data);
    const { date, time } = dosDateTime(e.modified);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(UTF8, 6);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(size, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(CENTRAL, 0);
    dir.writeUInt16LE(0x0300 | VERSION, 4); // made by: Unix, 2.0 (unzip then takes the names as UTF-8, not as DOS code page 437)
    dir.writeUInt16LE(VERSION, 6);
    dir.writeUInt16LE(UTF8, 8);
    dir.writeUInt16LE(0, 10);
    dir.writeUInt16LE(time, 12);
    dir.writeUInt16LE(date, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(size, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal attributes: 0
    dir.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: a regular file, rw-r--r--
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    yield Buffer.concat([local, name]);
    yield e.data;
    offset += 30 + name.length + size;
  }
  const directory = Buffer.concat(central);
  if (offset + directory.length > LIMIT) throw new Error('zip: archive too large (ZIP64 is not written)');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  yield directory;
  yield end;
}

/** The whole archive in memory (small archives, tests). */
export async function zip(entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of zipParts(entries)) parts.push(p);
  return Buffer.concat(parts);
}
